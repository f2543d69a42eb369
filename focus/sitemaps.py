from django.contrib.sitemaps import Sitemap
from django.db.models import QuerySet

from focus.models import Topic


class TopicSitemap(Sitemap):
    """Every public topic in every edition, each naming its versions in the others (hreflang)."""

    i18n = True
    alternates = True
    x_default = True

    def items(self) -> QuerySet[Topic]:
        return Topic.objects.public().only("id", "slug").order_by("tree_id", "lft")
