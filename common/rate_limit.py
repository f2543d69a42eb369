"""One rate limiter for everything readers send: comments, view beacons.

Counts live in PostgreSQL (common.models.RateCount), so every worker and every machine of
the site shares them; one upsert per request. The client's identity is hashed with the
secret key before it is stored: no address is kept.
"""

from __future__ import annotations

import hashlib
import hmac
from datetime import UTC, datetime

from django.conf import settings
from django.db import connection
from django.utils import timezone

from common.models import RateCount


def identity_hash(scope: str, identity: str) -> str:
    digest = hmac.new(settings.SECRET_KEY.encode(), f"{scope}|{identity}".encode(), hashlib.sha256)
    return digest.hexdigest()[:32]


def window_start(moment: datetime, window_seconds: int) -> datetime:
    """The fixed window a moment falls in (windows start at multiples of their length)."""
    seconds = int(moment.timestamp())
    return datetime.fromtimestamp(seconds - seconds % window_seconds, tz=UTC)


def over_limit(scope: str, identity: str, limit: int, window_seconds: int) -> bool:
    """Count one more request from ``identity`` in ``scope``; True when it goes over ``limit``
    in the current window. Counting first means concurrent requests cannot slip past together."""
    table = RateCount._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} (scope, identity, window_start, count) VALUES (%s, %s, %s, 1) "  # noqa: S608
            f"ON CONFLICT (scope, identity, window_start) DO UPDATE SET count = {table}.count + 1 RETURNING count",
            [scope, identity_hash(scope, identity), window_start(timezone.now(), window_seconds)],
        )
        return cursor.fetchone()[0] > limit


def forget_old_counts(older_than_seconds: int = 3600) -> int:
    """Delete counts of windows that ended long ago; returns how many."""
    cutoff = timezone.now().timestamp() - older_than_seconds
    deleted, _ = RateCount.objects.filter(window_start__lt=datetime.fromtimestamp(cutoff, tz=UTC)).delete()
    return deleted
