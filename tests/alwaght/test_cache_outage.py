"""A cache that is down or hung slows nothing down for long and breaks nothing."""

from __future__ import annotations

import socket
import time
from collections.abc import Iterator

import pytest
from django.core.cache import cache
from django.test import Client

from tests.factories import ArticleFactory, CommentFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def silent_server() -> Iterator[int]:
    """A port that accepts connections and never answers: how a hung Redis looks."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(50)
    yield server.getsockname()[1]
    server.close()


@pytest.fixture
def closed_port() -> int:
    """A port where nothing listens: how a stopped Redis looks."""
    probe = socket.socket()
    probe.bind(("127.0.0.1", 0))
    port = probe.getsockname()[1]
    probe.close()
    return port


def use_redis_at(settings, port: int) -> None:
    settings.CACHES = {
        "default": {
            "BACKEND": "common.cache_backends.TolerantRedisCache",
            "LOCATION": f"redis://127.0.0.1:{port}/0",
            "OPTIONS": {"socket_connect_timeout": 0.25, "socket_timeout": 0.25},
        }
    }
    settings.PAGE_CACHE_SECONDS = 60


@pytest.mark.parametrize("server", ["closed_port", "silent_server"])
def test_pages_render_without_the_cache_and_health_says_degraded(request, settings, server: str) -> None:
    use_redis_at(settings, request.getfixturevalue(server))
    article = ArticleFactory(title="Readable without Redis")
    CommentFactory(content_object=article, text="Approved words")
    reader = Client()
    started = time.monotonic()
    for url in ("/", article.get_absolute_url(), "/news/", "/feed/", "/sitemap.xml", "/most-viewed/"):
        response = reader.get(url)
        assert response.status_code == 200, url
    page = reader.get(article.get_absolute_url()).content.decode()
    assert "Readable without Redis" in page and "Approved words" in page
    # One short timeout, then this process stops asking for a while: no request waits on it.
    assert time.monotonic() - started < 3
    health = reader.get("/healthz")
    assert health.status_code == 200
    assert health.json() == {"status": "degraded", "database": "ok", "cache": "degraded"}


def test_a_hung_cache_costs_one_timeout_not_one_per_call(settings, silent_server: int) -> None:
    use_redis_at(settings, silent_server)
    started = time.monotonic()
    assert cache.get("anything") is None  # waits for the timeout once
    first = time.monotonic() - started
    started = time.monotonic()
    for number in range(200):
        cache.set(f"key-{number}", number)
        assert cache.get(f"key-{number}") is None
    assert cache.add("lock", 1) is True  # "new": the caller goes ahead instead of waiting
    assert 0.2 <= first < 1.5
    assert time.monotonic() - started < 0.2


def test_comments_and_view_counts_still_work_without_the_cache(settings, closed_port: int) -> None:
    use_redis_at(settings, closed_port)
    article = ArticleFactory()
    assert (
        Client()
        .post(
            f"/views/{article.pk}/",
            headers={"user-agent": "Mozilla/5.0 Firefox/130", "sec-fetch-site": "same-origin"},
        )
        .status_code
        == 204
    )
