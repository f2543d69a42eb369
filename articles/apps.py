from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ArticlesConfig(AppConfig):
    name = "articles"
    verbose_name = _("Articles")

    def ready(self) -> None:
        # AppConfig.ready is where an app may import models: its own, and focus's registry.
        from articles import search_index
        from articles.topics import TOPIC_CONTENT
        from focus import listings

        listings.register(TOPIC_CONTENT)
        search_index.connect()
