"""Keep the view tables small: hourly buckets roll up into days, old days into totals."""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import connection, transaction
from django.utils import timezone

from articles.models import ArchivedViews, DailyViews, HourlyViews


def rollup(now: datetime | None = None) -> tuple[int, int]:
    """Fold complete days older than VIEWS_HOURLY_DAYS into daily buckets, and daily buckets
    older than VIEWS_HISTORY_DAYS into each article's archived total. Sums never change.

    Returns (hourly rows rolled up, daily rows archived).
    """
    now = now or timezone.now()
    today = now.astimezone(UTC).date()
    hourly_cutoff = datetime.combine(today - timedelta(days=settings.VIEWS_HOURLY_DAYS), time.min, tzinfo=UTC)
    history_cutoff = today - timedelta(days=settings.VIEWS_HISTORY_DAYS)
    hourly, daily, archived = (
        HourlyViews._meta.db_table,
        DailyViews._meta.db_table,
        ArchivedViews._meta.db_table,
    )
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(
            f"""
            WITH moved AS (DELETE FROM {hourly} WHERE hour < %(cutoff)s RETURNING article_id, hour, views)
            INSERT INTO {daily} (article_id, day, views)
            SELECT article_id, (hour AT TIME ZONE 'UTC')::date, SUM(views) FROM moved GROUP BY 1, 2
            ON CONFLICT (article_id, day) DO UPDATE SET views = {daily}.views + EXCLUDED.views
            """,  # noqa: S608 (table names are ours)
            {"cutoff": hourly_cutoff},
        )
        rolled = cursor.rowcount
        cursor.execute(
            f"""
            WITH moved AS (DELETE FROM {daily} WHERE day < %(cutoff)s RETURNING article_id, views)
            INSERT INTO {archived} (article_id, views)
            SELECT article_id, SUM(views) FROM moved GROUP BY 1
            ON CONFLICT (article_id) DO UPDATE SET views = {archived}.views + EXCLUDED.views
            """,  # noqa: S608 (table names are ours)
            {"cutoff": history_cutoff},
        )
        archived_rows = cursor.rowcount
    return rolled, archived_rows


class Command(BaseCommand):
    help = (
        "Roll hourly view buckets of complete days older than VIEWS_HOURLY_DAYS into daily ones, and "
        "daily ones older than VIEWS_HISTORY_DAYS into all-time totals. Run it hourly (cron)."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        rolled, archived = rollup()
        self.stdout.write(
            f"Rolled {rolled} article-days into daily buckets; archived {archived} articles' old days."
        )
