"""A map drawn by the server: projected shapes (a scene) and the inline SVG readers see
without JavaScript. The shared picture (share_image.py) paints the same scene with Pillow.

Layers from bottom to top: sea, land and borders, lakes, rivers, coastline, areas of
control (colour, pattern and a label, so they differ by more than colour), cities, then
the developments' numbered markers (shape and colour by kind, numbered as in the list).
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from shapely.geometry import shape
from shapely.geometry.base import BaseGeometry

from maps import basemap
from maps.colours import LAND
from maps.projection import Projection

SEA = "#cde0ee"
BORDER = "#8c8579"
COAST = "#4f7ea3"
RIVER = "#6d9cc2"
CITY = "#333333"
HALO = "#ffffff"
# The SVG's own width in its units: the page scales it, text and markers with it.
SVG_WIDTH = 560
MARKER_RADIUS = 11
# Rank 2 cities only on maps narrower than this (degrees of longitude).
DETAILED_SPAN = 9

Point = tuple[float, float]


@dataclass(frozen=True)
class Outline:
    """A projected polygon or line: rings (or lines) of points."""

    rings: tuple[tuple[Point, ...], ...]
    closed: bool


@dataclass(frozen=True)
class AreaShape:
    outline: Outline
    party_id: int
    colour: str
    pattern: str
    label: str
    label_at: Point


@dataclass(frozen=True)
class Marker:
    number: int | str  # "" for the legend's markers, which carry none
    at: Point
    symbol: str
    colour: str
    title: str


@dataclass(frozen=True)
class City:
    name: str
    at: Point


@dataclass
class Scene:
    projection: Projection
    countries: list[Outline] = field(default_factory=list)
    lakes: list[Outline] = field(default_factory=list)
    rivers: list[Outline] = field(default_factory=list)
    coast: list[Outline] = field(default_factory=list)
    areas: list[AreaShape] = field(default_factory=list)
    cities: list[City] = field(default_factory=list)
    markers: list[Marker] = field(default_factory=list)


def outline(geometry: BaseGeometry, projection: Projection) -> Outline:
    """Every ring (of polygons) or line (of lines) of a geometry, projected."""
    rings: list[tuple[Point, ...]] = []
    closed = False
    for part in getattr(geometry, "geoms", [geometry]):
        if part.geom_type == "Polygon":
            closed = True
            for ring in (part.exterior, *part.interiors):
                rings.append(tuple(projection.point(x, y) for x, y in ring.coords))
        elif part.geom_type == "LineString":
            rings.append(tuple(projection.point(x, y) for x, y in part.coords))
        elif part.geom_type in {"MultiPolygon", "MultiLineString", "GeometryCollection"}:
            inner = outline(part, projection)
            rings.extend(inner.rings)
            closed = closed or inner.closed
    return Outline(tuple(rings), closed)


def build_scene(numbered: Sequence[tuple[int, Any]], areas: Iterable[Any], projection: Projection) -> Scene:
    """Everything a picture of the map shows, projected. ``numbered`` are the developments
    with their numbers (Map.numbered_developments), ``areas`` the map's areas with parties."""
    scene = Scene(projection=projection)
    detailed = projection.bounds.width <= DETAILED_SPAN
    for feature in basemap.within(projection.bounds):
        if feature.layer == "city":
            if detailed or feature.properties.get("rank") == 1:
                scene.cities.append(
                    City(feature.properties["name"], projection.point(feature.geometry.x, feature.geometry.y))
                )
            continue
        shaped = outline(feature.geometry, projection)
        {"country": scene.countries, "lake": scene.lakes, "river": scene.rivers, "coastline": scene.coast}[
            feature.layer
        ].append(shaped)
    for area in areas:
        scene.areas.append(
            AreaShape(
                outline=outline(shape(area.geometry), projection),
                party_id=area.party_id,
                colour=area.party.colour,
                pattern=area.party.pattern,
                label=area.party.short_name,
                label_at=projection.point(area.label_longitude, area.label_latitude),
            )
        )
    for number, development in numbered:
        scene.markers.append(
            Marker(
                number=number,
                at=projection.point(development.longitude, development.latitude),
                symbol=development.kind.symbol,
                colour=development.kind.colour,
                title=development.place,
            )
        )
    return scene


def symbol_points(symbol: str, x: float, y: float, radius: float) -> list[Point] | None:
    """The corners of a marker's shape around (x, y); None for a circle."""
    corners = {"square": 4, "triangle": 3, "diamond": 4, "pentagon": 5, "hexagon": 6}.get(symbol)
    if corners is None:
        return None
    # Squares sit flat, diamonds on a corner; triangles and pentagons point up.
    start = {"square": -math.pi / 4, "diamond": 0.0, "hexagon": math.pi / 6}.get(symbol, 0.0)
    grow = {"triangle": 1.35, "square": 1.15, "pentagon": 1.1}.get(symbol, 1.15)
    return [
        (x + radius * grow * math.sin(start + index * 2 * math.pi / corners),
         y - radius * grow * math.cos(start + index * 2 * math.pi / corners))
        for index in range(corners)
    ]  # fmt: skip


# --- SVG ---------------------------------------------------------------------------------


def _number(value: float) -> str:
    return f"{value:.1f}".rstrip("0").rstrip(".")


def path_data(shape_: Outline) -> str:
    parts = []
    for ring in shape_.rings:
        if len(ring) < 2:
            continue
        points = " ".join(f"{_number(x)},{_number(y)}" for x, y in ring)
        parts.append(f"M{points}{'Z' if shape_.closed else ''}")
    return "".join(parts)


def pattern_defs(parties: dict[int, tuple[str, str]], prefix: str) -> Iterator[str]:
    """One SVG pattern per party: a light tint of its colour with its lines or dots on top."""
    for party_id, (colour, pattern) in sorted(parties.items()):
        pattern_id = f"{prefix}-party-{party_id}"
        tint = format_html('<rect width="8" height="8" fill="{}" fill-opacity="0.22"/>', colour)
        marks = {
            "hatched": '<path d="M0,0V8" stroke="{c}" stroke-width="2.2"/>',
            "cross-hatched": '<path d="M0,0V8M0,0H8" stroke="{c}" stroke-width="1.6"/>',
            "striped": '<path d="M0,1H8" stroke="{c}" stroke-width="2"/>',
            "dotted": '<circle cx="4" cy="4" r="1.6" fill="{c}"/>',
            "solid": '<rect width="8" height="8" fill="{c}" fill-opacity="0.2"/>',
        }[pattern].replace("{c}", escape(colour))
        rotate = ' patternTransform="rotate(45)"' if pattern in {"hatched", "cross-hatched"} else ""
        yield (
            f'<pattern id="{pattern_id}" patternUnits="userSpaceOnUse" width="8" height="8"{rotate}>'
            f"{tint}{marks}</pattern>"
        )


def svg(scene: Scene, title: str, description: str, id_prefix: str = "map") -> SafeString:
    """The scene as an inline SVG with a title and description for assistive technology.
    Presentation attributes only (no style attributes): the site's CSP forbids inline styles."""
    projection = scene.projection
    width, height = _number(projection.width), _number(projection.height)
    parties = {area.party_id: (area.colour, area.pattern) for area in scene.areas}
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="map-drawing" viewBox="0 0 {width} {height}" '
        f'role="img" aria-labelledby="{id_prefix}-title {id_prefix}-description" '
        f'font-family="system-ui, -apple-system, Segoe UI, Roboto, sans-serif">',
        format_html('<title id="{}-title">{}</title>', id_prefix, title),
        format_html('<desc id="{}-description">{}</desc>', id_prefix, description),
        f"<defs>{''.join(pattern_defs(parties, id_prefix))}</defs>",
        f'<rect width="{width}" height="{height}" fill="{SEA}"/>',
    ]
    out += [
        f'<path d="{path_data(item)}" fill="{LAND}" stroke="{BORDER}" stroke-width="0.8" '
        f'stroke-dasharray="4 2" stroke-linejoin="round"/>'
        for item in scene.countries
    ]
    out += [f'<path d="{path_data(item)}" fill="{SEA}"/>' for item in scene.lakes]
    out += [
        f'<path d="{path_data(item)}" fill="none" stroke="{RIVER}" stroke-width="1.2" stroke-linejoin="round"/>'
        for item in scene.rivers
    ]
    out += [
        f'<path d="{path_data(item)}" fill="none" stroke="{COAST}" stroke-width="1" stroke-linejoin="round"/>'
        for item in scene.coast
    ]
    for area in scene.areas:
        out.append(
            format_html(
                '<path class="map-area" d="{}" fill="url(#{}-party-{})" fill-rule="evenodd" stroke="{}" '
                'stroke-width="1.8" stroke-linejoin="round"/>',
                path_data(area.outline),
                id_prefix,
                area.party_id,
                area.colour,
            )
        )
    for city in scene.cities:
        x, y = (_number(value) for value in city.at)
        out.append(f'<circle cx="{x}" cy="{y}" r="2.4" fill="{CITY}"/>')
        out.append(
            format_html(
                '<text x="{}" y="{}" dx="4" dy="-3" font-size="10.5" fill="{}" stroke="{}" stroke-width="2.5" '
                'paint-order="stroke" stroke-linejoin="round">{}</text>',
                x,
                y,
                CITY,
                HALO,
                city.name,
            )
        )
    for area in scene.areas:
        x, y = (_number(value) for value in area.label_at)
        out.append(
            format_html(
                '<text x="{}" y="{}" text-anchor="middle" font-size="12" font-weight="700" fill="{}" '
                'stroke="{}" stroke-width="3" paint-order="stroke" stroke-linejoin="round">{}</text>',
                x,
                y,
                area.colour,
                HALO,
                area.label,
            )
        )
    for marker in scene.markers:
        out.append(marker_svg(marker, MARKER_RADIUS))
    out.append(
        format_html(
            '<text x="{}" y="{}" text-anchor="end" font-size="8" fill="#333333" stroke="{}" stroke-width="2" '
            'paint-order="stroke">{}</text>',
            _number(projection.width - 4),
            _number(projection.height - 4),
            HALO,
            _("Base map: Natural Earth · cities: GeoNames (CC BY)"),
        )
    )
    out.append("</svg>")
    return mark_safe("".join(str(part) for part in out))  # noqa: S308 (every text is escaped above)


def marker_svg(marker: Marker, radius: float) -> str:
    x, y = marker.at
    corners = symbol_points(marker.symbol, x, y, radius)
    if corners is None:
        body = format_html(
            '<circle cx="{}" cy="{}" r="{}" fill="{}" stroke="{}" stroke-width="1.5"/>',
            _number(x),
            _number(y),
            radius,
            marker.colour,
            HALO,
        )
    else:
        points = " ".join(f"{_number(px)},{_number(py)}" for px, py in corners)
        body = format_html(
            '<polygon points="{}" fill="{}" stroke="{}" stroke-width="1.5" stroke-linejoin="round"/>',
            points,
            marker.colour,
            HALO,
        )
    if marker.number == "":
        return f'<g class="map-marker">{body}</g>'
    # Triangles carry their number a little lower, where they are wider.
    baseline = y + radius * 0.38 + (radius * 0.25 if marker.symbol == "triangle" else 0)
    number = format_html(
        '<text x="{}" y="{}" text-anchor="middle" font-size="{}" font-weight="700" fill="#ffffff">{}</text>',
        _number(x),
        _number(baseline),
        _number(radius * (1.0 if len(str(marker.number)) < 2 else 0.85)),
        marker.number,
    )
    return f'<g class="map-marker">{body}{number}</g>'


def describe(numbered: Sequence[tuple[int, Any]], areas: Sequence[Any]) -> str:
    """What the picture shows, in words, for readers who cannot see it."""
    parties = sorted({area.party.name for area in areas})
    text = ngettext(
        "Map of %(count)d numbered development, listed in order below.",
        "Map of %(count)d numbered developments, listed in order below.",
        len(numbered),
    ) % {"count": len(numbered)}
    if parties:
        text += " " + _("Areas of control shown: %(parties)s.") % {"parties": ", ".join(parties)}
    return text


def map_svg(map_: Any, id_prefix: str = "map") -> SafeString:
    """The inline SVG of a map fetched with MapQuerySet.with_features() (or with_drawing())."""
    numbered = map_.numbered_developments()
    areas = list(map_.areas.all())
    projection = Projection(map_.bounds, SVG_WIDTH)
    scene = build_scene(numbered, areas, projection)
    return svg(scene, title=map_.title, description=describe(numbered, areas), id_prefix=id_prefix)
