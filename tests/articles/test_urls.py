"""Section slugs share the first URL segment with the rest of the site."""

from __future__ import annotations

from django.urls import URLPattern, URLResolver, get_resolver

from articles.models import RESERVED_FIRST_SEGMENTS


def fixed_first_segments() -> set[str]:
    """First segments of every root pattern except the articles app's section patterns."""
    segments = set()
    for pattern in get_resolver().url_patterns:
        if isinstance(pattern, URLResolver) and getattr(pattern, "app_name", None) == "articles":
            for inner in pattern.url_patterns:
                route = str(inner.pattern)
                if not route.startswith("<"):
                    segments.add(route.split("/")[0])
            continue
        assert isinstance(pattern, URLPattern | URLResolver)
        route = str(pattern.pattern).lstrip("^")
        first = route.split("/")[0].split("(")[0]
        if first:
            segments.add(first.replace("\\", ""))
    return segments


def test_every_fixed_first_segment_is_reserved_for_sections() -> None:
    missing = fixed_first_segments() - RESERVED_FIRST_SEGMENTS
    assert not missing, f"add {sorted(missing)} to RESERVED_FIRST_SEGMENTS"


def test_design_contract_segments_are_reserved() -> None:
    contract = {"tags", "focus", "gallery", "most-viewed", "search", "feed", "admin", "static", "media",
                "sitemap.xml", "robots.txt", "healthz"}  # fmt: skip
    assert contract <= RESERVED_FIRST_SEGMENTS
