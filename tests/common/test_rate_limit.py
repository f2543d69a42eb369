"""One rate limiter for everything readers send."""

from __future__ import annotations

import threading

import time_machine
from django.core.cache import cache
from django.utils import timezone

from common import rate_limit
from common.rate_limit import over_limit


def test_requests_past_the_limit_are_refused_until_the_window_ends(settings) -> None:
    # Process memory as the cache: its expiry follows the test's clock.
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    cache.clear()
    with time_machine.travel(timezone.now(), tick=False) as clock:
        answers = [over_limit("comments", "203.0.113.7", limit=3, window_seconds=600) for _ in range(5)]
        assert answers == [False, False, False, True, True]
        assert not over_limit("comments", "203.0.113.8", limit=3, window_seconds=600)  # another reader
        assert not over_limit("views", "203.0.113.7", limit=3, window_seconds=600)  # another purpose
        clock.shift(601)
        assert not over_limit("comments", "203.0.113.7", limit=3, window_seconds=600)


def test_concurrent_requests_cannot_slip_past_together() -> None:
    results: list[bool] = []
    lock = threading.Lock()

    def send() -> None:
        answer = over_limit("comments", "198.51.100.1", limit=5, window_seconds=600)
        with lock:
            results.append(answer)

    threads = [threading.Thread(target=send) for _ in range(40)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert results.count(False) == 5


def test_no_address_is_kept_in_the_cache_key() -> None:
    key = rate_limit._key("comments", "203.0.113.7")
    assert "203.0.113" not in key and key.startswith("rate:comments:")
    assert key != rate_limit._key("comments", "203.0.113.8")
