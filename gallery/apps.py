from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GalleryConfig(AppConfig):
    name = "gallery"
    verbose_name = _("Gallery")

    def ready(self) -> None:
        # AppConfig.ready is where an app may import models: its own, and focus's registry.
        from focus import listings
        from gallery.topics import ALBUMS, FILMS

        listings.register(ALBUMS)
        listings.register(FILMS)
