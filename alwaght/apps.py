from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AlwaghtConfig(AppConfig):
    """The top layer: settings, root URLs, the pages composed from every app, signal wiring."""

    name = "alwaght"
    verbose_name = _("Site")

    def ready(self) -> None:
        from alwaght import invalidation

        invalidation.connect()
