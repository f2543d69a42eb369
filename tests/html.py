"""Comparing HTML as HTML: attribute order, whitespace and quoting do not matter."""

from __future__ import annotations

from django.test.html import parse_html


def count_in_html(fragment: str, page: str) -> int:
    """How many times the element (or elements) in ``fragment`` appear in ``page``."""
    return parse_html(page).count(parse_html(fragment))


def assert_in_html(fragment: str, page: str, count: int | None = None) -> None:
    found = count_in_html(fragment, page)
    if count is None:
        assert found >= 1, f"not in the page: {fragment}"
    else:
        assert found == count, f"{found} times, not {count}: {fragment}"
