"""The site behind a real Varnish: one copy for every reader, refreshed exactly by purges."""

from __future__ import annotations

import http.client
import time

import pytest

from articles.models import Article
from comments.models import Comment
from tests.factories import ArticleFactory, CommentFactory, SectionFactory, UserFactory

pytestmark = [pytest.mark.edge, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def fetch_twice(edge, path: str, headers: dict | None = None) -> tuple[dict, dict, str]:
    edge.get(path, headers)
    status, second, body = edge.get(path, headers)
    assert status == 200, path
    return edge.get(path, headers)[1], second, body


def cache_state(edge, path: str, headers: dict | None = None) -> str:
    return edge.get(path, headers)[1]["x-cache"]


def wait_until(condition, seconds: float = 5.0) -> bool:
    """Purges go out after the change commits: give them the moment they take."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.05)
    return condition()


def test_a_second_request_is_a_hit_and_readers_see_no_keys(edge) -> None:
    article = ArticleFactory(title="Served from the edge")
    first = edge.get(article.get_absolute_url())
    second = edge.get(article.get_absolute_url())
    assert (first[1]["x-cache"], second[1]["x-cache"]) == ("MISS", "HIT")
    assert second[2] == first[2] and "Served from the edge" in second[2]
    assert "xkey" not in second[1] and "surrogate-key" not in second[1]
    assert "set-cookie" not in first[1]


def test_random_cookies_and_parameters_get_the_same_copy(edge) -> None:
    article = ArticleFactory()
    url = article.get_absolute_url()
    edge.get(url)
    for path, headers in (
        (f"{url}?utm_source=newsletter&fbclid=xyz", None),
        (url, {"Cookie": "_ga=GA1.2.3; theme=dark; csrftoken=abc"}),
        (f"{url}?ref=x", {"Cookie": "random=1"}),
    ):
        assert cache_state(edge, path, headers) == "HIT", (path, headers)
    assert cache_state(edge, f"{url}?comments=2") == "MISS"  # a parameter the page uses


def test_publishing_refreshes_the_pages_that_list_it_and_only_them(edge) -> None:
    other = ArticleFactory(
        title="An unrelated opinion", section=SectionFactory(name="Opinion", slug="opinion")
    )
    for path in ("/", "/news/", other.get_absolute_url()):
        edge.get(path)
    article = ArticleFactory(title="Breaking: talks agreed", status=Article.Status.DRAFT, published_at=None)
    article.status = Article.Status.PUBLISHED
    article.save()
    assert wait_until(lambda: "Breaking: talks agreed" in edge.get("/")[2])
    assert "Breaking: talks agreed" in edge.get("/news/")[2]
    assert cache_state(edge, other.get_absolute_url()) == "HIT"


def test_editing_and_unpublishing_refresh_the_article_everywhere_it_shows(edge) -> None:
    article = ArticleFactory(title="First title")
    unrelated = ArticleFactory(title="Unrelated", section=SectionFactory(name="Opinion", slug="opinion"))
    for path in (article.get_absolute_url(), "/", unrelated.get_absolute_url()):
        edge.get(path)
    article.title = "Corrected title"
    article.save()
    assert wait_until(lambda: "Corrected title" in edge.get(article.get_absolute_url())[2])
    assert "Corrected title" in edge.get("/")[2]
    assert cache_state(edge, unrelated.get_absolute_url()) == "HIT"
    article.status = Article.Status.DRAFT
    article.save()
    assert wait_until(lambda: edge.get(article.get_absolute_url())[0] == 404)
    assert "Corrected title" not in edge.get("/")[2]


def test_approving_a_comment_refreshes_that_article_only(edge) -> None:
    article, other = ArticleFactory(title="Talks"), ArticleFactory(title="Other talks")
    waiting = CommentFactory(content_object=article, status="pending", text="Worth publishing")
    for path in (article.get_absolute_url(), other.get_absolute_url(), "/", "/news/"):
        edge.get(path)
    waiting.status = Comment.Status.APPROVED
    waiting.save()
    started = time.monotonic()
    assert wait_until(lambda: "Worth publishing" in edge.get(article.get_absolute_url())[2], seconds=1)
    assert time.monotonic() - started < 1  # within a second
    for path in (other.get_absolute_url(), "/", "/news/"):
        assert cache_state(edge, path) == "HIT", path


def test_staff_and_previews_are_never_stored(edge, client) -> None:
    editor = UserFactory(username="edge-editor", groups=["Editors"])
    client.force_login(editor)
    session = {"Cookie": f"sessionid={client.cookies['sessionid'].value}"}
    draft = ArticleFactory(status=Article.Status.DRAFT)
    for _ in range(2):
        status, headers, _body = edge.get(draft.get_absolute_url(), session)
        assert (status, headers["x-cache"]) == (200, "MISS")
    assert edge.get(draft.get_absolute_url())[0] == 404  # readers never see a stored preview
    article = ArticleFactory()
    assert [edge.get(article.get_absolute_url(), session)[1]["x-cache"] for _ in range(2)] == ["MISS", "MISS"]


def test_with_the_site_stopped_cached_pages_still_answer(edge) -> None:
    article = ArticleFactory(title="Still served")
    edge.get(article.get_absolute_url())
    edge.get("/")
    edge.backend.stop()
    for path in (article.get_absolute_url(), "/"):
        status, headers, _body = edge.get(path)
        assert status == 200 and headers["x-cache"] == "HIT", path
    assert "Still served" in edge.get(article.get_absolute_url())[2]
    assert edge.get("/never-seen-before/")[0] == 503  # nothing to fall back on


def test_expired_pages_are_served_stale_while_the_site_is_down(edge, settings) -> None:
    settings.EDGE_MAX_AGE_SECONDS = 1
    settings.BROWSER_MAX_AGE_SECONDS = 1
    article = ArticleFactory(title="Stale but served")
    edge.get(article.get_absolute_url())
    edge.backend.stop()
    time.sleep(1.5)  # Varnish keeps real time: the copy expires, grace keeps it
    status, _headers, body = edge.get(article.get_absolute_url())
    assert status == 200 and "Stale but served" in body


def test_purging_needs_keys_and_a_known_address(edge) -> None:
    host, port = edge.url.removeprefix("http://").split(":")
    connection = http.client.HTTPConnection(host, int(port), timeout=10)
    connection.request("PURGE", "/")
    assert connection.getresponse().status == 400
    connection.close()
