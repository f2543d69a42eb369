"""``{% picture %}``: a responsive <img> for any image stored through PictureField."""

from __future__ import annotations

from django import template
from django.db.models.fields.files import ImageFieldFile
from django.utils.html import format_html
from django.utils.safestring import SafeString

from alwaght.images import rendition_urls

register = template.Library()

# The rendition used as `src` for browsers that ignore srcset.
FALLBACK_WIDTH = 800


@register.simple_tag
def picture(
    image: ImageFieldFile | None,
    alt: str,
    sizes: str = "100vw",
    loading: str = "lazy",
    css_class: str = "",
) -> SafeString | str:
    """<img> with srcset, sizes, width and height, lazy unless ``loading="eager"``.

    Renders nothing when there is no image, so templates need no extra check.
    """
    if not image:
        return ""
    files = rendition_urls(image)
    if not files:
        return format_html(
            '<img src="{}" alt="{}" class="{}" loading="{}">', image.url, alt, css_class, loading
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
        alt,
        css_class,
        loading,
    )
