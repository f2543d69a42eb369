"""JSON-LD and Open Graph for a map page."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.utils.translation import gettext as _

from common import editions
from common.metadata import breadcrumb_list, publisher
from common.reversing import cached_reverse
from maps import share_image
from maps.models import Map


def map_share_image(context: Mapping[str, Any], map_: Map) -> dict[str, Any] | None:
    """The map's picture for social sites, as includes/social_meta.html wants it."""
    if not map_.share_image:
        return None
    return {
        "url": context["request"].build_absolute_uri(map_.share_image.url),
        "width": share_image.WIDTH,
        "height": share_image.HEIGHT,
        "description": _("Map: %(title)s") % {"title": map_.title},
    }


def map_data(context: Mapping[str, Any], map_: Map) -> dict[str, Any]:
    """schema.org Map: what, when, where it shows, and its picture."""
    request = context["request"]
    bounds = map_.bounds
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "Map",
        "name": map_.title,
        "description": map_.summary,
        "url": request.build_absolute_uri(map_.get_absolute_url()),
        "inLanguage": map_.language,
        "datePublished": map_.published_at.isoformat() if map_.published_at else None,
        "dateModified": map_.modified_at.isoformat() if map_.modified_at else None,
        "temporalCoverage": map_.describes_at.isoformat(),
        "spatialCoverage": {
            "@type": "Place",
            "geo": {"@type": "GeoShape", "box": f"{bounds.south} {bounds.west} {bounds.north} {bounds.east}"},
        },
        "encoding": {
            "@type": "MediaObject",
            "encodingFormat": "application/geo+json",
            "contentUrl": request.build_absolute_uri(map_.get_data_url()),
        },
        "publisher": publisher(context),
    }
    image = map_share_image(context, map_)
    if image:
        data["image"] = [{"@type": "ImageObject", **image}]
    return data


def map_breadcrumb(context: Mapping[str, Any], map_: Map) -> dict[str, Any]:
    request = context["request"]
    trail = [
        (editions.site_name(), cached_reverse("home")),
        (_("Maps"), cached_reverse("maps:index")),
        (map_.title, map_.get_absolute_url()),
    ]
    return breadcrumb_list(request, trail)
