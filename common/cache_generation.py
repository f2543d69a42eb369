"""The content generation: one number that every cached page and cached fragment carries
in its key. Any change readers could see bumps it, so everything cached before is unused
from then on, in every process within PAGE_CACHE_GENERATION_SECONDS."""

from __future__ import annotations

import threading
import time
from typing import Any

from django.conf import settings
from django.db import connection

from common.models import CacheGeneration

_generation: dict[str, Any] = {"value": None, "read_at": 0.0}
_generation_lock = threading.Lock()


def current_generation() -> int:
    """The generation number, read from the database at most every few seconds per process."""
    now = time.monotonic()
    if (
        _generation["value"] is not None
        and now - _generation["read_at"] < settings.PAGE_CACHE_GENERATION_SECONDS
    ):
        return _generation["value"]
    with _generation_lock:
        row = CacheGeneration.objects.filter(pk=1).values_list("value", flat=True).first()
        _generation["value"], _generation["read_at"] = row or 0, now
    return _generation["value"]


def bump_generation(**kwargs: Any) -> None:
    """Every cached page is stale from now on (for other processes, within seconds).
    Takes any keyword arguments, so it can be connected to model signals as it is."""
    table = CacheGeneration._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} (id, value) VALUES (1, 1) "  # noqa: S608 (our table)
            f"ON CONFLICT (id) DO UPDATE SET value = {table}.value + 1 RETURNING value"
        )
        value = cursor.fetchone()[0]
    with _generation_lock:
        _generation["value"], _generation["read_at"] = value, time.monotonic()
