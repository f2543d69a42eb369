"""A map as GeoJSON (RFC 7946): what /maps/<id>/<slug>/data.geojson serves and the page's
interactive map draws."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from maps.models import Map


def feature_collection(map_: Map, request: HttpRequest) -> dict[str, Any]:
    """Areas first (drawn below), then developments in order with their numbers. Reads the
    prefetches of MapQuerySet.with_features()."""
    features: list[dict[str, Any]] = []
    for area in map_.areas.all():
        features.append(
            {
                "type": "Feature",
                "id": f"area-{area.pk}",
                "geometry": area.geometry,
                "properties": {
                    "kind": "area",
                    "party": area.party.name,
                    "label": area.party.short_name,
                    "name": area.label,
                    "colour": area.party.colour,
                    "pattern": area.party.pattern,
                    "partyId": area.party_id,
                    "labelPoint": [area.label_longitude, area.label_latitude],
                },
            }
        )
    for number, development in map_.numbered_developments():
        article = development.article
        features.append(
            {
                "type": "Feature",
                "id": f"development-{development.pk}",
                "geometry": {"type": "Point", "coordinates": [development.longitude, development.latitude]},
                "properties": {
                    "kind": "development",
                    "number": number,
                    "place": development.place,
                    "occurredAt": development.occurred_at.isoformat(),
                    "category": development.kind.name,
                    "symbol": development.kind.symbol,
                    "colour": development.kind.colour,
                    "description": development.description,
                    "article": (
                        {
                            "title": article.title,
                            "url": request.build_absolute_uri(article.get_absolute_url()),
                        }
                        if article is not None and article.is_public
                        else None
                    ),
                },
            }
        )
    return {
        "type": "FeatureCollection",
        "bbox": map_.bounds.as_list(),
        "properties": {
            "title": map_.title,
            "describesAt": map_.describes_at.isoformat(),
            "url": request.build_absolute_uri(map_.get_absolute_url()),
        },
        "features": features,
    }
