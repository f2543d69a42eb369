"""``picture()`` in templates: a responsive <img> for a library image, in one of the site's crops."""

from __future__ import annotations

from django.utils.html import format_html
from django.utils.safestring import SafeString

from common.images import DEFAULT_CROP
from common.models import Image

# The rendition used as `src` for browsers that ignore srcset.
FALLBACK_WIDTH = 800


def picture(
    image: Image | None,
    crop: str = DEFAULT_CROP,
    sizes: str = "100vw",
    loading: str = "lazy",
    css_class: str = "",
    alt: str | None = None,
) -> SafeString | str:
    """<img> with srcset, sizes, width and height, lazy unless ``loading="eager"``.

    ``alt`` defaults to the image's description; pass ``alt=""`` where the picture only
    repeats what a link beside it says. Renders nothing when there is no image, so
    templates need no extra check. No query and no disk access.
    """
    if not image:
        return ""
    text = image.description if alt is None else alt
    files = image.renditions(crop)
    if not files:
        return format_html(
            '<img src="{}" alt="{}" class="{}" loading="{}">', image.file.url, text, css_class, loading
        )
    fallback = next((item for item in reversed(files) if item.width <= FALLBACK_WIDTH), files[0])
    largest = files[-1]
    srcset = ", ".join(f"{item.url} {item.width}w" for item in files)
    return format_html(
        '<img src="{}" srcset="{}" sizes="{}" width="{}" height="{}" alt="{}" class="{}" '
        'loading="{}" decoding="async">',
        fallback.url,
        srcset,
        sizes,
        largest.width,
        largest.height,
        text,
        css_class,
        loading,
    )


def picture_url(image: Image | None, crop: str = DEFAULT_CROP, width: int = 1200) -> str:
    """The address of the image's widest rendition in ``crop`` no wider than ``width`` (for a
    video's poster attribute and the like); empty without an image."""
    if not image:
        return ""
    files = image.renditions(crop)
    if not files:
        return image.file.url
    return next((item for item in reversed(files) if item.width <= width), files[0]).url
