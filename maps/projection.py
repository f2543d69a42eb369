"""Where a map's points go on the page: its bounds and the Web Mercator projection.

The SVG drawn by the server, the picture shared on social sites and the interactive map
in the browser (Leaflet's default, EPSG:3857) all use this one projection, so the three
look alike.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from shapely import box
from shapely.geometry.base import BaseGeometry


@dataclass(frozen=True)
class Bounds:
    """A region in degrees: west and east longitudes, south and north latitudes."""

    west: float
    south: float
    east: float
    north: float

    def as_box(self) -> BaseGeometry:
        return box(self.west, self.south, self.east, self.north)

    def as_list(self) -> list[float]:
        return [self.west, self.south, self.east, self.north]

    @property
    def width(self) -> float:
        return self.east - self.west

    @property
    def height(self) -> float:
        return self.north - self.south

    def contains_point(self, longitude: float, latitude: float) -> bool:
        return self.west <= longitude <= self.east and self.south <= latitude <= self.north

    def widened(self, aspect: float) -> Bounds:
        """These bounds grown (never shrunk) around their centre until width / height in
        the projection equals ``aspect``: a map framed for a picture of that shape."""
        x0, y0 = mercator(self.west, self.south)
        x1, y1 = mercator(self.east, self.north)
        width, height = x1 - x0, y1 - y0
        if width / height < aspect:
            grow = (height * aspect - width) / 2
            x0, x1 = x0 - grow, x1 + grow
        else:
            grow = (width / aspect - height) / 2
            y0, y1 = y0 - grow, y1 + grow
        west, south = inverse_mercator(x0, y0)
        east, north = inverse_mercator(x1, y1)
        return Bounds(west, south, east, north)


def mercator(longitude: float, latitude: float) -> tuple[float, float]:
    """Longitude and latitude in radians-scaled Web Mercator units (y grows northwards)."""
    latitude = max(-85.0, min(85.0, latitude))
    return math.radians(longitude), math.log(math.tan(math.pi / 4 + math.radians(latitude) / 2))


def inverse_mercator(x: float, y: float) -> tuple[float, float]:
    return math.degrees(x), math.degrees(2 * math.atan(math.exp(y)) - math.pi / 2)


class Projection:
    """Degrees to pixels for a picture ``width`` wide showing ``bounds`` (its height follows)."""

    def __init__(self, bounds: Bounds, width: float) -> None:
        self.bounds = bounds
        self.left, self.bottom = mercator(bounds.west, bounds.south)
        right, top = mercator(bounds.east, bounds.north)
        self.scale = width / (right - self.left)
        self.width = width
        self.height = (top - self.bottom) * self.scale
        self.top = top

    def point(self, longitude: float, latitude: float) -> tuple[float, float]:
        x, y = mercator(longitude, latitude)
        return (x - self.left) * self.scale, (self.top - y) * self.scale
