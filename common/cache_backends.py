"""A Redis cache that fails soft: when Redis is down or hung, the site works without it.

Every operation has a short socket timeout (settings: CACHE_TIMEOUT_MS). When one fails,
the error is logged and the operation answers as an empty cache would: ``get`` finds
nothing, ``set`` stores nothing, ``add`` says the key was new (so a page renders itself
rather than wait for a render nobody is doing). For the next CACHE_RETRY_SECONDS this
process does not ask Redis at all, so a hung server costs one timeout, not one per call.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.core.cache.backends.redis import RedisCache
from redis.exceptions import RedisError

logger = logging.getLogger(__name__)


class _Breaker:
    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.open_until = 0.0

    def is_open(self) -> bool:
        return time.monotonic() < self.open_until

    def trip(self, error: Exception) -> None:
        with self.lock:
            was_closed = not self.is_open()
            self.open_until = time.monotonic() + settings.CACHE_RETRY_SECONDS
        if was_closed:
            logger.warning("The cache does not answer (%s): pages render without it for a while.", error)


def _soft(name: str, fallback: Callable[..., Any]) -> Callable[..., Any]:
    def method(self: TolerantRedisCache, *args: Any, **kwargs: Any) -> Any:
        if self.breaker.is_open():
            return fallback(*args, **kwargs)
        try:
            return getattr(super(TolerantRedisCache, self), name)(*args, **kwargs)
        except (RedisError, OSError) as error:
            self.breaker.trip(error)
            return fallback(*args, **kwargs)

    method.__name__ = name
    return method


def _default(key: str, default: Any = None, *args: Any, **kwargs: Any) -> Any:
    return default


def _added(*args: Any, **kwargs: Any) -> bool:
    return True


def _not_found(*args: Any, **kwargs: Any) -> bool:
    return False


def _nothing(*args: Any, **kwargs: Any) -> None:
    return None


def _incremented(key: str, delta: int = 1, *args: Any, **kwargs: Any) -> int:
    return delta


def _none_found(*args: Any, **kwargs: Any) -> dict[str, Any]:
    return {}


def _none_failed(*args: Any, **kwargs: Any) -> list[str]:
    return []


class TolerantRedisCache(RedisCache):
    """Django's Redis cache, answering as an empty cache when Redis does not (see above)."""

    def __init__(self, server: str, params: dict[str, Any]) -> None:
        super().__init__(server, params)
        self.breaker = _Breaker()

    get = _soft("get", _default)
    set = _soft("set", _nothing)
    add = _soft("add", _added)
    touch = _soft("touch", _not_found)
    delete = _soft("delete", _not_found)
    has_key = _soft("has_key", _not_found)
    incr = _soft("incr", _incremented)
    get_many = _soft("get_many", _none_found)
    set_many = _soft("set_many", _none_failed)
    delete_many = _soft("delete_many", _nothing)
    clear = _soft("clear", _nothing)
