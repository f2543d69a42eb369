"""Purges reach every edge after the change commits; an edge that fails gets them later."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from io import StringIO

import pytest
from django.core.management import call_command

from articles.models import Article
from common.models import Purge
from common.surrogate_keys import purge
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db


class FakeEdge:
    """An HTTP server that takes PURGE requests like Varnish with xkey, or refuses them."""

    def __init__(self) -> None:
        self.received: list[set[str]] = []
        self.answer = 200
        edge = self

        class Handler(BaseHTTPRequestHandler):
            def do_PURGE(self) -> None:
                if edge.answer == 200:
                    edge.received.append(set(self.headers.get("xkey", "").split()))
                self.send_response(edge.answer)
                self.end_headers()

            def log_message(self, *args: object) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}/"

    def purged_keys(self) -> set[str]:
        return set().union(*self.received) if self.received else set()


@pytest.fixture
def edges(settings) -> Iterator[list[FakeEdge]]:
    running = [FakeEdge(), FakeEdge()]
    settings.EDGE_PURGE_URLS = [edge.url for edge in running]
    yield running
    for edge in running:
        edge.server.shutdown()


def test_a_change_is_purged_at_every_edge_after_it_commits(edges, django_capture_on_commit_callbacks) -> None:
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        article = ArticleFactory(title="Published")
        assert all(edge.received == [] for edge in edges)  # nothing leaves before the commit
    assert callbacks
    for edge in edges:
        assert {
            f"article:{article.pk}",
            "articles",
            f"section:{article.section_id}:articles",
        } <= edge.purged_keys()
    assert not Purge.objects.filter(sent_at__isnull=True).exists()


def test_an_edge_that_fails_gets_the_purge_later_and_the_change_stands(
    edges, django_capture_on_commit_callbacks
) -> None:
    edges[1].answer = 503
    with django_capture_on_commit_callbacks(execute=True):
        article = ArticleFactory(title="Saved whatever the edge says")
    assert Article.objects.filter(pk=article.pk).exists()
    pending = Purge.objects.get(sent_at__isnull=True)
    assert pending.attempts == 1 and f"article:{article.pk}" in pending.keys
    edges[1].answer = 200
    out = StringIO()
    call_command("send_purges", stdout=out)
    assert "Sent 1 purges; 0 still pending" in out.getvalue()
    assert f"article:{article.pk}" in edges[1].purged_keys()


def test_an_edge_that_does_not_answer_at_all_is_retried_too(
    settings, django_capture_on_commit_callbacks
) -> None:
    settings.EDGE_PURGE_URLS = ["http://127.0.0.1:9/"]  # nothing listens there
    with django_capture_on_commit_callbacks(execute=True):
        purge("article:1")
    assert Purge.objects.get().sent_at is None


def test_many_keys_go_in_several_requests(edges, django_capture_on_commit_callbacks) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        purge(*(f"article:{number}" for number in range(450)))
    assert len(edges[0].received) == 3
    assert len(edges[0].purged_keys()) == 450
