"""Values every template may use."""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.http import HttpRequest
from django.urls import translate_url
from django.utils.functional import SimpleLazyObject

from common import editions
from common.reversing import cached_reverse

# Pages every edition has, at the same address in each (but for the prefix): their versions in
# the other editions are alternates of each other. Tag, author, album, film and map pages
# belong to one edition; an article links its own translations (request.alternates).
SHARED_PAGES = frozenset(
    {
        "home", "search", "corrections", "focus:index", "focus:topic", "gallery:index", "maps:index",
        "articles:section", "articles:most_viewed",
    }
)  # fmt: skip


@dataclass(frozen=True)
class EditionLink:
    code: str
    name: str
    url: str
    current: bool
    # The same page in that edition (a hreflang alternate), not just the edition's front page.
    alternate: bool


def site(request: HttpRequest) -> dict[str, object]:
    return {
        "site_name": editions.site_name(),
        "site_tagline": editions.site_tagline(),
        # The page's address without its query string; pages with a meaningful one add it.
        "canonical_url": request.build_absolute_uri(request.path),
        "edition_links": SimpleLazyObject(lambda: edition_links(request)),
    }


def alternates_of(request: HttpRequest) -> dict[str, str]:
    """The page in each edition that has it (paths), by language: what the view said (an
    article's translations), or the same page under each prefix for pages every edition has."""
    alternates = getattr(request, "alternates", None)
    if alternates is not None:
        return alternates
    match = request.resolver_match
    if match is None or match.view_name not in SHARED_PAGES:
        return {}
    if match.args:  # every reader pattern names its arguments; this is for any other
        return {code: translate_url(request.path, code) for code in editions.codes()}
    # The page's own pattern and arguments, reversed in each edition (remembered per process):
    # translate_url() would resolve the path again for each edition.
    query = request.get_full_path().partition("?")[2] if match.view_name == "search" else ""
    return {
        code: cached_reverse(match.view_name, language=code, **match.kwargs) + (f"?{query}" if query else "")
        for code in editions.codes()
    }


def edition_links(request: HttpRequest) -> list[EditionLink]:
    """The language menu: each edition's version of this page, or else its front page."""
    alternates = alternates_of(request)
    current = editions.current()
    return [
        EditionLink(
            code=code,
            name=name,
            url=alternates.get(code) or cached_reverse("home", language=code),
            current=code == current,
            alternate=code in alternates and len(alternates) > 1,
        )
        for code, name in settings.LANGUAGES
    ]
