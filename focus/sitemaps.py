from django.contrib.sitemaps import Sitemap
from django.db.models import QuerySet

from focus.models import Topic


class TopicSitemap(Sitemap):
    def items(self) -> QuerySet[Topic]:
        return Topic.objects.public().only("id", "slug").order_by("tree_id", "lft")
