"""Corrections and clarifications: on the article, at /corrections/, in its structured data,
its "Updated" time, refreshed pages, and the editors' inline."""

from __future__ import annotations

import json
import re
from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.test import Client
from django.utils import timezone

from articles.models import RESERVED_FIRST_SEGMENTS, Article, Correction, Section
from common.models import Purge
from tests.articles.test_admin import article_form
from tests.factories import ArticleFactory, UserFactory
from tests.html import assert_in_html

pytestmark = pytest.mark.django_db


def with_correction(
    text: str, kind: str = "correction", day: str = "", time: str = "00:00:00"
) -> dict[str, object]:
    """The article form with one new correction in its inline (today's date unless told)."""
    return article_form(
        **{
            "corrections-TOTAL_FORMS": "1",
            "corrections-0-kind": kind,
            "corrections-0-published_at_0": day or timezone.localtime().strftime("%Y-%m-%d"),
            "corrections-0-published_at_1": time,
            "corrections-0-text": text,
        }
    )


def json_ld_of(page: str) -> list[dict]:
    blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', page, re.S)
    data = json.loads(blocks[0])
    return data if isinstance(data, list) else [data]


def test_readers_see_a_dated_correction_after_the_article_text(client: Client) -> None:
    article = ArticleFactory(title="Convoy reaches Daraa")
    Correction.objects.create(
        article=article,
        kind=Correction.Kind.CORRECTION,
        published_at=datetime(2026, 3, 4, 9, 0, tzinfo=UTC),
        text="An earlier version said 40 lorries; there were 14.",
    )
    page = client.get(article.get_absolute_url()).content.decode()
    assert_in_html(
        '<p class="correction"><strong class="correction__kind">Correction</strong>, '
        '<time datetime="2026-03-04T09:00:00+00:00">Wednesday 4 March 2026</time>: '
        "An earlier version said 40 lorries; there were 14.</p>",
        page,
    )
    assert page.index('class="article__body') < page.index('id="corrections"')


def test_structured_data_carries_the_correction_and_the_updated_time(client: Client) -> None:
    article = ArticleFactory()
    when = timezone.now() - timedelta(minutes=5)
    Correction.objects.create(
        article=article,
        kind=Correction.Kind.CLARIFICATION,
        published_at=when,
        text="The town lies north of the river.",
    )
    article.refresh_from_db()
    assert article.updated_at == when  # the article's "Updated" follows the note
    news_article = json_ld_of(client.get(article.get_absolute_url()).content.decode())[0]
    assert news_article["correction"] == [
        {
            "@type": "CorrectionComment",
            "text": "Clarification: The town lies north of the river.",
            "datePublished": when.isoformat(),
        }
    ]
    assert news_article["dateModified"] == when.isoformat()


def test_an_older_correction_does_not_move_a_newer_update_back() -> None:
    article = ArticleFactory(updated_at=timezone.now())
    newer = article.updated_at
    Correction.objects.create(
        article=article, published_at=newer - timedelta(days=1), text="A name was misspelt."
    )
    article.refresh_from_db()
    assert article.updated_at == newer


def test_corrections_page_lists_them_newest_first_with_links(client: Client) -> None:
    first = ArticleFactory(title="Story one")
    second = ArticleFactory(title="Story two")
    draft = ArticleFactory(title="Unpublished story", status=Article.Status.DRAFT, published_at=None)
    with time_machine.travel(timezone.now() - timedelta(days=2)):
        Correction.objects.create(article=first, text="Older note.")
    Correction.objects.create(article=second, text="Newer note.")
    Correction.objects.create(article=draft, text="Nobody may see this.")
    response = client.get("/corrections/")
    assert response.status_code == 200
    page = response.content.decode()
    assert page.index("Newer note.") < page.index("Older note.")
    assert "Nobody may see this." not in page
    assert_in_html(f'<a href="{second.get_absolute_url()}#corrections">Story two</a>', page)
    assert "corrections" in response["xkey"].split()


def test_corrections_page_queries_do_not_grow(client: Client, django_assert_num_queries) -> None:
    for index in range(30):
        Correction.objects.create(article=ArticleFactory(), text=f"Note {index}.")
    client.get("/corrections/")
    with django_assert_num_queries(2):  # the count, the page of notes with their articles
        assert client.get("/corrections/").status_code == 200


@pytest.mark.parametrize("page", ["0", "99", "abc", "1e3"])
def test_a_bad_page_of_corrections_is_a_404(client: Client, page: str) -> None:
    assert client.get(f"/corrections/?page={page}").status_code == 404


def test_corrections_is_a_reserved_first_segment(editor_client: Client) -> None:
    assert "corrections" in RESERVED_FIRST_SEGMENTS
    response = editor_client.post(
        "/admin/articles/section/add/", {"name": "Corrections", "slug": "corrections", "position": 1}
    )
    assert response.status_code == 200
    assert not Section.objects.filter(slug="corrections").exists()


def test_a_correction_refreshes_its_article_and_the_list() -> None:
    article = ArticleFactory()
    Purge.objects.all().delete()
    Correction.objects.create(article=article, text="A date was wrong.")
    keys = {key for purge in Purge.objects.all() for key in purge.keys}
    assert {f"article:{article.pk}", "corrections"} <= keys


def test_editor_adds_a_correction_in_the_article_form(editor_client: Client, client: Client) -> None:
    article = ArticleFactory(title="Ceasefire holds in Daraa")
    form = with_correction(
        "The ceasefire began on Friday, not Saturday.", time=timezone.localtime().strftime("%H:%M:%S")
    )
    response = editor_client.post(f"/admin/articles/article/{article.pk}/change/", form)
    assert response.status_code == 302, response.context["errors"] if response.context else response
    assert article.corrections.get().text == "The ceasefire began on Friday, not Saturday."
    assert "The ceasefire began on Friday" in client.get(article.get_absolute_url()).content.decode()


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "This field is required."),
        ("   ", "Say what was corrected or clarified."),
        ("x" * 1001, "Ensure this value has at most 1000 characters"),
    ],
)
def test_bad_corrections_get_clear_messages(editor_client: Client, text: str, message: str) -> None:
    article = ArticleFactory()
    form = with_correction(text, time="10:00:00")
    response = editor_client.post(f"/admin/articles/article/{article.pk}/change/", form)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Correction.objects.exists()


def test_a_correction_cannot_be_dated_in_the_future(editor_client: Client) -> None:
    article = ArticleFactory()
    tomorrow = timezone.localtime() + timedelta(days=1)
    form = with_correction(
        "متن توضیح به فارسی 📰", kind="clarification", day=tomorrow.strftime("%Y-%m-%d"), time="10:00:00"
    )
    response = editor_client.post(f"/admin/articles/article/{article.pk}/change/", form)
    assert response.status_code == 200
    assert "Date the note today or earlier" in response.content.decode()


def test_writers_cannot_add_corrections(client: Client) -> None:
    writer = UserFactory(username="corrections-writer", groups=["Writers"])
    client.force_login(writer)
    article = ArticleFactory(status=Article.Status.DRAFT, published_at=None)
    page = client.get(f"/admin/articles/article/{article.pk}/change/").content.decode()
    assert "corrections-TOTAL_FORMS" not in page
