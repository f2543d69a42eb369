"""The anonymous page cache: fast, never leaking, and never stale for long."""

from __future__ import annotations

import time
from datetime import timedelta

import pytest
import time_machine
from django.core.cache import cache
from django.test import Client, RequestFactory
from django.utils import timezone

from alwaght import page_cache
from articles.models import Article
from comments import spam, targets
from comments.models import Comment
from tests.factories import AlbumFactory, ArticleFactory, CommentFactory, EditorsPickFactory, TopicFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def page_cache_on(settings):
    settings.PAGE_CACHE_SECONDS = 60


@pytest.fixture
def reader() -> Client:
    """An anonymous reader, separate from pytest-django's client (which editor_client logs in)."""
    return Client()


def test_second_request_is_served_from_the_cache(client: Client, django_assert_max_num_queries) -> None:
    ArticleFactory(title="Ceasefire holds")
    first = client.get("/")
    assert first["X-Page-Cache"] == "miss"
    with django_assert_max_num_queries(0):
        second = client.get("/")
    assert second["X-Page-Cache"] == "hit"
    assert second.content == first.content  # no CSRF token on this page: the very same bytes
    assert "Ceasefire holds" in second.content.decode()


def test_repeat_visits_get_304_with_etag_and_last_modified(client: Client) -> None:
    first = client.get("/news/")
    etag, modified = first["ETag"], first["Last-Modified"]
    assert client.get("/news/", headers={"if-none-match": etag}).status_code == 304
    assert client.get("/news/", headers={"if-modified-since": modified}).status_code == 304
    assert client.get("/news/", headers={"if-none-match": '"stale"'}).status_code == 200


def test_two_readers_share_one_cached_page_and_both_can_comment(settings) -> None:
    settings.COMMENTS_MIN_SECONDS = 0
    article = ArticleFactory(title="Talks resume")
    readers = [Client(enforce_csrf_checks=True), Client(enforce_csrf_checks=True)]
    pages = [reader.get(article.get_absolute_url()) for reader in readers]
    assert [page["X-Page-Cache"] for page in pages] == ["miss", "hit"]
    tokens = [
        page.content.decode().split('name="csrfmiddlewaretoken" value="')[1].split('"')[0] for page in pages
    ]
    assert page_cache.CSRF_PLACEHOLDER not in tokens
    assert tokens[0] != tokens[1]  # each reader got their own token
    for number, (reader, token, page) in enumerate(zip(readers, tokens, pages, strict=True)):
        form_token = page.content.decode().split('name="token" value="')[1].split('"')[0]
        response = reader.post(
            "/comments/post/",
            {
                "name": f"Reader {number}",
                "email": f"r{number}@example.com",
                "text": f"Comment {number}",
                "token": form_token,
                "csrfmiddlewaretoken": token,
            },
        )
        assert response.status_code == 302, response.content[:300]
    assert Comment.objects.count() == 2


def test_flash_messages_never_reach_another_reader(settings) -> None:
    settings.COMMENTS_MIN_SECONDS = 0
    article = ArticleFactory()
    writer, other = Client(), Client()
    writer.get(article.get_absolute_url())  # cached now
    form_token = spam.form_token(targets.target_key(article), issued_at=time.time() - 10)
    writer.post(
        "/comments/post/", {"name": "A", "email": "a@example.com", "text": "Hello", "token": form_token}
    )
    mine = writer.get(article.get_absolute_url())
    assert "awaits moderation" in mine.content.decode()
    assert "X-Page-Cache" not in mine  # a reader with messages neither gets nor fills cached pages
    theirs = other.get(article.get_absolute_url())
    assert "awaits moderation" not in theirs.content.decode()


def test_staff_neither_get_nor_fill_cached_pages(editor_client: Client, reader: Client) -> None:
    article = ArticleFactory()
    staff_page = editor_client.get(article.get_absolute_url())
    assert "X-Page-Cache" not in staff_page
    assert reader.get(article.get_absolute_url())["X-Page-Cache"] == "miss"


def test_previews_are_never_cached(editor_client: Client, reader: Client) -> None:
    draft = ArticleFactory(status=Article.Status.DRAFT)
    assert editor_client.get(draft.get_absolute_url()).status_code == 200
    assert reader.get(draft.get_absolute_url()).status_code == 404


def test_unknown_query_parameters_bypass_the_cache(client: Client) -> None:
    assert "X-Page-Cache" not in client.get("/news/?utm_source=x")
    assert client.get("/news/?page=1")["X-Page-Cache"] == "miss"
    assert client.get("/news/?page=1")["X-Page-Cache"] == "hit"


def test_publishing_reaches_readers_at_once(reader: Client, editor_client: Client) -> None:
    reader.get("/")
    article = ArticleFactory(title="Breaking: talks agreed", status=Article.Status.DRAFT, published_at=None)
    assert "Breaking: talks agreed" not in reader.get("/").content.decode()
    editor_client.post("/admin/articles/article/", {"action": "publish", "_selected_action": [article.pk]})
    assert "Breaking: talks agreed" in reader.get("/").content.decode()


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


def test_approving_a_comment_shows_it_at_once(reader: Client, moderator) -> None:
    article = ArticleFactory()
    waiting = CommentFactory(content_object=article, status="pending", text="Worth publishing")
    reader.get(article.get_absolute_url())
    moderator_client = Client()
    moderator_client.force_login(moderator)
    moderator_client.post("/admin/comments/comment/", {"action": "approve", "_selected_action": [waiting.pk]})
    assert "Worth publishing" in reader.get(article.get_absolute_url()).content.decode()


def test_a_new_pending_comment_does_not_empty_the_cache(client: Client) -> None:
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
    assert (
        "New name"
        not in reader.get("/").content.decode().split('id="in-focus-heading"')[1].split("</section>")[0]
    )


@pytest.mark.parametrize("factory", [ArticleFactory, AlbumFactory], ids=["article", "album"])
def test_scheduled_content_appears_on_time_without_any_save(client: Client, settings, factory) -> None:
    # Process memory as the cache: its expiry follows the test's clock (Redis keeps real time).
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    cache.clear()
    with time_machine.travel(timezone.now(), tick=False) as clock:
        factory(title="Goes live shortly", published_at=timezone.now() + timedelta(seconds=30))
        assert "Goes live shortly" not in client.get("/").content.decode()
        clock.shift(timedelta(seconds=29))
        assert client.get("/")["X-Page-Cache"] == "hit"
        # PAGE_CACHE_SECONDS is 60, but the cached page lived only until the item's moment.
        clock.shift(timedelta(seconds=2))
        response = client.get("/")
        assert response["X-Page-Cache"] == "miss"
        assert "Goes live shortly" in response.content.decode()


def test_an_editors_choice_lapse_expires_the_cache(client: Client) -> None:
    pick = EditorsPickFactory(ends_at=timezone.now() + timedelta(hours=1))
    client.get("/")
    assert 3590 <= page_cache.seconds_until_next_change() <= 3600
    assert pick.article.title in client.get("/").content.decode()


def test_head_requests_are_answered_from_the_cache(client: Client) -> None:
    client.get("/news/")
    assert client.head("/news/")["X-Page-Cache"] == "hit"


def test_feeds_and_sitemaps_are_cached_too(client: Client) -> None:
    ArticleFactory()
    for url in ("/feed/", "/sitemap.xml", "/robots.txt"):
        client.get(url)
        assert client.get(url)["X-Page-Cache"] == "hit", url


def test_a_request_waits_for_a_page_another_request_is_rendering(client: Client) -> None:
    from django.core.cache import cache

    client.get("/news/")
    key = page_cache.cache_key(RequestFactory().get("/news/"))
    stored = cache.get(key)
    cache.delete(key)
    cache.add(f"{key}:rendering", 1, 5)  # someone else is rendering it

    def finish_render() -> None:
        time.sleep(0.1)
        cache.set(key, stored, 60)
        cache.delete(f"{key}:rendering")

    import threading

    threading.Thread(target=finish_render).start()
    started = time.monotonic()
    response = client.get("/news/")
    assert response["X-Page-Cache"] == "hit"
    assert 0.05 < time.monotonic() - started < 0.5


def test_a_waiting_request_renders_itself_when_the_other_render_stores_nothing(client: Client) -> None:
    import threading

    from django.core.cache import cache

    key = page_cache.cache_key(RequestFactory().get("/nowhere/"))
    cache.add(f"{key}:rendering", 1, 5)  # another request is rendering a 404, which is never stored

    def finish_render() -> None:
        time.sleep(0.1)
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
