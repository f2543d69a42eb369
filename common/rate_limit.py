"""One rate limiter for everything readers can send: comments, view beacons.

Counts live in the cache (Redis in production, so every worker shares them). The
client's identity is hashed with the secret key before it becomes a key: no address
is kept in the cache.
"""

from __future__ import annotations

import hashlib
import hmac

from django.conf import settings
from django.core.cache import cache


def _key(scope: str, identity: str) -> str:
    digest = hmac.new(settings.SECRET_KEY.encode(), f"{scope}|{identity}".encode(), hashlib.sha256)
    return f"rate:{scope}:{digest.hexdigest()[:32]}"


def over_limit(scope: str, identity: str, limit: int, window_seconds: int) -> bool:
    """Count one more request from ``identity`` in ``scope``; True when it goes over ``limit``
    within the window that its first request started. Counting first means concurrent
    requests cannot slip past together."""
    key = _key(scope, identity)
    # add() starts the window; incr() is atomic in Redis and in local memory.
    cache.add(key, 0, timeout=window_seconds)
    try:
        count = cache.incr(key)
    except ValueError:  # the window ended between the two calls
        cache.set(key, 1, timeout=window_seconds)
        count = 1
    return count > limit
