"""Counting article views honestly.

A view is counted through the beacon endpoint that the article page calls (so it
still counts when the page HTML came from a cache), once per reader per article
per half hour, never for robots, prefetches, staff or unpublished articles. It
lands in the article's current hourly bucket with one atomic upsert: concurrent
views are never lost and need no read-modify-write.
"""

from __future__ import annotations

import hashlib
import hmac
from datetime import UTC, datetime
from functools import lru_cache

import crawleruseragents
from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.http import HttpRequest
from django.utils import timezone

from articles.models import HourlyViews
from common import rate_limit
from common.client_address import client_ip

# Headers that browsers send when they fetch a page ahead of the reader asking for it.
PREFETCH_HEADERS = ("Sec-Purpose", "Purpose", "X-Purpose", "X-Moz")


def bucket_hour(moment: datetime) -> datetime:
    return moment.astimezone(UTC).replace(minute=0, second=0, microsecond=0)


def record_view(article_id: int, moment: datetime | None = None) -> None:
    """Add one view to the article's hourly bucket (INSERT … ON CONFLICT DO UPDATE)."""
    table = HourlyViews._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} (article_id, hour, views) VALUES (%s, %s, 1) "  # noqa: S608 (table name is ours)
            f"ON CONFLICT (article_id, hour) DO UPDATE SET views = {table}.views + 1",
            [article_id, bucket_hour(moment or timezone.now())],
        )


@lru_cache(maxsize=4096)
def is_robot(user_agent: str) -> bool:
    """A crawler by the maintained crawler-user-agents list, or no user agent at all."""
    return not user_agent.strip() or crawleruseragents.is_crawler(user_agent)


def is_prefetch(request: HttpRequest) -> bool:
    return any(
        word in request.headers.get(header, "").lower()
        for header in PREFETCH_HEADERS
        for word in ("prefetch", "prerender", "preview")
    )


def is_countable(request: HttpRequest) -> bool:
    """A page view by a reader: not a robot, not a prefetch, not staff at work."""
    if is_robot(request.headers.get("user-agent", "")[:512]) or is_prefetch(request):
        return False
    return not getattr(request.user, "is_staff", False)


def _reader_fingerprint(request: HttpRequest) -> str:
    """A short-lived, salted hash of the reader's address and browser.

    The salt changes every day and the hash is kept for minutes in the cache: no
    personal data is stored, and yesterday's hashes cannot be matched to today's.
    """
    day = timezone.now().astimezone(UTC).strftime("%Y-%m-%d")
    salt = hmac.new(settings.SECRET_KEY.encode(), f"view-salt:{day}".encode(), hashlib.sha256).digest()
    material = f"{client_ip(request)}|{request.headers.get('user-agent', '')[:512]}".encode()
    return hmac.new(salt, material, hashlib.sha256).hexdigest()[:32]


def over_rate_limit(request: HttpRequest) -> bool:
    """Count one beacon from this address; True past VIEWS_RATE_LIMIT_PER_MINUTE."""
    return rate_limit.over_limit(
        "views", client_ip(request) or "unknown", settings.VIEWS_RATE_LIMIT_PER_MINUTE, window_seconds=60
    )


def first_view_in_window(request: HttpRequest, article_id: int) -> bool:
    """True the first time this reader views this article in VIEWS_REPEAT_WINDOW_SECONDS."""
    key = f"views:seen:{article_id}:{_reader_fingerprint(request)}"
    return cache.add(key, 1, timeout=settings.VIEWS_REPEAT_WINDOW_SECONDS)
