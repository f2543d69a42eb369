"""``picture()`` in templates: a responsive <img> for a library image, in one of the site's crops."""

from __future__ import annotations

from django.templatetags.static import static
from django.utils.html import format_html
from django.utils.safestring import SafeString

from common.images import DEFAULT_CROP, PENDING_PICTURE, largest_size
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
    templates need no extra check, and a placeholder of the picture's shape while its
    renditions are being made. No query and no disk access.
    """
    if not image:
        return ""
    text = image.description if alt is None else alt
    files = image.renditions(crop)
    if not files:
        # Not prepared yet (the job queue makes renditions a moment after an upload): a neutral
        # placeholder of the right shape, never the original, which may still carry metadata.
        width, height = largest_size(image.width or 16, image.height or 9, crop)
        return format_html(
            '<img src="{}" width="{}" height="{}" alt="{}" class="{}" loading="{}" decoding="async">',
            static(PENDING_PICTURE),
            width,
            height,
            text,
            css_class,
            loading,
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
        return static(PENDING_PICTURE)
    return next((item for item in reversed(files) if item.width <= width), files[0]).url
