"""The admin's names, in the language its user chose (and the site's name in it); the site's own
pages (About us, Contact, Privacy policy)."""

import reversion
from django import forms
from django.contrib import admin
from django.utils.functional import lazy
from django.utils.text import capfirst
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django_prose_editor.fields import ProseEditorFormField

from alwaght.models import SitePage
from articles.admin import BODY_EDITOR_EXTENSIONS
from common import editions
from common.editing import EditingAdmin
from common.edition_admin import EditionAdmin


def _site_header() -> str:
    return gettext("%(site)s newsroom") % {"site": editions.site_name()}


admin.site.site_header = lazy(_site_header, str)()
admin.site.site_title = lazy(editions.site_name, str)()
admin.site.index_title = _("Newsroom")


# --- About us, Contact, Privacy policy -------------------------------------------------------

# Every save keeps a version (History, Compare), as for the newsroom's other content.
reversion.register(SitePage)


class SitePageForm(forms.ModelForm):
    body = ProseEditorFormField(
        label=capfirst(SitePage._meta.get_field("body").verbose_name),
        config={"extensions": BODY_EDITOR_EXTENSIONS},
        required=False,
        help_text=SitePage._meta.get_field("body").help_text,
    )

    class Meta:
        model = SitePage
        fields = ["language", "slug", "title", "description", "body", "published"]
        widgets = {
            "title": forms.TextInput(attrs={"class": "vLargeTextField"}),
            "description": forms.Textarea(attrs={"rows": 2, "class": "vLargeTextField"}),
        }


@admin.register(SitePage)
class SitePageAdmin(EditionAdmin, EditingAdmin):
    """Editors write each edition's pages; writers have no permission on them (migration 0007)."""

    form = SitePageForm
    list_display = ["title", "slug", "published", "modified_at"]
    list_filter = ["slug", "published"]
    search_fields = ["title"]
    readonly_fields = ["modified_at"]
    fields = ["language", "slug", "title", "description", "body", "published", "modified_at"]
