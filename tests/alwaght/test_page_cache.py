"""Reader pages: one copy for everyone, kept by the site and by edges, refreshed by surrogate keys."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import threading
import time
from datetime import timedelta
from pathlib import Path
from urllib.parse import quote

import pytest
import time_machine
from django.conf import settings as django_settings
from django.core.cache import cache
from django.db import OperationalError, connection
from django.http import HttpResponse
from django.test import Client, RequestFactory
from django.utils import timezone

from alwaght import page_cache
from articles.models import Article, BreakingNews
from comments import targets
from comments.models import Comment
from common import surrogate_keys
from tests.factories import (
    AlbumFactory,
    ArticleFactory,
    CommentFactory,
    EditorsPickFactory,
    SectionFactory,
    TopicFactory,
)

pytestmark = pytest.mark.django_db

ROOT = Path(django_settings.BASE_DIR)


@pytest.fixture(autouse=True)
def page_cache_on(settings):
    settings.PAGE_CACHE_SECONDS = 60


@pytest.fixture
def reader() -> Client:
    """An anonymous reader, separate from pytest-django's client (which editor_client logs in)."""
    return Client()


def keys_of(response) -> set[str]:
    return set(response["xkey"].split())


def test_second_request_is_served_from_the_cache(client: Client, django_assert_num_queries) -> None:
    ArticleFactory(title="Ceasefire holds")
    first = client.get("/")
    assert first["X-Page-Cache"] == "miss"
    with django_assert_num_queries(0):
        second = client.get("/")
    assert second["X-Page-Cache"] == "hit"
    assert second.content == first.content
    assert "Ceasefire holds" in second.content.decode()


def test_repeat_visits_get_304_with_etag_and_last_modified(client: Client) -> None:
    first = client.get("/news/")
    etag, modified = first["ETag"], first["Last-Modified"]
    assert client.get("/news/", headers={"if-none-match": etag}).status_code == 304
    assert client.get("/news/", headers={"if-modified-since": modified}).status_code == 304
    assert client.get("/news/", headers={"if-none-match": '"stale"'}).status_code == 200


def test_reader_pages_say_what_an_edge_may_keep_and_what_they_show(client: Client, settings) -> None:
    settings.EDGE_MAX_AGE_SECONDS, settings.BROWSER_MAX_AGE_SECONDS = 3600, 60
    article = ArticleFactory(tags=["Syria"])
    response = client.get(article.get_absolute_url())
    directives = {part.strip() for part in response["Cache-Control"].split(",")}
    assert directives >= {"public", "max-age=60", "s-maxage=3600", "stale-while-revalidate=60"}
    assert f"stale-if-error={settings.STALE_IF_ERROR_SECONDS}" in directives
    shown = keys_of(response)
    assert {
        f"article:{article.pk}",
        f"section:{article.section_id}",
        f"article:{article.pk}:comments",
    } <= shown
    assert {"tag:" + str(tag.pk) for tag in article.tags.all()} <= shown
    assert response["Surrogate-Key"] == response["xkey"]
    assert not response.cookies and "csrfmiddlewaretoken" not in response.content.decode()


def test_two_readers_share_one_cached_page_and_both_can_comment(settings) -> None:
    settings.COMMENTS_MIN_SECONDS = 0
    article = ArticleFactory(title="Talks resume")
    readers = [Client(enforce_csrf_checks=True), Client(enforce_csrf_checks=True)]
    pages = [reader.get(article.get_absolute_url()) for reader in readers]
    assert [page["X-Page-Cache"] for page in pages] == ["miss", "hit"]
    assert pages[0].content == pages[1].content  # the very same bytes: nothing of either reader
    origin = {"origin": "http://testserver"}
    for number, reader in enumerate(readers):
        start = reader.post("/comments/start/", {"target": targets.target_key(article)}, headers=origin)
        response = reader.post(
            "/comments/post/",
            {
                "target": targets.target_key(article),
                "name": f"Reader {number}",
                "email": f"r{number}@example.com",
                "text": f"Comment {number}",
                "token": start.json()["token"],
            },
            headers=origin,
        )
        assert response.status_code == 303, response.content[:300]
    assert Comment.objects.count() == 2


def test_staff_get_their_own_uncached_pages(editor_client: Client, reader: Client) -> None:
    article = ArticleFactory()
    staff_page = editor_client.get(article.get_absolute_url())
    assert "X-Page-Cache" not in staff_page
    assert "private" in staff_page["Cache-Control"] and "no-store" in staff_page["Cache-Control"]
    assert reader.get(article.get_absolute_url())["X-Page-Cache"] == "miss"


def test_previews_are_never_cached(editor_client: Client, reader: Client) -> None:
    draft = ArticleFactory(status=Article.Status.DRAFT)
    preview = editor_client.get(draft.get_absolute_url())
    assert preview.status_code == 200 and "no-store" in preview["Cache-Control"]
    missing = reader.get(draft.get_absolute_url())
    assert missing.status_code == 404
    # An edge may keep the 404 briefly, and publishing the article purges it.
    assert "s-maxage=60" in missing["Cache-Control"] and f"article:{draft.pk}" in keys_of(missing)


def test_parameters_a_page_does_not_use_share_its_copy(client: Client) -> None:
    ArticleFactory.create_batch(21)
    assert client.get("/news/")["X-Page-Cache"] == "miss"
    for address in ("/news/?utm_source=x", "/news/?period=week", "/news/?fbclid=abc&utm_medium=email"):
        assert client.get(address)["X-Page-Cache"] == "hit", address
    assert client.get("/news/?page=2")["X-Page-Cache"] == "miss"
    assert client.get("/most-viewed/?period=week")["X-Page-Cache"] == "miss"
    assert client.get("/most-viewed/?period=week&page=3")["X-Page-Cache"] == "hit"


def test_publishing_reaches_readers_at_once_and_leaves_other_pages_cached(
    reader: Client, editor_client: Client
) -> None:
    other = ArticleFactory(title="An unrelated story", section=SectionFactory(name="Opinion", slug="opinion"))
    reader.get("/")
    reader.get(other.get_absolute_url())
    article = ArticleFactory(title="Breaking: talks agreed", status=Article.Status.DRAFT, published_at=None)
    assert "Breaking: talks agreed" not in reader.get("/").content.decode()
    editor_client.post("/admin/articles/article/", {"action": "publish", "_selected_action": [article.pk]})
    assert "Breaking: talks agreed" in reader.get("/").content.decode()
    assert reader.get(other.get_absolute_url())["X-Page-Cache"] == "hit"


def test_editing_and_unpublishing_reach_readers_at_once(reader: Client, editor_client: Client) -> None:
    article = ArticleFactory(title="First title")
    url = article.get_absolute_url()
    reader.get(url)
    article.title = "Corrected title"
    article.save()
    assert "Corrected title" in reader.get(url).content.decode()
    reader.get("/")
    editor_client.post("/admin/articles/article/", {"action": "unpublish", "_selected_action": [article.pk]})
    assert reader.get(url).status_code == 404
    assert "Corrected title" not in reader.get("/").content.decode()


def test_approving_a_comment_refreshes_that_page_only(reader: Client, moderator) -> None:
    article, other = ArticleFactory(), ArticleFactory()
    waiting = CommentFactory(content_object=article, status="pending", text="Worth publishing")
    for url in (article.get_absolute_url(), other.get_absolute_url(), "/", "/news/"):
        reader.get(url)
    moderator_client = Client()
    moderator_client.force_login(moderator)
    moderator_client.post("/admin/comments/comment/", {"action": "approve", "_selected_action": [waiting.pk]})
    refreshed = reader.get(article.get_absolute_url())
    assert refreshed["X-Page-Cache"] == "miss" and "Worth publishing" in refreshed.content.decode()
    for url in (other.get_absolute_url(), "/", "/news/"):
        assert reader.get(url)["X-Page-Cache"] == "hit", url


def test_a_new_pending_comment_changes_nothing_cached(client: Client) -> None:
    article = ArticleFactory()
    client.get(article.get_absolute_url())
    CommentFactory(content_object=article, status="pending")
    assert client.get(article.get_absolute_url())["X-Page-Cache"] == "hit"


def test_topic_and_gallery_changes_reach_readers(reader: Client, editor_client: Client) -> None:
    topic = TopicFactory(name="Old name", featured=True)
    album = AlbumFactory(title="Old album")
    reader.get("/")
    reader.get("/gallery/")
    topic.name = "New name"
    topic.save()
    album.title = "New album"
    album.save()
    assert "New name" in reader.get("/").content.decode()
    assert "New album" in reader.get("/gallery/").content.decode()
    reader.get("/")
    editor_client.post("/admin/focus/topic/", {"action": "unfeature", "_selected_action": [topic.pk]})
    block = reader.get("/").content.decode().split('id="in-focus-heading"')[1].split("</section>")[0]
    assert "New name" not in block


def test_a_purge_made_elsewhere_reaches_this_process_within_the_poll(
    client: Client, settings, monkeypatch
) -> None:
    settings.PURGE_POLL_SECONDS = 1
    clock = [1000.0]
    monkeypatch.setattr(surrogate_keys.time, "monotonic", lambda: clock[0])
    article = ArticleFactory(title="Before")
    client.get(article.get_absolute_url())
    # Another worker changed the article: the purge is in the database, not in this process.
    Article.objects.filter(pk=article.pk).update(title="After")
    surrogate_keys.Purge.objects.create(keys=[f"article:{article.pk}"])
    clock[0] += 0.5
    assert "Before" in client.get(article.get_absolute_url()).content.decode()  # not read yet
    clock[0] += 0.6
    assert "After" in client.get(article.get_absolute_url()).content.decode()


@pytest.mark.parametrize("factory", [ArticleFactory, AlbumFactory], ids=["article", "album"])
def test_scheduled_content_appears_on_time_without_any_save(client: Client, settings, factory) -> None:
    # Process memory as the cache: its expiry follows the test's clock (Redis keeps real time).
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    cache.clear()
    with time_machine.travel(timezone.now(), tick=False) as clock:
        factory(title="Goes live shortly", published_at=timezone.now() + timedelta(seconds=30))
        first = client.get("/")
        assert "Goes live shortly" not in first.content.decode()
        assert "s-maxage=30" in first["Cache-Control"]  # edges, too, keep it only until then
        clock.shift(timedelta(seconds=29))
        assert client.get("/")["X-Page-Cache"] == "hit"
        # PAGE_CACHE_SECONDS is 60, but the cached page lived only until the item's moment.
        clock.shift(timedelta(seconds=2))
        response = client.get("/")
        assert response["X-Page-Cache"] == "miss"
        assert "Goes live shortly" in response.content.decode()


def s_maxage(response: HttpResponse) -> int:
    return int(
        next(part for part in response["Cache-Control"].split(", ") if part.startswith("s-maxage="))[9:]
    )


def test_scheduling_sooner_than_the_known_next_change_bounds_caches_at_once(client: Client) -> None:
    with time_machine.travel(timezone.now(), tick=False):
        EditorsPickFactory(ends_at=timezone.now() + timedelta(minutes=30))
        assert s_maxage(client.get("/news/")) == 1800
        # Within the minute the next change is remembered, an editor schedules an article sooner.
        ArticleFactory(title="In two minutes", published_at=timezone.now() + timedelta(minutes=2))
        assert s_maxage(client.get("/")) == 120


def test_an_editors_choice_lapse_bounds_every_cache(client: Client) -> None:
    pick = EditorsPickFactory(ends_at=timezone.now() + timedelta(hours=1))
    response = client.get("/")
    assert 3590 <= page_cache.seconds_until_next_change() <= 3600
    assert 3590 <= s_maxage(response) <= 3600
    assert pick.article.title in client.get("/").content.decode()


def test_a_breaking_news_bar_is_shown_at_once_and_gone_when_it_ends(client: Client) -> None:
    with time_machine.travel(timezone.now(), tick=False) as clock:
        assert client.get("/")["X-Page-Cache"] == "miss"
        assert client.get("/")["X-Page-Cache"] == "hit"
        # Switched on: the cached home page is purged, and caches keep it no longer than the bar.
        BreakingNews.objects.create(
            headline="Polls close in Iraq", link="/news/", ends_at=timezone.now() + timedelta(minutes=20)
        )
        response = client.get("/")
        assert "Polls close in Iraq" in response.content.decode()
        assert s_maxage(response) == 1200
        clock.shift(timedelta(minutes=19, seconds=30))
        assert s_maxage(client.get("/news/")) == 30
        clock.shift(timedelta(seconds=31))
        assert "Polls close in Iraq" not in client.get("/").content.decode()
        # One starting later bounds the caches too.
        BreakingNews.objects.create(
            headline="Results expected",
            link="/news/",
            starts_at=timezone.now() + timedelta(seconds=40),
            ends_at=timezone.now() + timedelta(hours=2),
        )
        assert s_maxage(client.get("/")) == 40


def test_head_requests_are_answered_from_the_cache(client: Client) -> None:
    client.get("/news/")
    assert client.head("/news/")["X-Page-Cache"] == "hit"


def test_feeds_and_sitemaps_are_cached_too(client: Client) -> None:
    ArticleFactory()
    for url in ("/feed/", "/sitemap.xml", "/robots.txt"):
        client.get(url)
        assert client.get(url)["X-Page-Cache"] == "hit", url


def test_a_request_waits_for_a_page_another_request_is_rendering(client: Client) -> None:
    client.get("/news/")
    key = page_cache.cache_key(RequestFactory().get("/news/"))
    stored = cache.get(key)
    cache.delete(key)
    cache.add(f"{key}:rendering", 1, 5)  # someone else is rendering it
    finished = threading.Event()

    def finish_render() -> None:
        finished.wait(0.1)
        cache.set(key, stored, 60)
        cache.delete(f"{key}:rendering")

    threading.Thread(target=finish_render).start()
    started = time.monotonic()
    response = client.get("/news/")
    assert response["X-Page-Cache"] == "hit"
    assert 0.05 < time.monotonic() - started < 0.5


def test_a_page_being_rerendered_is_served_from_its_last_copy(client: Client) -> None:
    article = ArticleFactory()
    client.get(article.get_absolute_url())
    key = page_cache.cache_key(RequestFactory().get(article.get_absolute_url()))
    surrogate_keys.purge(f"article:{article.pk}")
    cache.add(f"{key}:rendering", 1, 5)  # another request is rendering the new copy
    response = client.get(article.get_absolute_url())
    assert response["X-Page-Cache"] == "stale"  # nobody waits: the last copy, while it lasts


def test_a_waiting_request_renders_itself_when_the_other_render_stores_nothing(client: Client) -> None:
    key = page_cache.cache_key(RequestFactory().get("/nowhere/"))
    cache.add(f"{key}:rendering", 1, 5)  # another request is rendering a 404, which is never stored

    def finish_render() -> None:
        threading.Event().wait(0.1)
        cache.delete(f"{key}:rendering")

    threading.Thread(target=finish_render).start()
    started = time.monotonic()
    assert client.get("/nowhere/").status_code == 404
    assert 0.05 < time.monotonic() - started < 0.4  # not the whole half-second wait


def test_configured_paths_are_left_alone(client: Client, settings) -> None:
    settings.PAGE_CACHE_EXCLUDED_PATHS = ["/news/"]
    client.get("/news/")
    assert "X-Page-Cache" not in client.get("/news/")
    assert client.get("/opinion/")["X-Page-Cache"] == "miss"


def test_when_the_database_fails_readers_get_the_last_copy(monkeypatch) -> None:
    client = Client(raise_request_exception=False)  # the error page is what a reader gets
    ArticleFactory(title="Still readable")
    client.get("/")

    def database_away(*args, **kwargs):
        raise OperationalError("server closed the connection unexpectedly")

    monkeypatch.setattr(Article.objects, "published", database_away)  # every page reads articles
    surrogate_keys.purge("articles")  # the home page is out of date, and cannot be rendered
    stale = client.get("/")
    assert stale.status_code == 200 and stale["X-Page-Cache"] == "stale"
    assert "Still readable" in stale.content.decode()
    never_cached = client.get("/news/")
    assert never_cached.status_code == 503
    assert never_cached["Retry-After"] == "30"
    assert "We will be back in a moment" in never_cached.content.decode()


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_with_postgresql_stopped_cached_pages_still_answer() -> None:
    """A real outage: the site renders a page, then its database server stops answering."""
    article = ArticleFactory(title="Read during the outage")
    database = connection.settings_dict
    host = quote(database["HOST"] or "127.0.0.1", safe="")
    url = f"postgres://{database['USER']}@{host}:{database['PORT'] or 5432}/{database['NAME']}"
    script = f"""
import django, json, time
django.setup()
from django.db import connection
from django.test import Client
import time_machine
reader = Client(raise_request_exception=False)  # a reader gets the error page
before = reader.get({article.get_absolute_url()!r})
connection.close()
connection.settings_dict.update({{"HOST": "127.0.0.1", "PORT": "9"}})  # nothing listens there
with time_machine.travel(time.time() + 120):  # past its freshness: it must be rendered again
    started = time.monotonic()
    during = reader.get({article.get_absolute_url()!r})
    other = reader.get("/news/")
    health = reader.get("/healthz")
    took = time.monotonic() - started
print(json.dumps({{
    "before": before.status_code, "during": during.status_code, "state": during.get("X-Page-Cache"),
    "text": "Read during the outage" in during.content.decode(), "other": other.status_code,
    "retry": other.get("Retry-After"), "health": health.status_code, "took": took,
}}))
"""
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "alwaght.settings",
        "DATABASE_URL": url,
        "REDIS_URL": "",
        "PAGE_CACHE_SECONDS": "60",
    }
    result = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr[-3000:]
    outcome = json.loads(result.stdout.strip().splitlines()[-1])
    assert (outcome["before"], outcome["during"], outcome["state"], outcome["text"]) == (
        200,
        200,
        "stale",
        True,
    )
    assert (outcome["other"], outcome["retry"], outcome["health"]) == (503, "30", 503)
    assert outcome["took"] < 15  # a refused connection fails fast: no waiting on a dead server


def test_a_database_that_accepts_but_never_answers_fails_fast() -> None:
    """A hung server: the connection is accepted and nothing ever comes back."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(50)
    port = server.getsockname()[1]
    script = """
import django, json, time
django.setup()
from django.test import Client
reader = Client(raise_request_exception=False)
started = time.monotonic()
response = reader.get("/news/")
print(json.dumps({"status": response.status_code, "retry": response.get("Retry-After"), "took": time.monotonic() - started}))
"""
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "alwaght.settings",
        "DATABASE_URL": f"postgres://postgres@127.0.0.1:{port}/hung",
        "DATABASE_CONNECT_TIMEOUT_SECONDS": "2",
        "REDIS_URL": "",
    }
    try:
        result = subprocess.run(
            [sys.executable, "-c", script], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
        )
    finally:
        server.close()
    assert result.returncode == 0, result.stderr[-3000:]
    outcome = json.loads(result.stdout.strip().splitlines()[-1])
    assert (outcome["status"], outcome["retry"]) == (503, "30")
    # The connection set-up gives up after DATABASE_CONNECT_TIMEOUT_SECONDS (per attempt).
    assert outcome["took"] < 10
