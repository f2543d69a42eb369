"""Colours of the map's legend, checked for contrast (WCAG 2.2) when an editor picks them."""

from __future__ import annotations

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

HEX_COLOUR = re.compile(r"^#[0-9a-fA-F]{6}$")
WHITE = "#ffffff"
# The land of the base map: area outlines are seen against it.
LAND = "#f4f1ea"
# Numbers on markers and the labels of areas are text: 4.5:1 (WCAG 1.4.3).
TEXT_CONTRAST = 4.5


def relative_luminance(colour: str) -> float:
    channels = [int(colour[index : index + 2], 16) / 255 for index in (1, 3, 5)]
    linear = [value / 12.92 if value <= 0.04045 else ((value + 0.055) / 1.055) ** 2.4 for value in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast_ratio(first: str, second: str) -> float:
    lighter, darker = sorted((relative_luminance(first), relative_luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def validate_hex_colour(value: str) -> None:
    if not HEX_COLOUR.match(value or ""):
        raise ValidationError(
            _("Write the colour as # and six hexadecimal digits, for example #8a1616."), code="colour"
        )


def validate_marker_colour(value: str) -> None:
    """Markers carry their number in white: the colour must be dark enough to read it."""
    validate_hex_colour(value)
    ratio = contrast_ratio(value, WHITE)
    if ratio < TEXT_CONTRAST:
        raise ValidationError(
            _(
                "White numbers on %(colour)s have a contrast of %(ratio).1f:1; readers need at least "
                "%(needed).1f:1. Choose a darker colour."
            ),
            code="contrast",
            params={"colour": value, "ratio": ratio, "needed": TEXT_CONTRAST},
        )


def validate_area_colour(value: str) -> None:
    """An area's outline, pattern and label are drawn in its party's colour on the land: the
    label is text, so the colour needs a text's contrast (outlines alone would need 3:1)."""
    validate_hex_colour(value)
    ratio = contrast_ratio(value, LAND)
    if ratio < TEXT_CONTRAST:
        raise ValidationError(
            _(
                "%(colour)s on the map's land has a contrast of %(ratio).1f:1; the areas' labels and "
                "outlines need at least %(needed).1f:1. Choose a darker colour."
            ),
            code="contrast",
            params={"colour": value, "ratio": ratio, "needed": TEXT_CONTRAST},
        )
