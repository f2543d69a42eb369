"""RSS 2.0 and Atom feeds of map editions, with each map's picture as Media RSS."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.db.models import QuerySet
from django.urls import reverse
from django.utils.translation import gettext as _

from articles.feeds import MediaAtomFeed, MediaRssFeed, RequestFeed
from common import editions, surrogate_keys
from maps import share_image
from maps.models import Map

FEED_SIZE = 30


class _PngMedia:
    """Media RSS for the map's picture, which is a PNG (articles' feeds carry JPEGs)."""

    def add_media(self, handler: Any, item: dict[str, Any]) -> None:
        if item.get("image"):
            url, width, height = item["image"]
            attributes = {
                "url": url,
                "medium": "image",
                "type": "image/png",
                "width": str(width),
                "height": str(height),
            }
            handler.addQuickElement("media:content", "", attributes)


class MapRssFeed(_PngMedia, MediaRssFeed):
    pass


class MapAtomFeedType(_PngMedia, MediaAtomFeed):
    pass


class MapFeed(RequestFeed):
    """The newest published map editions."""

    feed_type = MapRssFeed

    def title(self) -> str:
        return f"{_('Maps of latest developments')} | {editions.site_name()}"

    def link(self) -> str:
        return reverse("maps:index")

    def description(self) -> str:
        return _("Dated maps of the latest developments, with areas of control.")

    def items(self) -> QuerySet[Map]:
        surrogate_keys.add("maps")
        return Map.objects.published().in_edition().for_listing()[:FEED_SIZE]

    def item_title(self, item: Map) -> str:
        return item.title

    def item_description(self, item: Map) -> str:
        return item.summary

    def item_pubdate(self, item: Map) -> datetime | None:
        return item.published_at

    def item_updateddate(self, item: Map) -> datetime | None:
        return item.published_at

    def item_guid(self, item: Map) -> str:
        return self.request.build_absolute_uri(reverse("maps:map_short", kwargs={"pk": item.pk}))

    def item_categories(self, item: Map) -> list[str]:
        return [str(_("Maps"))]

    def item_extra_kwargs(self, item: Map) -> dict[str, Any]:
        if not item.share_image:
            return {}
        url = self.request.build_absolute_uri(item.share_image.url)
        return {"image": (url, share_image.WIDTH, share_image.HEIGHT)}


class MapAtomFeed(MapFeed):
    feed_type = MapAtomFeedType

    def subtitle(self) -> str:
        return self.description()
