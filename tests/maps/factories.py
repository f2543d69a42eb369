"""factory_boy factories for maps: editions over northern Syria, with developments and areas."""

from __future__ import annotations

from datetime import timedelta

import factory
from django.utils import timezone

from maps.models import Area, Development, DevelopmentKind, Map, Party

# A region around Idlib and Aleppo: inside the shipped base map.
WEST, SOUTH, EAST, NORTH = 35.5, 35.0, 38.5, 37.0


def square(west: float, south: float, size: float = 0.2) -> dict:
    """A square GeoJSON polygon, outer ring anticlockwise."""
    return {
        "type": "Polygon",
        "coordinates": [
            [
                [west, south],
                [west + size, south],
                [west + size, south + size],
                [west, south + size],
                [west, south],
            ]
        ],
    }


class PartyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Party
        django_get_or_create = ["name"]

    name = factory.Sequence(lambda number: f"Party {number}")
    short_name = factory.Sequence(lambda number: f"P{number}")
    colour = "#1b5e20"
    pattern = "hatched"


class MapFactory(factory.django.DjangoModelFactory):
    """A published map, describing the situation two hours ago."""

    class Meta:
        model = Map

    title = factory.Sequence(lambda number: f"Latest developments in northern Syria {number}")
    summary = "The army advanced along the M5 highway."
    describes_at = factory.LazyFunction(lambda: timezone.now() - timedelta(hours=2))
    west, south, east, north = WEST, SOUTH, EAST, NORTH
    status = Map.Status.PUBLISHED
    published_at = factory.LazyFunction(lambda: timezone.now() - timedelta(hours=1))


class DevelopmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Development

    map = factory.SubFactory(MapFactory)
    place = factory.Sequence(lambda number: f"Village {number}")
    latitude = 35.86
    longitude = 36.8
    kind = factory.LazyFunction(lambda: DevelopmentKind.objects.get(name="Clash"))
    description = "Clashes on the edge of the town."
    occurred_at = factory.LazyFunction(lambda: timezone.now() - timedelta(hours=3))


class AreaFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Area

    map = factory.SubFactory(MapFactory)
    party = factory.SubFactory(PartyFactory)
    geometry = factory.LazyFunction(lambda: square(36.2, 35.6))
