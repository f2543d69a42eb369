"""Daily maps take minutes: the next edition starts as a copy of the previous one."""

from __future__ import annotations

from datetime import datetime

from django.db import transaction
from django.utils import timezone

from maps.models import Area, Map


@transaction.atomic
def start_next_edition(previous: Map, describes_at: datetime | None = None) -> Map:
    """A new draft with the previous edition's title, summary, region, language, topics
    and areas of control; developments are news and are not copied."""
    edition = Map(
        title=previous.title,
        summary=previous.summary,
        describes_at=describes_at or timezone.now(),
        west=previous.west,
        south=previous.south,
        east=previous.east,
        north=previous.north,
        language=previous.language,
        status=Map.Status.DRAFT,
    )
    edition.save()
    edition.topics.set(previous.topics.all())
    # The areas were checked when they were saved: copied as they are, without signals
    # (the new edition is a draft that no page shows yet).
    Area.objects.bulk_create(
        Area(
            map=edition,
            party_id=area.party_id,
            label=area.label,
            geometry=area.geometry,
            label_longitude=area.label_longitude,
            label_latitude=area.label_latitude,
        )
        for area in previous.areas.all()
    )
    return edition
