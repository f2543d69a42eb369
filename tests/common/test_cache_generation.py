"""The content generation: one number that makes every cached page stale at once."""

from __future__ import annotations

import pytest
from django.db import connection

from common import cache_generation
from common.models import CacheGeneration

pytestmark = pytest.mark.django_db


def test_a_bump_is_seen_at_once_by_the_process_that_made_it() -> None:
    before = cache_generation.current_generation()
    cache_generation.bump_generation()
    assert cache_generation.current_generation() == before + 1
    assert CacheGeneration.objects.get(pk=1).value == before + 1


def test_other_processes_see_a_change_within_seconds(monkeypatch, settings) -> None:
    settings.PAGE_CACHE_GENERATION_SECONDS = 2
    clock = [1000.0]
    monkeypatch.setattr(cache_generation.time, "monotonic", lambda: clock[0])
    monkeypatch.setitem(cache_generation._generation, "value", None)
    before = cache_generation.current_generation()
    table = CacheGeneration._meta.db_table
    with connection.cursor() as cursor:  # another process bumps the generation
        cursor.execute(
            f"INSERT INTO {table} (id, value) VALUES (1, 1) ON CONFLICT (id) DO UPDATE SET value = {table}.value + 1"  # noqa: S608
        )
    clock[0] += 1
    assert cache_generation.current_generation() == before  # still within the last read
    clock[0] += 1.5
    assert cache_generation.current_generation() == before + 1
