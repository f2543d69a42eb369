"""Most Viewed: rolling rankings over the view buckets, computed at most once a minute.

Day is the last 24 hours, Week the last 7 days, Month the last 30 days. Recent
days are in hourly buckets, so the windows are exact to the hour; a day that
has been rolled up counts whole at the far edge of Week and Month.
"""

from __future__ import annotations

import logging
import threading
import time
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

from django.conf import settings
from django.core.cache import cache
from django.db import connection, connections
from django.utils import timezone

from articles.models import ArchivedViews, Article, DailyViews, HourlyViews
from common import editions, surrogate_keys

logger = logging.getLogger(__name__)

PERIODS: dict[str, timedelta] = {
    "day": timedelta(hours=24),
    "week": timedelta(days=7),
    "month": timedelta(days=30),
}
DEFAULT_PERIOD = "day"
RANKING_SIZE = 10
# Each edition ranks its own articles.
CACHE_KEY = "most-viewed:v2:{language}:{period}"
# The surrogate key of every page showing a ranking, purged when a ranking changes.
RANKINGS_KEY = "most-viewed"
LOCK_KEY = "most-viewed:v2:{language}:{period}:refreshing"


def window_start(period: str, now: datetime) -> tuple[datetime, date]:
    start = now - PERIODS[period]
    return start, start.astimezone(UTC).date()


def compute_ranking(
    period: str, now: datetime | None = None, limit: int = RANKING_SIZE, language: str | None = None
) -> list[int]:
    """Ids of the most viewed published articles of an edition (the one shown, unless named) in
    the period; ties go to the newer article."""
    now = now or timezone.now()
    start, start_day = window_start(period, now)
    # Which articles are public comes from the one definition, compiled into this query.
    public = Article.objects.published(now).in_edition(language or editions.current())
    public_sql, public_params = public.order_by().values("id", "published_at").query.sql_with_params()
    sql = f"""
        SELECT views.article_id
        FROM (
            SELECT article_id, views FROM {HourlyViews._meta.db_table} WHERE hour >= %s
            UNION ALL
            SELECT article_id, views FROM {DailyViews._meta.db_table} WHERE day >= %s
        ) AS views
        JOIN ({public_sql}) AS article ON article.id = views.article_id
        GROUP BY views.article_id, article.published_at
        ORDER BY SUM(views.views) DESC, article.published_at DESC, views.article_id DESC
        LIMIT %s
    """  # noqa: S608 (table names are ours; values are parameters)
    with connection.cursor() as cursor:
        cursor.execute(sql, [start, start_day, *public_params, limit])
        return [row[0] for row in cursor.fetchall()]


@dataclass(frozen=True)
class CachedRanking:
    article_ids: list[int]
    computed_at: float


def _refresh(period: str, language: str) -> CachedRanking:
    key = CACHE_KEY.format(language=language, period=period)
    previous: CachedRanking | None = cache.get(key)
    ranking = CachedRanking(compute_ranking(period, language=language), time.time())
    # Kept well past its refresh time, so readers get the last ranking while a new one is made.
    cache.set(key, ranking, timeout=settings.RANKINGS_REFRESH_SECONDS * 60)
    if previous is not None and previous.article_ids[:RANKING_SIZE] != ranking.article_ids[:RANKING_SIZE]:
        surrogate_keys.purge(RANKINGS_KEY)
    return ranking


def _refresh_in_background(period: str, language: str) -> None:
    def work() -> None:
        try:
            _refresh(period, language)
        except Exception:
            logger.exception("Could not refresh the %s ranking of the %s edition", period, language)
        finally:
            cache.delete(LOCK_KEY.format(language=language, period=period))
            connections.close_all()

    threading.Thread(target=work, name=f"refresh-{language}-{period}-ranking", daemon=True).start()


def ranked_ids(period: str) -> list[int]:
    """The period's ranking: from the cache, refreshed at most once a minute.

    Only the very first request (a cold cache) waits for the query; afterwards a
    stale ranking is served while one process refreshes it in the background.
    """
    language = editions.current()
    ranking: CachedRanking | None = cache.get(CACHE_KEY.format(language=language, period=period))
    if ranking is None:
        return _refresh(period, language).article_ids
    age = time.time() - ranking.computed_at
    lock = LOCK_KEY.format(language=language, period=period)
    if age > settings.RANKINGS_REFRESH_SECONDS and cache.add(lock, 1, timeout=60):
        _refresh_in_background(period, language)
    return ranking.article_ids


def most_viewed(periods: list[str], limit: int = RANKING_SIZE) -> dict[str, list[Article]]:
    """Published articles of each period's ranking in the edition shown, in order, fetched in one query."""
    surrogate_keys.add(RANKINGS_KEY)
    rankings = {period: ranked_ids(period)[:limit] for period in periods}
    wanted = {pk for ids in rankings.values() for pk in ids}
    articles = Article.objects.published().headlines().in_bulk(wanted) if wanted else {}
    return {period: [articles[pk] for pk in ids if pk in articles] for period, ids in rankings.items()}


def refresh_all() -> None:
    for language in editions.codes():
        for period in PERIODS:
            _refresh(period, language)


def view_counts(article: Article, now: datetime | None = None) -> dict[str, int]:
    """An article's views in each period and in all (for editors)."""
    now = now or timezone.now()
    counts = {}
    for period in PERIODS:
        start, start_day = window_start(period, now)
        counts[period] = _sum_views(article.pk, start, start_day)
    archived = ArchivedViews.objects.filter(article=article).values_list("views", flat=True).first() or 0
    counts["total"] = archived + _sum_views(article.pk, datetime.min.replace(tzinfo=UTC), date.min)
    return counts


def _sum_views(article_id: int, start: datetime, start_day: date) -> int:
    sql = f"""
        SELECT COALESCE((SELECT SUM(views) FROM {HourlyViews._meta.db_table}
                         WHERE article_id = %(id)s AND hour >= %(start)s), 0)
             + COALESCE((SELECT SUM(views) FROM {DailyViews._meta.db_table}
                         WHERE article_id = %(id)s AND day >= %(start_day)s), 0)
    """  # noqa: S608 (table names are ours)
    with connection.cursor() as cursor:
        cursor.execute(sql, {"id": article_id, "start": start, "start_day": start_day})
        return int(cursor.fetchone()[0])


def daily_series(article: Article, days: int = 30, now: datetime | None = None) -> list[tuple[date, int]]:
    """Views per UTC day over the last ``days`` days, oldest first, zeros included."""
    today = (now or timezone.now()).astimezone(UTC).date()
    first = today - timedelta(days=days - 1)
    sql = f"""
        SELECT day, SUM(views) FROM (
            SELECT (hour AT TIME ZONE 'UTC')::date AS day, views FROM {HourlyViews._meta.db_table}
            WHERE article_id = %(id)s AND hour >= %(first)s
            UNION ALL
            SELECT day, views FROM {DailyViews._meta.db_table} WHERE article_id = %(id)s AND day >= %(first)s
        ) AS buckets GROUP BY day
    """  # noqa: S608 (table names are ours)
    with connection.cursor() as cursor:
        cursor.execute(sql, {"id": article.pk, "first": first})
        by_day = dict(cursor.fetchall())
    return [
        (first + timedelta(days=offset), int(by_day.get(first + timedelta(days=offset), 0)))
        for offset in range(days)
    ]
