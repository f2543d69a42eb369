"""Areas of control as editors give them (GeoJSON), checked and made tidy with shapely.

An area is stored as a GeoJSON Polygon or MultiPolygon in degrees (RFC 7946: longitude
first, outer rings anticlockwise). Before it is stored it must be a valid polygon inside
its map's bounds; it is then simplified to at most MAX_STORED_POINTS points and rounded,
so that drawing it stays cheap whatever was pasted. Anything else is refused with a
message an editor can act on.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

import shapely
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from shapely.geometry import mapping, shape
from shapely.geometry.base import BaseGeometry
from shapely.validation import explain_validity

from maps import basemap
from maps.projection import Bounds

# Refused before parsing: a whole country's coastline at full detail is a few MB.
MAX_GEOJSON_BYTES = 2 * 1024 * 1024
MAX_INPUT_POINTS = 100_000
MAX_FEATURES = 200
# Enough for a front line drawn by hand or traced from a detailed source, at map scale.
MAX_STORED_POINTS = 400
# 5 decimals of a degree: about a metre.
PRECISION = 0.00001
# An area may stray this share of the map's size past its bounds (tracing is imprecise).
BOUNDS_TOLERANCE = 0.01
MIN_SPAN_DEGREES = 0.1
POLYGON_TYPES = {"Polygon", "MultiPolygon"}


@dataclass(frozen=True)
class ImportedArea:
    """One polygon of an uploaded file, cleaned, with the properties it came with."""

    geometry: dict[str, Any]
    properties: dict[str, Any]


def validate_bounds(bounds: Bounds) -> None:
    """The region a map shows: a real box, inside what the site's base map covers."""
    if not (bounds.west < bounds.east and bounds.south < bounds.north):
        raise ValidationError(
            _("The west edge must lie west of the east edge, and the south edge south of the north edge.")
        )
    region = basemap.region()
    if not (
        region.west <= bounds.west
        and bounds.east <= region.east
        and region.south <= bounds.south
        and bounds.north <= region.north
    ):
        raise ValidationError(
            _(
                "The site's base map covers longitudes %(west)s to %(east)s and latitudes %(south)s to "
                "%(north)s: keep the map's bounds inside them."
            )
            % {"west": region.west, "east": region.east, "south": region.south, "north": region.north}
        )
    if bounds.width < MIN_SPAN_DEGREES or bounds.height < MIN_SPAN_DEGREES:
        raise ValidationError(
            _("A map must show at least %(span)s degrees each way.") % {"span": MIN_SPAN_DEGREES}
        )


def parse_geojson(text: str | bytes) -> Any:
    """The JSON in an editor's text or file, refused when too big or not JSON."""
    if len(text) > MAX_GEOJSON_BYTES:
        raise ValidationError(
            _("The GeoJSON is %(size)s MB; at most %(limit)s MB is accepted. Simplify it first.")
            % {"size": round(len(text) / 1024 / 1024, 1), "limit": MAX_GEOJSON_BYTES // 1024 // 1024}
        )
    if isinstance(text, bytes):
        try:
            text = text.decode("utf-8-sig")
        except UnicodeDecodeError as error:
            raise ValidationError(_("The file is not text in UTF-8: is it really GeoJSON?")) from error
    if not text.strip():
        raise ValidationError(_("The GeoJSON is empty."))
    try:
        return json.loads(text)
    except (ValueError, RecursionError) as error:
        raise ValidationError(
            _("This is not valid JSON (%(problem)s). Export the area as GeoJSON and try again.")
            % {"problem": str(error)[:120]}
        ) from error


def polygons_in(data: Any) -> list[tuple[dict[str, Any], dict[str, Any]]]:
    """(geometry, properties) of every polygon in a GeoJSON geometry, Feature or
    FeatureCollection; anything that is not a polygon is refused by name."""
    if not isinstance(data, dict):
        raise ValidationError(_("GeoJSON must be an object with a “type”, such as a FeatureCollection."))
    kind = data.get("type")
    if kind == "FeatureCollection":
        features = data.get("features")
        if not isinstance(features, list) or not features:
            raise ValidationError(_("The FeatureCollection has no features."))
        if len(features) > MAX_FEATURES:
            raise ValidationError(
                _("The file has %(count)s features; at most %(limit)s areas are imported at once.")
                % {"count": len(features), "limit": MAX_FEATURES}
            )
        found = []
        for number, feature in enumerate(features, start=1):
            try:
                found += polygons_in(feature)
            except ValidationError as error:
                raise ValidationError(
                    _("Feature %(number)s: %(problem)s")
                    % {"number": number, "problem": " ".join(error.messages)}
                ) from error
        return found
    if kind == "Feature":
        properties = data.get("properties") if isinstance(data.get("properties"), dict) else {}
        geometry = data.get("geometry")
        if not isinstance(geometry, dict):
            raise ValidationError(_("The feature has no geometry."))
        return [(geometry, properties) for geometry, _ignored in polygons_in(geometry)]
    if kind in POLYGON_TYPES:
        return [(data, {})]
    if kind in {"Point", "MultiPoint", "LineString", "MultiLineString", "GeometryCollection"}:
        raise ValidationError(
            _("A %(kind)s cannot be an area of control: an area is a Polygon or a MultiPolygon.")
            % {"kind": kind}
        )
    raise ValidationError(_("“%(kind)s” is not a GeoJSON type.") % {"kind": str(kind)[:40]})


def _count_points(coordinates: Any, limit: int) -> int:
    """Positions in nested coordinate lists, stopping early past ``limit``."""
    count, stack = 0, [coordinates]
    while stack:
        item = stack.pop()
        if isinstance(item, list | tuple) and item and isinstance(item[0], int | float):
            count += 1
            if count > limit:
                return count
        elif isinstance(item, list | tuple):
            stack.extend(item)
    return count


def _shape(geometry: dict[str, Any]) -> BaseGeometry:
    if geometry.get("type") not in POLYGON_TYPES:
        raise ValidationError(_("An area must be a Polygon or a MultiPolygon."))
    if _count_points(geometry.get("coordinates"), MAX_INPUT_POINTS) > MAX_INPUT_POINTS:
        raise ValidationError(
            _("The area has more than %(limit)s points. Simplify it before importing it.")
            % {"limit": f"{MAX_INPUT_POINTS:,}"}
        )
    try:
        polygon = shape(geometry)
    except (
        ValueError,
        TypeError,
        KeyError,
        IndexError,
        AttributeError,
        shapely.errors.GEOSException,
    ) as error:
        raise ValidationError(
            _(
                "The coordinates do not describe a polygon: each ring needs at least four [longitude, latitude] pairs, the last equal to the first."
            )
        ) from error
    if polygon.is_empty:
        raise ValidationError(_("The area is empty: its outline encloses nothing."))
    if not all(-180 <= x <= 180 and -90 <= y <= 90 for x, y in shapely.get_coordinates(polygon)):
        raise ValidationError(
            _("Coordinates must be longitude (−180 to 180) then latitude (−90 to 90), in degrees.")
        )
    return polygon


def clean_area(geometry: dict[str, Any], bounds: Bounds) -> dict[str, Any]:
    """The area as it is stored: valid, inside the bounds, simplified and rounded.

    Raises ValidationError saying what is wrong and where."""
    polygon = _shape(geometry)
    if not polygon.is_valid:
        reason = explain_validity(polygon)
        if "Self-intersection" in reason or "Ring Self-intersection" in reason:
            where = reason.split("[")[-1].rstrip("]").split()
            place = f"{float(where[1]):.3f}, {float(where[0]):.3f}" if len(where) == 2 else ""
            raise ValidationError(
                _(
                    "The outline crosses itself (near latitude, longitude %(place)s). Redraw it so that its edges do not cross."
                )
                % {"place": place}
            )
        if "Too few points" in reason:
            raise ValidationError(
                _(
                    "The outline has too few points: each ring needs at least four [longitude, latitude] pairs, the last equal to the first."
                )
            )
        raise ValidationError(_("The polygon is not valid: %(reason)s.") % {"reason": reason})
    if polygon.area == 0:
        raise ValidationError(_("The area is empty: its outline encloses nothing."))
    tolerance_x = bounds.width * BOUNDS_TOLERANCE
    tolerance_y = bounds.height * BOUNDS_TOLERANCE
    allowed = Bounds(
        bounds.west - tolerance_x,
        bounds.south - tolerance_y,
        bounds.east + tolerance_x,
        bounds.north + tolerance_y,
    ).as_box()
    if not allowed.contains(polygon):
        west, south, east, north = polygon.bounds
        raise ValidationError(
            _(
                "The area reaches outside the map's bounds (it spans longitudes %(west).2f to %(east).2f and "
                "latitudes %(south).2f to %(north).2f). Widen the map's bounds or trim the area."
            )
            % {"west": west, "east": east, "south": south, "north": north}
        )
    polygon = simplified(polygon, bounds)
    polygon = shapely.orient_polygons(polygon, exterior_cw=False)
    data = mapping(polygon)
    return {"type": data["type"], "coordinates": _as_lists(data["coordinates"])}


def simplified(polygon: BaseGeometry, bounds: Bounds) -> BaseGeometry:
    """Detail finer than the map can show is dropped, then more until at most
    MAX_STORED_POINTS points remain; the result is still valid and rounded to PRECISION."""
    tolerance = max(bounds.width, bounds.height) / 4000
    result = shapely.set_precision(polygon, PRECISION)
    while True:
        candidate = shapely.set_precision(
            shapely.simplify(polygon, tolerance, preserve_topology=True), PRECISION
        )
        if not candidate.is_empty and candidate.area > 0:
            result = candidate
        if shapely.get_num_coordinates(result) <= MAX_STORED_POINTS:
            return result
        tolerance *= 2


def _as_lists(coordinates: Any) -> Any:
    if isinstance(coordinates, tuple | list):
        if coordinates and isinstance(coordinates[0], int | float):
            return [round(float(value), 5) for value in coordinates]
        return [_as_lists(item) for item in coordinates]
    return coordinates


def label_point(geometry: dict[str, Any]) -> tuple[float, float]:
    """Where an area's label goes: a point surely inside it (longitude, latitude)."""
    point = shape(geometry).point_on_surface()
    return round(point.x, 5), round(point.y, 5)


def areas_from_geojson(text: str | bytes, bounds: Bounds) -> list[ImportedArea]:
    """Every polygon of an uploaded file, each cleaned; the first problem is raised with the
    number of its feature."""
    found = polygons_in(parse_geojson(text))
    areas = []
    for number, (geometry, properties) in enumerate(found, start=1):
        try:
            areas.append(ImportedArea(clean_area(geometry, bounds), properties))
        except ValidationError as error:
            if len(found) == 1:
                raise
            raise ValidationError(
                _("Area %(number)s: %(problem)s") % {"number": number, "problem": " ".join(error.messages)}
            ) from error
    return areas
