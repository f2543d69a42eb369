"""Addresses of pages, fast enough for listings that show dozens of links.

``reverse()`` walks the URL patterns on every call (about 20 µs); a listing page made
about 70 of them. The address of a named page depends only on its arguments, the URLconf,
the script prefix and the active language, so :func:`cached_reverse` remembers it per
process under exactly those. Addresses with an id (one per article) would only churn that
memory: models build them from their parent's cached address with :func:`path_below`,
which quotes the parts exactly as ``reverse()`` does (tests/common/test_reversing.py
compares the two).
"""

from __future__ import annotations

import functools
from typing import Any
from urllib.parse import quote

from django.conf import settings
from django.urls import get_script_prefix, get_urlconf, reverse
from django.urls.resolvers import RFC3986_SUBDELIMS
from django.utils import translation
from django.utils.translation import get_language

# What reverse() leaves unquoted in a path.
_SAFE = RFC3986_SUBDELIMS + "/~:@"


@functools.lru_cache(maxsize=8192)
def _reverse(urlconf: Any, prefix: str, language: str | None, viewname: str, kwargs: tuple) -> str:
    with translation.override(language):
        return reverse(viewname, urlconf=urlconf, kwargs=dict(kwargs))


def cached_reverse(viewname: str, *, language: str | None = None, **kwargs: Any) -> str:
    """``reverse(viewname, kwargs=kwargs)`` in the edition of ``language`` (the one shown, by
    default), remembered for this URLconf and script prefix."""
    urlconf = get_urlconf() or settings.ROOT_URLCONF
    language = language or get_language()
    return _reverse(urlconf, get_script_prefix(), language, viewname, tuple(sorted(kwargs.items())))


def path_below(address: str, *parts: object) -> str:
    """``address`` (ending in /) followed by each part and a slash, quoted as reverse() quotes."""
    return address + quote("".join(f"{part}/" for part in parts), safe=_SAFE)


def forget_addresses() -> None:
    """Drop remembered addresses (after the URLconf itself changed, as some tests do)."""
    _reverse.cache_clear()
