"""Honest view counts and the Day / Week / Month rankings."""

from __future__ import annotations

import html
import threading
import time
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from io import StringIO

import pytest
import time_machine
from django.core.cache import cache
from django.core.management import call_command
from django.db import OperationalError, connection
from django.test import Client, RequestFactory
from django.utils import timezone

from articles import ranking, view_counting
from articles.management.commands.rollup_views import rollup
from articles.models import ArchivedViews, Article, DailyViews, HourlyViews
from articles.view_counting import record_view
from tests.factories import ArticleFactory, EditorsPickFactory
from tests.html import assert_in_html

pytestmark = pytest.mark.django_db

BROWSER = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36"


def total_views(article: Article) -> int:
    hourly = sum(HourlyViews.objects.filter(article=article).values_list("views", flat=True))
    daily = sum(DailyViews.objects.filter(article=article).values_list("views", flat=True))
    archived = ArchivedViews.objects.filter(article=article).values_list("views", flat=True).first() or 0
    return hourly + daily + archived


# What a browser says when a page of this site sends the beacon.
FROM_OUR_PAGE = {"sec-fetch-site": "same-origin", "origin": "http://testserver"}


def beacon(
    client: Client,
    article: Article,
    ua: str = BROWSER,
    ip: str = "198.51.100.20",
    method: str = "post",
    **headers,
):
    return getattr(client, method)(
        f"/views/{article.pk}/", REMOTE_ADDR=ip, headers={"user-agent": ua, **FROM_OUR_PAGE, **headers}
    )


def test_a_reader_view_is_counted_and_the_beacon_answers_204(client: Client) -> None:
    article = ArticleFactory()
    response = beacon(client, article)
    assert response.status_code == 204
    assert "no-cache" in response["Cache-Control"]
    assert total_views(article) == 1


def test_the_no_javascript_image_counts_too(client: Client) -> None:
    article = ArticleFactory()
    # An <img> sends no Origin; the browser says where it was loaded from.
    pixel = {
        "sec-fetch-site": "same-origin",
        "origin": "",
        "referer": f"http://testserver{article.get_absolute_url()}",
    }
    assert beacon(client, article, method="get", **pixel).status_code == 204
    assert total_views(article) == 1


def test_the_pixel_of_a_browser_that_does_not_say_sec_fetch_site_counts_by_its_referer(
    client: Client,
) -> None:
    article = ArticleFactory()
    old_browser = {
        "sec-fetch-site": "",
        "origin": "",
        "referer": f"http://testserver{article.get_absolute_url()}",
    }
    assert beacon(client, article, method="get", **old_browser).status_code == 204
    assert total_views(article) == 1


@pytest.mark.parametrize(
    "method, headers",
    [
        ("post", {"sec-fetch-site": "cross-site", "origin": "https://views-for-sale.example"}),
        ("post", {"sec-fetch-site": "", "origin": "https://views-for-sale.example"}),
        ("get", {"sec-fetch-site": "cross-site", "origin": "", "referer": "https://views-for-sale.example/"}),
        ("get", {"sec-fetch-site": "", "origin": "", "referer": "https://views-for-sale.example/"}),
        ("get", {"sec-fetch-site": "none", "origin": ""}),  # typed in the address bar: not a page view
        ("post", {"sec-fetch-site": "", "origin": ""}),  # says nothing of where it comes from
    ],
)
def test_beacons_sent_by_other_sites_are_refused(client: Client, method: str, headers: dict) -> None:
    article = ArticleFactory()
    assert beacon(client, article, method=method, **headers).status_code == 403
    assert total_views(article) == 0


def test_rotating_the_browser_string_from_one_address_counts_a_few_readers_at_most(
    client: Client, settings
) -> None:
    """100 beacons from one address, each with another browser string, counted 32 views."""
    article = ArticleFactory()
    with time_machine.travel(timezone.now(), tick=False) as clock:
        for number in range(100):
            beacon(client, article, ua=f"{BROWSER} variant/{number}")
        assert total_views(article) == settings.VIEWS_READERS_PER_ADDRESS == 3
        beacon(client, article, ip="203.0.113.77")  # another address is not held back
        assert total_views(article) == 4
        clock.shift(timedelta(seconds=settings.VIEWS_REPEAT_WINDOW_SECONDS))
        beacon(client, article, ua=f"{BROWSER} variant/200")  # a new window
        assert total_views(article) == 5


def test_addresses_of_one_ipv6_network_are_one_address(client: Client) -> None:
    """Anyone with an IPv6 connection has a whole /64 of addresses to rotate through."""
    article = ArticleFactory()
    with time_machine.travel(timezone.now(), tick=False):
        for number in range(20):
            beacon(client, article, ua=f"{BROWSER} variant/{number}", ip=f"2001:db8:7:1::{number + 1:x}")
        assert total_views(article) == 3
        beacon(client, article, ip="2001:db8:7:2::1")  # another network
        assert total_views(article) == 4


def test_repeat_views_by_the_same_reader_within_30_minutes_count_once(client: Client) -> None:
    article = ArticleFactory()
    with time_machine.travel(timezone.now(), tick=False) as clock:
        for _ in range(3):
            beacon(client, article)
        assert total_views(article) == 1
        beacon(client, article, ip="203.0.113.5")  # another reader
        assert total_views(article) == 2
        clock.shift(timedelta(minutes=29))
        beacon(client, article)
        assert total_views(article) == 2
        clock.shift(timedelta(minutes=2))  # half an hour since the first view
        beacon(client, article)
        assert total_views(article) == 3


@pytest.mark.parametrize(
    "ua",
    [
        "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
        "Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)",
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/120.0 Safari/537.36",
        "python-requests/2.32.3",
        "curl/8.5.0",
        "facebookexternalhit/1.1",
        "",
    ],
)
def test_robots_are_not_counted(client: Client, ua: str) -> None:
    article = ArticleFactory()
    assert beacon(client, article, ua=ua).status_code == 204
    assert total_views(article) == 0


@pytest.mark.parametrize(
    "headers",
    [
        {"sec-purpose": "prefetch"},
        {"sec-purpose": "prefetch;prerender"},
        {"purpose": "prefetch"},
        {"x-moz": "prefetch"},
    ],
)
def test_prefetches_are_not_counted(client: Client, headers: dict) -> None:
    article = ArticleFactory()
    beacon(client, article, **headers)
    assert total_views(article) == 0


def test_head_requests_are_refused_and_not_counted(client: Client) -> None:
    article = ArticleFactory()
    assert client.head(f"/views/{article.pk}/", headers={"user-agent": BROWSER}).status_code == 405
    assert total_views(article) == 0


def test_staff_are_not_counted(editor_client: Client) -> None:
    article = ArticleFactory()
    beacon(editor_client, article)
    assert total_views(article) == 0


@pytest.mark.parametrize("state", ["draft", "scheduled", "unknown"])
def test_views_of_unpublished_or_unknown_articles_are_not_counted(client: Client, state: str) -> None:
    if state == "draft":
        article = ArticleFactory(status=Article.Status.DRAFT)
    elif state == "scheduled":
        article = ArticleFactory(published_at=timezone.now() + timedelta(hours=1))
    else:
        article = Article(pk=987654)
    # The beacon answers at once and tells nothing; the view simply does not count.
    assert beacon(client, article).status_code == 204
    assert not HourlyViews.objects.exists()


def test_one_address_cannot_inflate_counts_whatever_its_browser_says(client: Client, settings) -> None:
    settings.VIEWS_RATE_LIMIT_PER_MINUTE = 10
    settings.VIEWS_READERS_PER_ADDRESS = 100  # the minute's limit is what this test is about
    articles = ArticleFactory.create_batch(3)
    with time_machine.travel(timezone.now().replace(second=5), tick=False):
        for number in range(25):
            beacon(client, articles[number % 3], ua=f"{BROWSER} variant/{number}")
        assert sum(total_views(article) for article in articles) == 10
        beacon(client, articles[0], ip="203.0.113.77")  # another address is not held back
        assert sum(total_views(article) for article in articles) == 11


def test_beacon_needs_no_cookie_and_no_csrf_token(article_client=None) -> None:
    article = ArticleFactory()
    strict = Client(enforce_csrf_checks=True)
    assert beacon(strict, article).status_code == 204
    assert total_views(article) == 1
    assert not strict.cookies


def test_article_page_carries_the_beacon_and_the_no_script_image(client: Client) -> None:
    article = ArticleFactory()
    html = client.get(article.get_absolute_url()).content.decode()
    assert f'data-view-beacon="/views/{article.pk}/"' in html
    assert_in_html(
        f'<noscript><img class="view-pixel" src="/views/{article.pk}/" alt="" width="1" height="1"></noscript>',
        html,
    )
    assert "js/view-beacon." in html
    assert total_views(article) == 0  # the page itself counts nothing: cached pages must count too


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_concurrent_views_are_never_lost() -> None:
    article = ArticleFactory()
    threads_count, per_thread = 8, 50

    def view_many() -> None:
        try:
            for _ in range(per_thread):
                record_view(article.pk)
        finally:
            connection.close()

    threads = [threading.Thread(target=view_many) for _ in range(threads_count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert total_views(article) == threads_count * per_thread
    assert HourlyViews.objects.filter(article=article).count() == 1


# --- rankings ---------------------------------------------------------------------------


def views_at(article: Article, moment: datetime, count: int = 1) -> None:
    for _ in range(count):
        record_view(article.pk, moment)


def test_window_boundaries() -> None:
    now = timezone.now()
    recent = ArticleFactory(title="Read an hour ago", published_at=now - timedelta(days=20))
    yesterday = ArticleFactory(title="Read 25 hours ago", published_at=now - timedelta(days=20))
    last_week = ArticleFactory(title="Read 8 days ago", published_at=now - timedelta(days=20))
    views_at(recent, now - timedelta(hours=1))
    views_at(yesterday, now - timedelta(hours=25))
    views_at(last_week, now - timedelta(days=8))
    rollup(now)  # the 8-day-old view moves to a daily bucket first
    assert DailyViews.objects.filter(article=last_week).exists()
    assert ranking.compute_ranking("day", now) == [recent.pk]
    assert set(ranking.compute_ranking("week", now)) == {recent.pk, yesterday.pk}
    assert set(ranking.compute_ranking("month", now)) == {recent.pk, yesterday.pk, last_week.pk}


def test_rankings_order_by_views_then_recency_and_keep_ten_published() -> None:
    now = timezone.now()
    articles = [ArticleFactory(published_at=now - timedelta(days=5, hours=n)) for n in range(12)]
    for index, article in enumerate(articles):
        views_at(article, now - timedelta(hours=2), count=3 if index in (4, 7) else 1)
    draft = ArticleFactory(status=Article.Status.DRAFT)
    views_at(draft, now - timedelta(hours=2), count=50)
    ids = ranking.compute_ranking("day", now)
    assert len(ids) == 10
    assert ids[:2] == [articles[4].pk, articles[7].pk]  # equal views: the newer first
    assert ids[2:] == [article.pk for index, article in enumerate(articles) if index not in (4, 7)][:8]
    assert draft.pk not in ids


def test_rollup_and_prune_keep_the_totals_identical(settings) -> None:
    settings.VIEWS_HOURLY_DAYS = 2
    settings.VIEWS_HISTORY_DAYS = 10
    now = datetime(2026, 11, 24, 12, 0, tzinfo=UTC)
    article = ArticleFactory(published_at=now - timedelta(days=40))
    other = ArticleFactory(published_at=now - timedelta(days=40))
    for hours_ago in range(0, 30 * 24, 7):
        views_at(article, now - timedelta(hours=hours_ago), count=1 + hours_ago % 3)
        views_at(other, now - timedelta(hours=hours_ago))
    before = (total_views(article), total_views(other))
    week_before = ranking.view_counts(article, now)["week"]
    rolled, archived = rollup(now)
    assert rolled > 0 and archived > 0
    assert (total_views(article), total_views(other)) == before
    assert not HourlyViews.objects.filter(hour__lt=datetime(2026, 11, 22, tzinfo=UTC)).exists()
    assert not DailyViews.objects.filter(day__lt=datetime(2026, 11, 14).date()).exists()
    assert ranking.view_counts(article, now)["total"] == before[0]
    assert ranking.view_counts(article, now)["day"] == sum(1 + h % 3 for h in range(0, 30 * 24, 7) if h < 24)
    # A rolled-up day at the far edge of the window counts whole: never less than before,
    # and at most that one day more.
    edge_day = sum(1 + h % 3 for h in range(0, 30 * 24, 7) if 7 * 24 <= h < 8 * 24)
    assert week_before <= ranking.view_counts(article, now)["week"] <= week_before + edge_day
    rollup(now)  # idempotent
    assert (total_views(article), total_views(other)) == before


def test_rollup_command_reports(settings) -> None:
    article = ArticleFactory()
    views_at(article, timezone.now() - timedelta(days=5))
    out = StringIO()
    call_command("rollup_views", stdout=out)
    assert "Rolled 1 article-days" in out.getvalue()


def test_rankings_are_cached_and_refreshed_at_most_once_a_minute(django_assert_num_queries, settings) -> None:
    now = timezone.now()
    first, second = ArticleFactory(), ArticleFactory()
    views_at(first, now - timedelta(minutes=5), count=2)
    with django_assert_num_queries(1):
        assert ranking.ranked_ids("day") == [first.pk]
    views_at(second, now - timedelta(minutes=1), count=5)
    with django_assert_num_queries(0):
        assert ranking.ranked_ids("day") == [first.pk]  # within the minute: the cached ranking


def test_a_stale_ranking_is_served_while_one_refresh_runs(monkeypatch, settings) -> None:
    settings.RANKINGS_REFRESH_SECONDS = 60
    article = ArticleFactory()
    views_at(article, timezone.now() - timedelta(minutes=1))
    stale = ranking.CachedRanking([424242], computed_at=0)
    cache.set(ranking.CACHE_KEY.format(language="en", period="week"), stale, 3600)
    started = []
    monkeypatch.setattr(ranking, "_refresh_in_background", lambda period, language: started.append(period))
    assert ranking.ranked_ids("week") == [424242]  # no waiting for the query
    assert ranking.ranked_ids("week") == [424242]
    assert started == ["week"]  # one refresh at a time


def test_most_viewed_page_and_periods(client: Client) -> None:
    now = timezone.now()
    daily_hit = ArticleFactory(title="Today's story")
    older_hit = ArticleFactory(title="Last week's story", published_at=now - timedelta(days=6))
    views_at(daily_hit, now - timedelta(hours=1), count=2)
    views_at(older_hit, now - timedelta(days=3), count=9)
    day = html.unescape(client.get("/most-viewed/?period=day").content.decode())
    week = html.unescape(client.get("/most-viewed/?period=week").content.decode())
    assert "Today's story" in day and "Last week" not in day
    assert week.index("Last week") < week.index("Today's story")
    for bad in ("year", "", "<script>", "day%00"):
        response = client.get(f"/most-viewed/?period={bad}")
        assert response.status_code == 200
        assert response.context["period"] == "day"


def test_home_page_most_viewed_block_has_three_tabs(client: Client) -> None:
    now = timezone.now()
    article = ArticleFactory(title="Widely read")
    views_at(article, now - timedelta(hours=2))
    block = client.get("/").content.decode().split('id="most-viewed-heading"')[1].split("</section>")[0]
    for label in ("Day", "Week", "Month"):
        assert f"data-tab-label>{label}</h3>" in block
    assert block.count("Widely read") == 3


def test_unpublished_article_disappears_from_a_cached_ranking(client: Client) -> None:
    article = ArticleFactory(title="Soon withdrawn")
    views_at(article, timezone.now() - timedelta(hours=1))
    assert "Soon withdrawn" in client.get("/most-viewed/").content.decode()
    article.status = Article.Status.DRAFT
    article.save()
    assert "Soon withdrawn" not in client.get("/most-viewed/").content.decode()


@pytest.mark.parametrize("count", [1, 50])
def test_most_viewed_queries_do_not_grow(client: Client, django_assert_max_num_queries, count: int) -> None:
    now = timezone.now()
    for _ in range(count):
        views_at(ArticleFactory(), now - timedelta(hours=1))
    client.get("/most-viewed/")  # warm: the ranking itself is cached
    with django_assert_max_num_queries(2):
        assert client.get("/most-viewed/").status_code == 200


def test_editors_see_views_and_a_30_day_chart(editor_client: Client) -> None:
    now = timezone.now()
    article = ArticleFactory(published_at=now - timedelta(days=10))
    EditorsPickFactory(article=ArticleFactory())
    views_at(article, now - timedelta(hours=1), count=3)
    views_at(article, now - timedelta(days=3), count=4)
    html = editor_client.get(f"/admin/articles/article/{article.pk}/change/").content.decode()
    assert "24 hours: <strong>3</strong>" in html
    assert "7 days: <strong>7</strong>" in html
    assert "all time: <strong>7</strong>" in html
    assert '<svg class="views-chart"' in html and "30 days: 7 in all" in html
    assert html.count("<title>") >= 30


# --- many workers, many views -----------------------------------------------------------


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_batched_views_from_many_workers_are_never_lost_and_never_doubled(settings) -> None:
    """Four workers' logs, written concurrently: every reader counts once per article."""
    settings.VIEWS_FLUSH_SECONDS = 1
    settings.VIEWS_RATE_LIMIT_PER_MINUTE = 10_000
    articles = ArticleFactory.create_batch(5)
    logs = [view_counting.ViewLog() for _ in range(4)]
    requests = RequestFactory()
    moment = timezone.now()
    for number in range(400):
        # 200 readers, each reading one article twice, through two different workers.
        reader, article = number % 200, articles[number % 5]
        request = requests.post(
            "/", REMOTE_ADDR=f"10.0.{reader // 250}.{reader % 250}", HTTP_USER_AGENT=BROWSER
        )
        view = view_counting.pending_view(request, article.pk)
        logs[number % 4].pending.append(replace(view, seen_at=moment))

    def flush(log) -> None:
        try:
            log.flush()
        finally:
            connection.close()

    threads = [threading.Thread(target=flush, args=(log,)) for log in logs]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sum(total_views(article) for article in articles) == 200


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_worker_writes_its_views_within_a_second_and_when_it_stops(settings) -> None:
    settings.VIEWS_FLUSH_SECONDS = 1
    article = ArticleFactory()
    log = view_counting.ViewLog()
    request = RequestFactory().post("/", REMOTE_ADDR="198.51.100.9", HTTP_USER_AGENT=BROWSER)
    log.add(view_counting.pending_view(request, article.pk))
    assert total_views(article) == 0  # noted, not written yet: the request did not wait
    deadline = time.monotonic() + 5
    while total_views(article) == 0 and time.monotonic() < deadline:
        threading.Event().wait(0.05)
    assert total_views(article) == 1
    other = RequestFactory().post("/", REMOTE_ADDR="198.51.100.10", HTTP_USER_AGENT=BROWSER)
    log.pending.append(view_counting.pending_view(other, article.pk))
    log.stop()  # what atexit does when gunicorn stops the worker
    assert total_views(article) == 2
    assert not log.writer.is_alive()


def test_views_wait_while_the_database_is_away(monkeypatch) -> None:
    article = ArticleFactory()
    log = view_counting.ViewLog()
    request = RequestFactory().post("/", REMOTE_ADDR="198.51.100.9", HTTP_USER_AGENT=BROWSER)
    log.pending.append(view_counting.pending_view(request, article.pk))

    def away(views):
        raise OperationalError("the database is away")

    monkeypatch.setattr(view_counting, "write_views", away)
    assert log.flush() == 0
    assert len(log.pending) == 1  # kept for the next attempt
    monkeypatch.undo()
    assert log.flush() == 1 and total_views(article) == 1
