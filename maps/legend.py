"""Small pictures of the legend: a kind's marker, a party's pattern, and the patterns'
definitions that the legend and the interactive map fill areas with."""

from __future__ import annotations

from collections.abc import Iterable

from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe

from maps import drawing
from maps.models import DevelopmentKind, Party

PATTERN_PREFIX = "legend"


def kind_marker(kind: DevelopmentKind, number: int | str = "", size: int = 28) -> SafeString:
    """The kind's marker (with a number, as on the map), for the legend and the list."""
    marker = drawing.Marker(
        number=number, at=(size / 2, size / 2), symbol=kind.symbol, colour=kind.colour, title=""
    )
    body = drawing.marker_svg(marker, size * 0.36)
    return mark_safe(  # noqa: S308 (marker_svg escapes every value)
        f'<svg class="map-symbol" width="{size}" height="{size}" viewBox="0 0 {size} {size}" aria-hidden="true" '
        f'focusable="false" font-family="system-ui, sans-serif">{body}</svg>'
    )


def party_swatch(party: Party, width: int = 36, height: int = 22) -> SafeString:
    """A party's colour, pattern and label, as its areas are drawn (uses party_patterns)."""
    return format_html(
        '<svg class="map-swatch" width="{}" height="{}" aria-hidden="true" focusable="false">'
        '<rect x="1" y="1" width="{}" height="{}" fill="url(#{}-party-{})" stroke="{}" stroke-width="2"/></svg>',
        width,
        height,
        width - 2,
        height - 2,
        PATTERN_PREFIX,
        party.pk,
        party.colour,
    )


def party_patterns(parties: Iterable[Party]) -> SafeString:
    """The parties' fill patterns, defined once in the page for the legend and the map."""
    found = {party.pk: (party.colour, party.pattern) for party in parties}
    defs = "".join(drawing.pattern_defs(found, PATTERN_PREFIX))
    return mark_safe(  # noqa: S308 (pattern_defs escapes the colours)
        f'<svg class="map-patterns" width="0" height="0" aria-hidden="true" focusable="false"><defs>{defs}</defs></svg>'
    )
