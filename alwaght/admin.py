"""The admin's names, in the language its user chose (and the site's name in it)."""

from django.contrib import admin
from django.utils.functional import lazy
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from common import editions


def _site_header() -> str:
    return gettext("%(site)s newsroom") % {"site": editions.site_name()}


admin.site.site_header = lazy(_site_header, str)()
admin.site.site_title = lazy(editions.site_name, str)()
admin.site.index_title = _("Newsroom")
