"""One rate limiter for everything readers send, shared through PostgreSQL."""

from __future__ import annotations

import threading
from datetime import timedelta

import pytest
import time_machine
from django.db import connection
from django.utils import timezone

from common import rate_limit
from common.models import RateCount
from common.rate_limit import over_limit

pytestmark = pytest.mark.django_db


def test_requests_past_the_limit_are_refused_until_the_window_ends() -> None:
    start = timezone.now().replace(second=0, microsecond=0) + timedelta(minutes=10)
    with time_machine.travel(start, tick=False) as clock:
        answers = [over_limit("comments", "203.0.113.7", limit=3, window_seconds=600) for _ in range(5)]
        assert answers == [False, False, False, True, True]
        assert not over_limit("comments", "203.0.113.8", limit=3, window_seconds=600)  # another reader
        assert not over_limit("views", "203.0.113.7", limit=3, window_seconds=600)  # another purpose
        clock.shift(timedelta(seconds=601))
        assert not over_limit("comments", "203.0.113.7", limit=3, window_seconds=600)


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_concurrent_requests_from_many_workers_cannot_slip_past_together() -> None:
    results: list[bool] = []
    lock = threading.Lock()

    def send() -> None:
        try:
            answer = over_limit("comments", "198.51.100.1", limit=5, window_seconds=600)
            with lock:
                results.append(answer)
        finally:
            connection.close()

    threads = [threading.Thread(target=send) for _ in range(40)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert results.count(False) == 5


def test_no_address_is_kept() -> None:
    over_limit("comments", "203.0.113.7", limit=3, window_seconds=600)
    stored = RateCount.objects.get()
    assert "203.0.113" not in stored.identity and len(stored.identity) == 32
    assert stored.identity != rate_limit.identity_hash("comments", "203.0.113.8")


def test_old_counts_are_forgotten() -> None:
    with time_machine.travel(timezone.now() - timedelta(hours=3)):
        over_limit("comments", "203.0.113.7", limit=3, window_seconds=600)
    over_limit("comments", "203.0.113.7", limit=3, window_seconds=600)
    assert rate_limit.forget_old_counts() == 1
    assert RateCount.objects.count() == 1
