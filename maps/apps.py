from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MapsConfig(AppConfig):
    name = "maps"
    verbose_name = _("Maps")

    def ready(self) -> None:
        # AppConfig.ready is where an app may import models: its own, and focus's registry.
        from focus import listings
        from maps.topics import MAPS

        listings.register(MAPS)
