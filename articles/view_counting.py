"""Counting article views honestly, and fast.

A view is counted through the beacon endpoint that the article page calls (so it
still counts when the page HTML came from a cache), once per reader per article
per half hour, never for robots, prefetches, staff, unpublished articles or beacons
sent by other sites, at most VIEWS_READERS_PER_ADDRESS readers of one article per
address per half hour whatever their browsers say, and at most
VIEWS_RATE_LIMIT_PER_MINUTE a minute per address (an IPv6 /64 counting as one). The beacon only notes the
view; each worker writes its notes once a second in one statement (write_views),
whose upserts make concurrent writers safe and whose state (repeat window, rate
limits) lives in PostgreSQL, shared by every worker and machine.
"""

from __future__ import annotations

import atexit
import hashlib
import hmac
import logging
import threading
import time
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from functools import lru_cache

import crawleruseragents
from django.conf import settings
from django.db import DatabaseError, connection
from django.http import HttpRequest
from django.utils import timezone

from articles.models import Article, HourlyViews, RecentView
from common import rate_limit
from common.client_address import address_for_limits, client_ip
from common.models import RateCount

logger = logging.getLogger(__name__)

# Ids are PostgreSQL bigints: a beacon for a larger number names no article.
LARGEST_ID = 2**63 - 1
# Headers that browsers send when they fetch a page ahead of the reader asking for it, as
# request.META names them (read there: building request.headers costs more than a beacon).
PREFETCH_HEADERS = ("HTTP_SEC_PURPOSE", "HTTP_PURPOSE", "HTTP_X_PURPOSE", "HTTP_X_MOZ")


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
    values = [request.META[header].lower() for header in PREFETCH_HEADERS if header in request.META]
    return any(word in value for value in values for word in ("prefetch", "prerender", "preview"))


def is_countable(request: HttpRequest) -> bool:
    """A page view by a reader: not a robot, not a prefetch, not staff at work (only a
    request with a session can be staff: readers cost no session lookup)."""
    if is_robot(user_agent(request)) or is_prefetch(request):
        return False
    if settings.SESSION_COOKIE_NAME not in request.COOKIES:
        return True
    return not getattr(request.user, "is_staff", False)


@lru_cache(maxsize=4)
def _daily_salt(day: str) -> bytes:
    return hmac.new(settings.SECRET_KEY.encode(), f"view-salt:{day}".encode(), hashlib.sha256).digest()


def user_agent(request: HttpRequest) -> str:
    return request.META.get("HTTP_USER_AGENT", "")[:512]


def reader_fingerprint(address: str | None, browser: str) -> str:
    """A short-lived, salted hash of the reader's address and browser.

    The salt changes every day and the hash is kept only for the repeat window: no
    personal data is stored, and yesterday's hashes cannot be matched to today's.
    """
    salt = _daily_salt(timezone.now().astimezone(UTC).strftime("%Y-%m-%d"))
    material = f"{address}|{browser}".encode()
    return hmac.new(salt, material, hashlib.sha256).hexdigest()[:32]


@dataclass(frozen=True)
class PendingView:
    article_id: int
    reader: str  # who, for the repeat window
    client: str  # which address, for the rate limit (whatever the browser says)
    seen_at: datetime
    # Which address reading which article, for the readers-per-address limit.
    client_article: str = ""


def pending_view(request: HttpRequest, article_id: int) -> PendingView:
    address = client_ip(request)
    network = address_for_limits(address) or "unknown"
    return PendingView(
        article_id=article_id,
        reader=reader_fingerprint(address, user_agent(request)),
        client=rate_limit.identity_hash("views", network),
        seen_at=timezone.now(),
        client_article=rate_limit.identity_hash("view-article", f"{network}|{article_id}"),
    )


def write_views(views: list[PendingView]) -> int:
    """Count a batch of views in one statement; returns how many were counted.

    Only views of public articles count; each address counts at most
    VIEWS_RATE_LIMIT_PER_MINUTE a minute (shared with every worker through
    common.models.RateCount); a reader's repeat of an article within
    VIEWS_REPEAT_WINDOW_SECONDS does not count (shared through RecentView); one address
    counts at most VIEWS_READERS_PER_ADDRESS new readers of an article in that window,
    whatever browser strings they send (RateCount again); what remains is added to the
    hourly buckets. Every worker and machine sees the same
    counts, and concurrent batches never lose a view (upserts all the way).
    """
    if not views:
        return 0
    public_sql, public_params = Article.objects.published().order_by().values("id").query.sql_with_params()
    rates, recent, hourly = RateCount._meta.db_table, RecentView._meta.db_table, HourlyViews._meta.db_table
    sql = f"""
        WITH incoming AS (
            SELECT * FROM unnest(%s::bigint[], %s::text[], %s::text[], %s::timestamptz[], %s::text[])
                AS view(article_id, reader, client, seen_at, client_article)
        ),
        public AS (
            SELECT incoming.*, date_trunc('minute', incoming.seen_at, 'UTC') AS minute FROM incoming
            WHERE incoming.article_id IN ({public_sql})
        ),
        rated AS (
            INSERT INTO {rates} (scope, identity, window_start, count)
            SELECT 'views', client, minute, count(*) FROM public GROUP BY client, minute
            ON CONFLICT (scope, identity, window_start) DO UPDATE SET count = {rates}.count + EXCLUDED.count
            RETURNING identity, window_start, count
        ),
        ranked AS (
            SELECT public.*,
                   rated.count - count(*) OVER per_client + row_number() OVER (per_client ORDER BY public.seen_at)
                       AS position
            FROM public JOIN rated ON rated.identity = public.client AND rated.window_start = public.minute
            WINDOW per_client AS (PARTITION BY public.client, public.minute)
        ),
        allowed AS (
            SELECT DISTINCT ON (reader, article_id) reader, article_id, seen_at, client_article FROM ranked
            WHERE position <= %s
            ORDER BY reader, article_id, seen_at
        ),
        new_readers AS (
            INSERT INTO {recent} (reader, article_id, seen_at)
            SELECT reader, article_id, seen_at FROM allowed
            ON CONFLICT (reader, article_id) DO UPDATE SET seen_at = EXCLUDED.seen_at
                WHERE {recent}.seen_at <= EXCLUDED.seen_at - make_interval(secs => %s)
            RETURNING reader, article_id
        ),
        windowed AS (
            SELECT allowed.*, to_timestamp(
                floor(extract(epoch FROM allowed.seen_at) / %s) * %s) AS window_start
            FROM allowed JOIN new_readers USING (reader, article_id)
        ),
        readers_of_article AS (
            INSERT INTO {rates} (scope, identity, window_start, count)
            SELECT 'view-article', client_article, window_start, count(*) FROM windowed
            GROUP BY client_article, window_start
            ON CONFLICT (scope, identity, window_start) DO UPDATE SET count = {rates}.count + EXCLUDED.count
            RETURNING identity, window_start, count
        ),
        counted AS (
            SELECT windowed.article_id, windowed.seen_at FROM (
                SELECT windowed.*, readers_of_article.count - count(*) OVER per_address
                    + row_number() OVER (per_address ORDER BY windowed.seen_at) AS position
                FROM windowed JOIN readers_of_article
                    ON readers_of_article.identity = windowed.client_article
                    AND readers_of_article.window_start = windowed.window_start
                WINDOW per_address AS (PARTITION BY windowed.client_article, windowed.window_start)
            ) AS windowed
            WHERE position <= %s
        ),
        bucketed AS (
            INSERT INTO {hourly} (article_id, hour, views)
            SELECT article_id, date_trunc('hour', seen_at, 'UTC'), count(*) FROM counted GROUP BY 1, 2
            ON CONFLICT (article_id, hour) DO UPDATE SET views = {hourly}.views + EXCLUDED.views
            RETURNING views
        )
        SELECT count(*) FROM counted
    """  # noqa: S608 (table names are ours; values are parameters)
    params = [
        [view.article_id for view in views],
        [view.reader for view in views],
        [view.client for view in views],
        [view.seen_at for view in views],
        [view.client_article or view.client for view in views],
        *public_params,
        settings.VIEWS_RATE_LIMIT_PER_MINUTE,
        settings.VIEWS_REPEAT_WINDOW_SECONDS,
        settings.VIEWS_REPEAT_WINDOW_SECONDS,
        settings.VIEWS_REPEAT_WINDOW_SECONDS,
        settings.VIEWS_READERS_PER_ADDRESS,
    ]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchone()[0]


def forget_old_readers() -> int:
    """Delete readers whose repeat window has passed; returns how many."""
    cutoff = timezone.now() - timedelta(seconds=settings.VIEWS_REPEAT_WINDOW_SECONDS)
    deleted, _ = RecentView.objects.filter(seen_at__lt=cutoff).delete()
    return deleted


class ViewLog:
    """Views waiting to be written: each worker writes its views once a second (and when it
    stops), so the beacon answers without touching the database.

    With VIEWS_FLUSH_SECONDS = 0 each view is written during its request (tests).
    """

    MAX_PENDING = 100_000  # while the database is away, at most this many views wait
    CLEAN_EVERY_SECONDS = 60

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.pending: list[PendingView] = []
        self.writer: threading.Thread | None = None
        self.stopping = threading.Event()
        self.cleaned_at = 0.0
        self.failed = False

    def add(self, view: PendingView) -> None:
        if settings.VIEWS_FLUSH_SECONDS <= 0:
            write_views([view])
            return
        with self.lock:
            if len(self.pending) < self.MAX_PENDING:
                self.pending.append(view)
            if self.writer is None or not self.writer.is_alive():
                self.stopping.clear()
                self.writer = threading.Thread(target=self._write_forever, name="view-writer", daemon=True)
                self.writer.start()

    def flush(self) -> int:
        """Write what is waiting now; returns how many views were counted."""
        with self.lock:
            batch, self.pending = self.pending, []
        if not batch:
            return 0
        try:
            counted = write_views(batch)
        except DatabaseError:
            logger.exception("Could not write %d views; they wait for the next attempt.", len(batch))
            with self.lock:
                self.pending = (batch + self.pending)[: self.MAX_PENDING]
            self.failed = True
            return 0
        self.failed = False
        if time.monotonic() - self.cleaned_at > self.CLEAN_EVERY_SECONDS:
            self.cleaned_at = time.monotonic()
            forget_old_readers()
            rate_limit.forget_old_counts()
        return counted

    def stop(self) -> None:
        """Write everything and stop the writer (a worker shutting down)."""
        self.stopping.set()
        if self.writer is not None:
            self.writer.join(timeout=10)
        self.flush()

    def _write_forever(self) -> None:
        try:
            while not self.stopping.wait(settings.VIEWS_FLUSH_SECONDS):
                self.flush()
                if self.failed:
                    connection.close()  # a fresh connection for the next attempt
            self.flush()
        finally:
            connection.close()


view_log = ViewLog()
# A worker that stops (gunicorn's graceful shutdown) writes what it holds first.
atexit.register(view_log.stop)
