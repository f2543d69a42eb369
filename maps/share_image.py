"""The picture of a map that social sites, feed readers and the map lists show: 1200×630 PNG.

Painted with Pillow from the same scene as the SVG (maps/drawing.py), framed to the
picture's shape, with the title and date in a band at the bottom. Made when an editor
saves a map (after the save commits) and by ``manage.py draw_map_images``; readers'
requests only read the file.
"""

from __future__ import annotations

import hashlib
import io
import logging

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import formats, timezone
from PIL import Image, ImageDraw, ImageFont

from common import surrogate_keys
from maps import drawing
from maps.colours import LAND
from maps.models import Map
from maps.projection import Projection

logger = logging.getLogger(__name__)

WIDTH, HEIGHT = 1200, 630
BAND = 92
# Pillow draws on a canvas this many times larger, then scales down: smooth edges.
SUPERSAMPLE = 2


def _font(size: int) -> ImageFont.ImageFont | ImageFont.FreeTypeFont:
    return ImageFont.load_default(size=size)


def _pattern_layer(colour: str, pattern: str, size: tuple[int, int], step: int) -> Image.Image:
    """The party's tint with its lines or dots, covering the whole canvas."""
    layer = Image.new("RGBA", size, colour + "40")
    draw = ImageDraw.Draw(layer)
    width, height = size
    line = max(2, step // 4)
    if pattern in {"hatched", "cross-hatched"}:
        for start in range(-height, width, step):
            draw.line([(start, height), (start + height, 0)], fill=colour, width=line)
    if pattern == "cross-hatched":
        for start in range(0, width + height, step):
            draw.line([(start, height), (start - height, 0)], fill=colour, width=line)
    if pattern == "striped":
        for y in range(0, height, step):
            draw.line([(0, y), (width, y)], fill=colour, width=line)
    if pattern == "dotted":
        for y in range(0, height, step):
            for x in range(0, width, step):
                draw.ellipse([x, y, x + line * 1.6, y + line * 1.6], fill=colour)
    if pattern == "solid":
        layer = Image.new("RGBA", size, colour + "59")
    return layer


def paint(map_: Map) -> bytes:
    """The PNG of a map fetched with MapQuerySet.with_features()."""
    scale = SUPERSAMPLE
    bounds = map_.bounds.widened(WIDTH / (HEIGHT - BAND))
    projection = Projection(bounds, WIDTH * scale)
    numbered = map_.numbered_developments()
    scene = drawing.build_scene(numbered, list(map_.areas.all()), projection)
    size = (WIDTH * scale, (HEIGHT - BAND) * scale)
    canvas = Image.new("RGBA", size, drawing.SEA)
    draw = ImageDraw.Draw(canvas)

    def polygons(shape: drawing.Outline, fill: str | None, outline: str | None, width: int) -> None:
        for ring in shape.rings:
            if len(ring) >= 3:
                draw.polygon(ring, fill=fill, outline=outline, width=width)

    for country in scene.countries:
        polygons(country, LAND, drawing.BORDER, scale)
    for lake in scene.lakes:
        polygons(lake, drawing.SEA, None, 0)
    for river in scene.rivers:
        for ring in river.rings:
            draw.line(ring, fill=drawing.RIVER, width=2 * scale, joint="curve")
    for coast in scene.coast:
        for ring in coast.rings:
            draw.line(ring, fill=drawing.COAST, width=2 * scale, joint="curve")
    for area in scene.areas:
        mask = Image.new("L", size, 0)
        mask_draw = ImageDraw.Draw(mask)
        for index, ring in enumerate(area.outline.rings):
            # A ring inside another is a hole (the outline's even-odd rule, as in the SVG).
            mask_draw.polygon(ring, fill=255 if index == 0 or not _inside(ring, area.outline.rings[0]) else 0)
        # Pasted through the area's mask onto a clear layer, then laid over the map: the tint
        # stays translucent and the land shows through.
        overlay = Image.new("RGBA", size, (0, 0, 0, 0))
        overlay.paste(_pattern_layer(area.colour, area.pattern, size, 12 * scale), (0, 0), mask)
        canvas.alpha_composite(overlay)
        for ring in area.outline.rings:
            draw.line([*ring, ring[0]], fill=area.colour, width=3 * scale, joint="curve")
    label_font, city_font = _font(15 * scale), _font(13 * scale)
    for city in scene.cities:
        x, y = city.at
        draw.ellipse([x - 3 * scale, y - 3 * scale, x + 3 * scale, y + 3 * scale], fill=drawing.CITY)
        draw.text((x + 5 * scale, y - 4 * scale), city.name, font=city_font, fill=drawing.CITY, anchor="ls",
                  stroke_width=2 * scale, stroke_fill=drawing.HALO)  # fmt: skip
    for area in scene.areas:
        draw.text(area.label_at, area.label, font=label_font, fill=area.colour, anchor="mm",
                  stroke_width=3 * scale, stroke_fill=drawing.HALO)  # fmt: skip
    radius = 13 * scale
    number_font = _font(14 * scale)
    for marker in scene.markers:
        x, y = marker.at
        corners = drawing.symbol_points(marker.symbol, x, y, radius)
        if corners is None:
            draw.ellipse([x - radius, y - radius, x + radius, y + radius], fill=marker.colour,
                         outline=drawing.HALO, width=2 * scale)  # fmt: skip
        else:
            draw.polygon(corners, fill=marker.colour, outline=drawing.HALO, width=2 * scale)
        offset = radius * 0.2 if marker.symbol == "triangle" else 0
        draw.text((x, y + offset), str(marker.number), font=number_font, fill="#ffffff", anchor="mm")

    picture = Image.new("RGB", (WIDTH, HEIGHT), "#ffffff")
    picture.paste(canvas.resize((WIDTH, HEIGHT - BAND), Image.Resampling.LANCZOS).convert("RGB"), (0, 0))
    band = ImageDraw.Draw(picture)
    band.rectangle([0, HEIGHT - BAND, WIDTH, HEIGHT], fill="#9b1c1c")
    title = map_.title if len(map_.title) <= 70 else map_.title[:69] + "…"
    band.text((24, HEIGHT - BAND + 16), title, font=_font(30), fill="#ffffff")
    moment = formats.date_format(timezone.localtime(map_.describes_at), "DATETIME_FORMAT")
    band.text((24, HEIGHT - BAND + 56), moment, font=_font(20), fill="#ffffff")
    output = io.BytesIO()
    # A palette keeps a flat map small (tens of KB) without visible loss.
    picture.quantize(colors=256, method=Image.Quantize.FASTOCTREE).save(output, "PNG", optimize=True)
    return output.getvalue()


def _inside(ring: tuple[drawing.Point, ...], outer: tuple[drawing.Point, ...]) -> bool:
    xs = [x for x, _ in outer]
    ys = [y for _, y in outer]
    x, y = ring[0]
    return min(xs) <= x <= max(xs) and min(ys) <= y <= max(ys)


def redraw(map_id: int) -> None:
    """Paint the map's picture again and store it under a new name: caches and social sites
    never keep a stale picture under a current name. Earlier pictures stay where they are, since
    copies of pages kept by edges (served stale for up to a day when the site is down) and feed
    readers may still show them."""
    map_ = Map.objects.with_features().filter(pk=map_id).first()
    if map_ is None:
        return
    png = paint(map_)
    name = f"map-{map_.pk}-{hashlib.sha256(png).hexdigest()[:16]}.png"
    if map_.share_image and map_.share_image.name.endswith(name):
        return
    map_.share_image.save(name, ContentFile(png), save=False)
    # A plain UPDATE: no save signals (they would purge and redraw again), then purge the map.
    Map.objects.filter(pk=map_.pk).update(share_image=map_.share_image.name)
    surrogate_keys.purge(surrogate_keys.key_of(map_))


def redraw_after_commit(map_id: int) -> None:
    """Redraw once the current transaction commits (the editor's save never waits on it
    failing: a failure is logged and ``draw_map_images`` makes it again)."""

    def run() -> None:
        try:
            redraw(map_id)
        except Exception:  # Any failure to paint must not turn an editor's saved work into an error.
            logger.exception("Could not draw the shared picture of map %s", map_id)

    transaction.on_commit(run)
