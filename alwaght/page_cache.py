"""Reader pages: one copy for everyone, kept by the site and by edges, refreshed by surrogate keys.

Anonymous reader pages hold nothing per reader (no CSRF token, no flash message), so:

* every response to an anonymous GET says what an edge (Varnish, a CDN) may do with it:
  ``Cache-Control: public`` with ``s-maxage`` for edges, a short ``max-age`` for browsers,
  ``stale-while-revalidate`` and ``stale-if-error``, never past the next moment a page
  changes by itself (scheduled content going live, an Editor's Choice pick lapsing); and
  what it shows, in ``xkey`` and ``Surrogate-Key`` (common/surrogate_keys.py). Requests with
  a session (staff) get ``private, no-store``.
* the site keeps rendered pages itself too (Redis, or process memory), keyed by host, path
  and the query parameters the page uses (common/page_parameters.py). A copy is used while
  it is fresh (PAGE_CACHE_SECONDS) and none of its keys has been purged since it was
  rendered: a comment approved on one article refreshes that article's page only.
* failure degrades: when the database is away, readers get the last copy of a page (for
  PAGE_CACHE_STALE_SECONDS) instead of an error; a cache that does not answer makes pages
  render uncached (common/cache_backends.py).
"""

from __future__ import annotations

import functools
import hashlib
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from urllib.parse import urlencode

from django.conf import settings
from django.core.cache import cache
from django.db import DatabaseError
from django.http import HttpRequest, HttpResponse
from django.urls import Resolver404, resolve
from django.utils import timezone
from django.utils.http import http_date

from articles.models import BreakingNews, EditorsPick
from common import editions, surrogate_keys
from common.page_parameters import parameters_of
from common.publishing import next_publication

EXCLUDED_PREFIXES = ("/admin/", "/static/", "/media/", "/views/", "/comments/", "/healthz")
CACHEABLE_TYPES = (
    "text/html",
    "application/rss+xml",
    "application/atom+xml",
    "application/xml",
    "application/geo+json",
    "text/plain",
)
# Statuses an edge may keep: pages, redirects to canonical addresses, and (briefly) misses.
EDGE_STATUSES = {200, 301, 404, 410}
MISSING_PAGE_SECONDS = 60
# While the database does not answer: how long edges keep what they get.
OUTAGE_EDGE_SECONDS = 60
RENDER_LOCK_SECONDS = 5
WAIT_STEP_SECONDS = 0.01
WAIT_LIMIT_SECONDS = 0.5

# Purged whenever content is scheduled, rescheduled or published, a pick or a breaking-news bar changes.
NEXT_CHANGE_KEYS = frozenset(
    {"articles", "albums", "films", "maps", "editorspicks", "breaking-news", surrogate_keys.ALL_KEY}
)
NEXT_CHANGE_RECHECK = timedelta(seconds=60)


@dataclass(frozen=True)
class KnownChange:
    moment: datetime
    position: int  # the newest purge known when it was looked up
    looked_up_at: datetime


_next_change: KnownChange | None = None


def seconds_until_next_change() -> int:
    """Seconds until a page changes without anyone saving anything: scheduled content goes
    live, an Editor's Choice pick lapses, a breaking-news bar starts or ends. Each process looks
    it up again when that moment passes, when content is (re)scheduled or a pick or bar changes
    (their purges), and every minute."""
    global _next_change
    now = timezone.now()
    known = _next_change
    if (
        known is None
        or known.moment <= now
        or now - known.looked_up_at > NEXT_CHANGE_RECHECK
        or not surrogate_keys.is_current(NEXT_CHANGE_KEYS, known.position)
    ):
        position = surrogate_keys.current_position()
        try:
            changes = [
                next_publication(now),
                EditorsPick.objects.next_lapse(now),
                BreakingNews.objects.next_change(now),
            ]
        except DatabaseError:
            return OUTAGE_EDGE_SECONDS  # not known now: ask again soon
        moment = min(filter(None, changes), default=now + timedelta(days=365))
        known = _next_change = KnownChange(moment, position, now)
    return max(0, int((known.moment - now).total_seconds()))


def forget_next_change() -> None:
    """Look the next change up afresh (tests start from a clean slate)."""
    global _next_change
    _next_change = None


def is_reader_request(request: HttpRequest) -> bool:
    """An anonymous reader asking for a page: the same copy may serve every such request."""
    return (
        request.method in {"GET", "HEAD"}
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and not editions.path_without_edition(request.path).startswith(EXCLUDED_PREFIXES)
        and not request.path.startswith(tuple(settings.PAGE_CACHE_EXCLUDED_PATHS))
    )


@functools.lru_cache(maxsize=4096)
def parameters_at(urlconf: str, path_info: str) -> tuple[str, ...]:
    """The query parameters the page at this path uses (remembered: resolving a path costs
    more than the rest of a cache hit)."""
    try:
        return parameters_of(resolve(path_info, urlconf).func)
    except Resolver404:
        return ()


def cache_key(request: HttpRequest) -> str:
    """Host, path and the query parameters this page uses: any other parameter shares the copy."""
    used = parameters_at(getattr(request, "urlconf", None) or settings.ROOT_URLCONF, request.path_info)
    query = urlencode(sorted((name, value) for name in used for value in request.GET.getlist(name)))
    address = f"{request.get_host()}{request.path}?{query}"
    return f"page:{hashlib.sha256(address.encode()).hexdigest()[:40]}"


def set_edge_headers(response: HttpResponse, key_header: str) -> None:
    """Say what an edge may keep, for how long, and what the response shows (``key_header``,
    from :func:`common.surrogate_keys.header_value`)."""
    if "private" in response.get("Cache-Control", "") or "no-store" in response.get("Cache-Control", ""):
        return
    if response.status_code not in EDGE_STATUSES or response.cookies:
        response["Cache-Control"] = "private, no-store"
        return
    edge_seconds = min(settings.EDGE_MAX_AGE_SECONDS, seconds_until_next_change())
    if response.status_code in {404, 410}:
        edge_seconds = min(edge_seconds, MISSING_PAGE_SECONDS)
    browser_seconds = min(settings.BROWSER_MAX_AGE_SECONDS, edge_seconds)
    response["Cache-Control"] = (
        f"public, max-age={browser_seconds}, s-maxage={edge_seconds}, "
        f"stale-while-revalidate={settings.STALE_WHILE_REVALIDATE_SECONDS}, "
        f"stale-if-error={settings.STALE_IF_ERROR_SECONDS}"
    )
    if key_header:
        response["xkey"] = key_header
        response["Surrogate-Key"] = key_header


@dataclass
class Entry:
    """A rendered page as the site keeps it."""

    status: int
    headers: dict[str, str]
    body: bytes
    keys: frozenset[str]
    key_header: str
    position: int  # the newest purge known when the page started rendering
    fresh_until: float
    stored_at: float = field(default_factory=time.time)

    def is_fresh(self) -> bool:
        return time.time() < self.fresh_until and surrogate_keys.is_current(self.keys, self.position)

    def response(self, state: str) -> HttpResponse:
        response = HttpResponse(self.body, status=self.status)
        for name, value in self.headers.items():
            response[name] = value
        set_edge_headers(response, self.key_header)
        if state == "stale":
            # Served because the site cannot render it now: edges should not keep it long.
            response["Cache-Control"] = (
                f"public, max-age=0, s-maxage={MISSING_PAGE_SECONDS}, stale-if-error={settings.STALE_IF_ERROR_SECONDS}"
            )
        response["X-Page-Cache"] = state
        return response


def is_storable(response: HttpResponse) -> bool:
    return (
        settings.PAGE_CACHE_SECONDS > 0
        and response.status_code == 200
        and not response.streaming
        and not response.cookies
        and response.get("Content-Type", "").startswith(CACHEABLE_TYPES)
        and response.get("Cache-Control", "").startswith("public")
    )


def is_outage(response: HttpResponse) -> bool:
    """The response the error handler gives when the database does not answer."""
    return getattr(response, "database_outage", False)


class PageCacheMiddleware:
    """Serves and stores reader pages and says what edges may do; see the module's description."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not is_reader_request(request):
            response = self.get_response(request)
            if settings.SESSION_COOKIE_NAME in request.COOKIES and "Cache-Control" not in response:
                # Staff pages (edit links, previews) are theirs alone.
                response["Cache-Control"] = "private, no-store"
            return response
        if settings.PAGE_CACHE_SECONDS <= 0:
            # The page cache is off: no copy is ever stored, so none is looked up or locked.
            return self.render(request, "")
        key = cache_key(request)
        entry = self.stored(key)
        if entry is not None and entry.is_fresh():
            return entry.response("hit")
        if not cache.add(f"{key}:rendering", 1, timeout=RENDER_LOCK_SECONDS):
            # Another request is rendering this page: serve the last copy, or wait a moment for it.
            if entry is not None:
                return entry.response("stale")
            waited = self.wait_for(key)
            if waited is not None:
                return waited.response("hit")
        try:
            response = self.render(request, key)
        finally:
            cache.delete(f"{key}:rendering")
        if is_outage(response) and entry is not None:
            return entry.response("stale")
        return response

    def render(self, request: HttpRequest, key: str) -> HttpResponse:
        position = surrogate_keys.current_position()
        with surrogate_keys.collecting() as keys:
            surrogate_keys.add(surrogate_keys.ALL_KEY)
            response = self.get_response(request)
        if is_outage(response):
            return response
        key_header = surrogate_keys.header_value(keys)
        set_edge_headers(response, key_header)
        response["X-Page-Cache"] = "miss"
        if is_storable(response):
            fresh_seconds = min(settings.PAGE_CACHE_SECONDS, seconds_until_next_change())
            response["ETag"] = f'"{hashlib.md5(response.content, usedforsecurity=False).hexdigest()}"'
            response["Last-Modified"] = http_date()
            headers = {
                name: value
                for name, value in response.items()
                if name.lower()
                not in {"set-cookie", "vary", "x-page-cache", "cache-control", "xkey", "surrogate-key"}
            }
            entry = Entry(
                status=response.status_code,
                headers=headers,
                body=response.content,
                keys=frozenset(keys),
                key_header=key_header,
                position=position,
                fresh_until=time.time() + fresh_seconds,
            )
            cache.set(key, entry, timeout=fresh_seconds + settings.PAGE_CACHE_STALE_SECONDS)
        return response

    @staticmethod
    def stored(key: str) -> Entry | None:
        entry = cache.get(key)
        return entry if isinstance(entry, Entry) else None

    def wait_for(self, key: str) -> Entry | None:
        """The page another request is rendering, if it arrives within WAIT_LIMIT_SECONDS.
        Stops waiting as soon as that render ends without storing (a 404, a private page)."""
        deadline = time.monotonic() + WAIT_LIMIT_SECONDS
        while time.monotonic() < deadline:
            time.sleep(WAIT_STEP_SECONDS)
            entry = self.stored(key)
            if entry is not None and entry.is_fresh():
                return entry
            if cache.get(f"{key}:rendering") is None:
                return None
        return None
