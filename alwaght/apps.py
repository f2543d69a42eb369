from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AlwaghtConfig(AppConfig):
    name = "alwaght"
    verbose_name = _("Site")

    def ready(self) -> None:
        from alwaght import invalidation

        invalidation.connect()
