"""A poster drawn by the site for a film that has none: embedded films need no upload.

Nothing is fetched from the video's provider (the site loads nothing from other hosts): the
poster is a dark picture with a play symbol and the provider's name, drawn with Pillow.
"""

from __future__ import annotations

import io

from django.core.files.base import ContentFile
from PIL import Image, ImageDraw, ImageFont

POSTER_SIZE = (1280, 720)
BACKGROUND_TOP, BACKGROUND_BOTTOM = (32, 36, 48), (96, 20, 24)


def draw_poster(provider_label: str) -> ContentFile:
    """A 1280×720 JPEG: a vertical gradient, a play symbol, the provider's name under it."""
    width, height = POSTER_SIZE
    image = Image.new("RGB", POSTER_SIZE)
    draw = ImageDraw.Draw(image)
    for y in range(height):
        share = y / (height - 1)
        colour = tuple(
            round(top + (bottom - top) * share)
            for top, bottom in zip(BACKGROUND_TOP, BACKGROUND_BOTTOM, strict=True)
        )
        draw.line([(0, y), (width, y)], fill=colour)
    centre_x, centre_y, radius = width // 2, height // 2 - 30, 110
    draw.ellipse(
        [centre_x - radius, centre_y - radius, centre_x + radius, centre_y + radius],
        outline=(255, 255, 255),
        width=10,
    )
    draw.polygon(
        [(centre_x - 38, centre_y - 60), (centre_x - 38, centre_y + 60), (centre_x + 66, centre_y)],
        fill=(255, 255, 255),
    )
    if provider_label:
        font = ImageFont.load_default(size=44)
        text_width = draw.textlength(provider_label, font=font)
        draw.text(
            ((width - text_width) / 2, centre_y + radius + 40),
            provider_label,
            fill=(255, 255, 255),
            font=font,
        )
    output = io.BytesIO()
    image.save(output, "JPEG", quality=85)
    return ContentFile(output.getvalue(), name="film-poster.jpg")
