"""The anonymous readers' page cache.

Whole pages are cached for readers without a session (Redis when REDIS_URL is set,
process memory otherwise), so a popular page is rendered once, not on every
request. What makes it correct:

* Only anonymous GET/HEAD requests without a session or pending messages, and
  only with known query parameters: staff toolbars and flash messages never
  reach the cache, and random parameters cannot fill it.
* The CSRF token differs per reader. Pages are rendered with a placeholder where
  the token goes, and each reader's own token is put in on the way out, so one
  cached page serves every reader and their comments still pass CSRF.
* Every content change bumps a site-wide generation number kept in the database
  (cache keys include it); each process reads it at most every
  PAGE_CACHE_GENERATION_SECONDS, so a publication reaches every worker within
  seconds, even with a per-process cache.
* Entries live at most PAGE_CACHE_SECONDS, and never past the next moment a
  page changes by itself (a scheduled article going live, an Editor's Choice
  pick lapsing), so time-driven changes show on time too.
* Responses carry ETag and Last-Modified, and ConditionalGetMiddleware turns a
  repeat visit into a 304.
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Callable
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.middleware.csrf import get_token
from django.utils import timezone
from django.utils.http import http_date

from articles.models import EditorsPick
from common.cache_generation import current_generation
from common.publishing import next_publication

CSRF_PLACEHOLDER = "alwaght-csrf-token-placeholder"
# Query parameters that select what a page shows; any other makes the request bypass the cache.
KNOWN_PARAMETERS = frozenset({"page", "period", "tab", "photo", "q", "comments"})
EXCLUDED_PREFIXES = ("/admin/", "/static/", "/media/", "/views/", "/comments/", "/healthz")
CACHEABLE_TYPES = (
    "text/html",
    "application/rss+xml",
    "application/atom+xml",
    "application/xml",
    "text/plain",
)


_next_change_key = "page-cache:next-change"


def seconds_until_next_change() -> int:
    """Seconds until a page changes without anyone saving anything: scheduled content goes
    live or an Editor's Choice pick lapses. Looked up at most once a minute."""
    moment = cache.get(_next_change_key)
    now = timezone.now()
    if moment is None:
        changes = [next_publication(now), EditorsPick.objects.next_lapse(now)]
        moment = min(filter(None, changes), default=now + timedelta(days=365))
        cache.set(_next_change_key, moment, timeout=60)
    return max(0, int((moment - now).total_seconds()))


def is_candidate(request: HttpRequest) -> bool:
    """Whether the page this request asks for may come from, and go to, the cache."""
    if request.method not in {"GET", "HEAD"} or settings.PAGE_CACHE_SECONDS <= 0:
        return False
    if settings.SESSION_COOKIE_NAME in request.COOKIES or "messages" in request.COOKIES:
        return False
    if request.path.startswith(EXCLUDED_PREFIXES) or request.path.startswith(
        tuple(settings.PAGE_CACHE_EXCLUDED_PATHS)
    ):
        return False
    return set(request.GET.keys()) <= KNOWN_PARAMETERS


def cache_key(request: HttpRequest) -> str:
    address = f"{request.get_host()}{request.get_full_path()}"
    digest = hashlib.sha256(address.encode()).hexdigest()[:40]
    return f"page:{current_generation()}:{digest}"


class PageCacheMiddleware:
    """Serves and stores anonymous readers' pages; see the module's description."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not is_candidate(request):
            return self.get_response(request)
        request.page_cache_candidate = True
        key = cache_key(request)
        stored = cache.get(key)
        if stored is None and not cache.add(f"{key}:rendering", 1, timeout=RENDER_LOCK_SECONDS):
            # Another request is rendering this very page (a popular page just expired):
            # wait a moment for its result rather than render it again alongside.
            stored = wait_for(key)
        if stored is not None:
            return self.personalise(request, rebuild(stored), hit=True)
        try:
            response = self.get_response(request)
        finally:
            cache.delete(f"{key}:rendering")
        if self.storable(response):
            body = response.content
            response["ETag"] = f'"{hashlib.md5(body, usedforsecurity=False).hexdigest()}"'
            response["Last-Modified"] = http_date()
            response["Cache-Control"] = "private, max-age=0, must-revalidate"
            timeout = min(settings.PAGE_CACHE_SECONDS, seconds_until_next_change())
            if timeout > 0:
                cache.set(key, snapshot(response), timeout=timeout)
        return self.personalise(request, response, hit=False)

    @staticmethod
    def storable(response: HttpResponse) -> bool:
        return (
            response.status_code == 200
            and not response.streaming
            and not response.cookies
            and response.get("Content-Type", "").startswith(CACHEABLE_TYPES)
            and "private" not in response.get("Cache-Control", "")
            and "no-store" not in response.get("Cache-Control", "")
        )

    @staticmethod
    def personalise(request: HttpRequest, response: HttpResponse, hit: bool) -> HttpResponse:
        """Put this reader's CSRF token where the page has the placeholder."""
        if not response.streaming and CSRF_PLACEHOLDER.encode() in response.content:
            response.content = response.content.replace(
                CSRF_PLACEHOLDER.encode(), get_token(request).encode()
            )
        response["X-Page-Cache"] = "hit" if hit else "miss"
        return response


RENDER_LOCK_SECONDS = 5
WAIT_STEP_SECONDS = 0.01
WAIT_LIMIT_SECONDS = 0.5


def wait_for(key: str) -> dict[str, Any] | None:
    """The page another request is rendering, if it arrives within WAIT_LIMIT_SECONDS.
    Stops waiting as soon as that render ends without storing (a 404, a private page)."""
    deadline = time.monotonic() + WAIT_LIMIT_SECONDS
    while time.monotonic() < deadline:
        time.sleep(WAIT_STEP_SECONDS)
        stored = cache.get(key)
        if stored is not None or cache.get(f"{key}:rendering") is None:
            return stored
    return None


def snapshot(response: HttpResponse) -> dict[str, Any]:
    headers = {name: value for name, value in response.items() if name.lower() not in {"set-cookie", "vary"}}
    return {"status": response.status_code, "headers": headers, "body": response.content}


def rebuild(stored: dict[str, Any]) -> HttpResponse:
    response = HttpResponse(stored["body"], status=stored["status"])
    for name, value in stored["headers"].items():
        response[name] = value
    return response


def placeholder_csrf_token(request: HttpRequest) -> dict[str, str]:
    """Context processor: pages bound for the cache carry a placeholder, not a token."""
    if getattr(request, "page_cache_candidate", False):
        return {"csrf_token": CSRF_PLACEHOLDER}
    return {}
