from datetime import datetime

from django.contrib.sitemaps import Sitemap
from django.db.models import Max, QuerySet

from gallery.models import Album, Film


class AlbumSitemap(Sitemap):
    limit = 50_000

    def items(self) -> QuerySet[Album]:
        return Album.objects.published().only("id", "slug", "modified_at").order_by("-published_at", "-id")

    def lastmod(self, item: Album) -> datetime:
        return item.modified_at

    def get_latest_lastmod(self) -> datetime | None:
        return Album.objects.published().aggregate(latest=Max("modified_at"))["latest"]


class FilmSitemap(AlbumSitemap):
    def items(self) -> QuerySet[Film]:
        return Film.objects.published().only("id", "slug", "modified_at").order_by("-published_at", "-id")

    def get_latest_lastmod(self) -> datetime | None:
        return Film.objects.published().aggregate(latest=Max("modified_at"))["latest"]
