"""The base map shipped with the site (static/maps/basemap.geojson, built by basemap_build.py).

Read once per process; the part inside a map's bounds is cut once per bounds and kept.
"""

from __future__ import annotations

import functools
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.conf import settings
from shapely import clip_by_rect
from shapely.geometry import shape
from shapely.geometry.base import BaseGeometry

from maps.projection import Bounds

STATIC_NAME = "maps/basemap.geojson"


@dataclass(frozen=True)
class BaseFeature:
    layer: str  # country, coastline, lake, river, city
    geometry: BaseGeometry
    properties: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class BaseMap:
    region: Bounds
    credit: str
    features: tuple[BaseFeature, ...]


def path() -> Path:
    return Path(settings.BASE_DIR) / "static" / STATIC_NAME


@functools.cache
def load() -> BaseMap:
    data = json.loads(path().read_text())
    features = tuple(
        BaseFeature(item["properties"]["layer"], shape(item["geometry"]), item["properties"])
        for item in data["features"]
    )
    return BaseMap(Bounds(*data["bbox"]), data["properties"]["sources"], features)


def region() -> Bounds:
    """What the base map covers: every map's bounds lie inside it."""
    return load().region


@functools.lru_cache(maxsize=64)
def within(bounds: Bounds) -> tuple[BaseFeature, ...]:
    """The base map's features cut to these bounds (a little beyond, so outlines do not end
    at the picture's edge)."""
    margin_x, margin_y = bounds.width * 0.02, bounds.height * 0.02
    west, south = bounds.west - margin_x, bounds.south - margin_y
    east, north = bounds.east + margin_x, bounds.north + margin_y
    found = []
    for feature in load().features:
        if feature.layer == "city":
            if bounds.contains_point(feature.geometry.x, feature.geometry.y):
                found.append(feature)
            continue
        inside = clip_by_rect(feature.geometry, west, south, east, north)
        if not inside.is_empty:
            found.append(BaseFeature(feature.layer, inside, feature.properties))
    return tuple(found)
