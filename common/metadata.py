"""What search engines and social sites read: Open Graph, Twitter cards and JSON-LD."""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from django.http import HttpRequest
from django.templatetags.static import static
from django.utils.html import format_html
from django.utils.safestring import SafeString

from common import editions
from common.models import Image

# The characters that could end a <script> element or start markup, escaped inside JSON.
_JSON_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


def json_ld(*objects: dict[str, Any]) -> SafeString:
    """<script type="application/ld+json"> holding the objects, safe inside HTML."""
    data = objects[0] if len(objects) == 1 else list(objects)
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":")).translate(_JSON_ESCAPES)
    return format_html('<script type="application/ld+json">{}</script>', SafeString(text))


def absolute_url(context: Mapping[str, Any], path: str) -> str:
    request: HttpRequest = context["request"]
    return request.build_absolute_uri(path)


def share_image_of(context: Mapping[str, Any], image: Image | None) -> dict[str, Any] | None:
    """The 1200×630 share picture's absolute URL, size and description, or None."""
    share = image.share_image if image else None
    if share is None:
        return None
    return {
        "url": context["request"].build_absolute_uri(share.url),
        "width": share.width,
        "height": share.height,
        "description": image.description,
    }


def publisher(context: Mapping[str, Any]) -> dict[str, Any]:
    request: HttpRequest = context["request"]
    return {
        "@type": "NewsMediaOrganization",
        "name": editions.site_name(),
        "url": request.build_absolute_uri("/"),
        "logo": {
            "@type": "ImageObject",
            "url": request.build_absolute_uri(static("icons/logo.png")),
            "width": 600,
            "height": 60,
        },
    }


def item_list(context: Mapping[str, Any], items: Any, name: str) -> dict[str, Any]:
    """A CollectionPage whose main entity lists the page's items in order."""
    request: HttpRequest = context["request"]
    offset = getattr(context.get("page_obj"), "start_index", lambda: 1)() - 1
    return {
        "@context": "https://schema.org",
        "@type": "CollectionPage",
        "name": name,
        "url": request.build_absolute_uri(request.get_full_path()),
        "mainEntity": {
            "@type": "ItemList",
            "itemListElement": [
                {
                    "@type": "ListItem",
                    "position": offset + index,
                    "url": request.build_absolute_uri(item.get_absolute_url()),
                    "name": str(item),
                }
                for index, item in enumerate(items, start=1)
            ],
        },
    }


def breadcrumb_list(request: HttpRequest, trail: list[tuple[str, str]]) -> dict[str, Any]:
    """A BreadcrumbList of (name, path) pairs, from the site's home to the page."""
    return {
        "@context": "https://schema.org",
        "@type": "BreadcrumbList",
        "itemListElement": [
            {
                "@type": "ListItem",
                "position": position,
                "name": name,
                "item": request.build_absolute_uri(path),
            }
            for position, (name, path) in enumerate(trail, start=1)
        ],
    }
