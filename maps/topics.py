"""What the maps app tells the focus app: map editions are filed under topics."""

from __future__ import annotations

from django.db.models import QuerySet

from focus.listings import TopicContent
from maps.models import Map


def map_listing() -> QuerySet[Map]:
    return Map.objects.published().for_listing()


MAPS = TopicContent(kind="map", listing=map_listing, item_template="maps/map_card.html")
