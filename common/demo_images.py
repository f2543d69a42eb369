"""Pictures for demo content, drawn with Pillow (never downloaded), put in the image library."""

from __future__ import annotations

import io
import random

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from PIL import Image as PillowImage
from PIL import ImageDraw

from common.models import Image

# Muted newsroom palettes: (sky, ground, accent).
_PALETTES = [
    ((40, 62, 92), (176, 141, 87), (226, 200, 150)),
    ((88, 108, 128), (120, 96, 72), (200, 170, 120)),
    ((24, 40, 56), (70, 90, 70), (180, 200, 170)),
    ((120, 60, 50), (60, 40, 36), (230, 180, 120)),
    ((60, 70, 90), (150, 150, 140), (240, 230, 210)),
    ((30, 90, 110), (200, 180, 140), (250, 240, 220)),
]


def demo_portrait(name: str, rng: random.Random, description: str) -> Image:
    """A square head-and-shoulders silhouette for a demo writer, stored once at media
    ``demo/<name>.jpg``, in the library once."""
    storage_name = f"demo/{name}.jpg"
    existing = Image.objects.filter(file=storage_name).first()
    if existing is not None:
        return existing
    size = 600
    sky, ground, accent = rng.choice(_PALETTES)
    picture = PillowImage.new("RGB", (size, size), sky)
    draw = ImageDraw.Draw(picture)
    figure = tuple(max(0, int(c * 0.45)) for c in ground)
    draw.ellipse([120, 400, 480, 760], fill=figure)  # shoulders
    draw.ellipse([205, 130, 395, 340], fill=figure)  # head
    draw.ellipse([30, 30, 110, 110], fill=accent)
    return _in_library(storage_name, picture, description=description[:250], focal_x=50, focal_y=40)


def demo_image(
    name: str,
    rng: random.Random,
    description: str,
    size: tuple[int, int] = (1600, 900),
    caption: str = "",
    credit: str = "",
) -> Image:
    """A landscape-like JPEG stored once at media ``demo/<name>.jpg``, in the library once,
    with its focal point on the drawing's sun."""
    storage_name = f"demo/{name}.jpg"
    existing = Image.objects.filter(file=storage_name).first()
    if existing is not None:
        return existing
    width, height = size
    sky, ground, accent = rng.choice(_PALETTES)
    picture = PillowImage.new("RGB", size, sky)
    draw = ImageDraw.Draw(picture)
    horizon = int(height * rng.uniform(0.55, 0.7))
    for y in range(horizon):  # sky gradient
        shade = y / horizon
        colour = tuple(int(c * (0.7 + 0.5 * shade)) for c in sky)
        draw.line([(0, y), (width, y)], fill=colour)
    draw.rectangle([0, horizon, width, height], fill=ground)
    sun_x, sun_y = rng.randint(width // 6, width * 5 // 6), rng.randint(height // 8, horizon // 2)
    radius = rng.randint(height // 14, height // 8)
    draw.ellipse([sun_x - radius, sun_y - radius, sun_x + radius, sun_y + radius], fill=accent)
    x = 0
    while x < width:  # a skyline of buildings
        building_width = rng.randint(width // 30, width // 12)
        building_height = rng.randint(height // 12, height // 3)
        shade = tuple(max(0, int(c * rng.uniform(0.35, 0.6))) for c in ground)
        draw.rectangle([x, horizon - building_height, x + building_width, horizon], fill=shade)
        x += building_width + rng.randint(0, width // 60)
    return _in_library(
        storage_name,
        picture,
        description=description[:250],
        caption=caption[:300],
        credit=credit[:150],
        focal_x=round(100 * sun_x / width),
        focal_y=round(100 * sun_y / height),
    )


def _in_library(storage_name: str, picture: PillowImage.Image, **fields: object) -> Image:
    """The drawing saved as a JPEG at ``storage_name`` (once) and put in the image library."""
    if not default_storage.exists(storage_name):
        output = io.BytesIO()
        picture.save(output, "JPEG", quality=82, optimize=True)
        default_storage.save(storage_name, ContentFile(output.getvalue()))
    width, height = picture.size
    image = Image(
        file=storage_name,
        width=width,
        height=height,
        cleaned=True,  # drawn here: nothing embedded to remove
        **fields,
    )
    image.save()
    # Prepared here rather than by the job queue: seed_demo runs before any worker, and a demo
    # site (or the benchmark's database) should be complete as soon as it is made.
    image.process()
    image.refresh_from_db()
    return image
