"""Editor's Choice in admin: the home page's order, its places, and picks beyond them."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from articles.models import EDITORS_CHOICE_SLOTS, Article, EditorsPick
from tests.factories import ArticleFactory, EditorsPickFactory

pytestmark = pytest.mark.django_db

URL = "/admin/articles/editorspick/"


def test_the_list_says_which_picks_the_home_page_shows(editor_client: Client) -> None:
    picks = [
        EditorsPickFactory(position=index, article=ArticleFactory(title=f"Pick {index}"))
        for index in range(7)
    ]
    lapsed = EditorsPickFactory(position=0, ends_at=timezone.now() - timedelta(hours=1))
    draft = EditorsPickFactory(
        position=0, article=ArticleFactory(status=Article.Status.DRAFT, published_at=None)
    )
    response = editor_client.get(URL)
    page = response.content.decode()
    assert f"The home page shows the first {EDITORS_CHOICE_SLOTS} picks" in page
    assert "2 picks are beyond the home page's places" in page
    slots = {pick.pk: pick.home_slot for pick in response.context["cl"].result_list}
    assert [slots[pick.pk] for pick in picks] == [1, 2, 3, 4, 5, 6, 7]
    assert slots[lapsed.pk] is None and slots[draft.pk] is None
    assert "beyond the 5 places the home page shows (it would be number 6)" in page
    home = Client().get("/").context["editors_choice"]
    assert [article.title for article in home] == [f"Pick {index}" for index in range(5)]


def test_typed_positions_reorder_the_home_page(editor_client: Client) -> None:
    first = EditorsPickFactory(position=1, article=ArticleFactory(title="First"))
    second = EditorsPickFactory(position=2, article=ArticleFactory(title="Second"))
    data = {
        "form-TOTAL_FORMS": "2",
        "form-INITIAL_FORMS": "2",
        "form-MIN_NUM_FORMS": "0",
        "form-MAX_NUM_FORMS": "1000",
        "form-0-id": first.pk,
        "form-0-position": "20",
        "form-0-ends_at_0": "",
        "form-0-ends_at_1": "",
        "form-1-id": second.pk,
        "form-1-position": "10",
        "form-1-ends_at_0": "",
        "form-1-ends_at_1": "",
        "_save": "Save",
    }
    response = editor_client.post(URL, data)
    assert response.status_code == 302
    assert [pick.article.title for pick in EditorsPick.objects.order_by("position")] == ["Second", "First"]
    assert [article.title for article in Client().get("/").context["editors_choice"]] == ["Second", "First"]


@pytest.mark.parametrize("position", ["-1", "abc", "1" * 30, "<script>"])
def test_bad_positions_get_a_message(editor_client: Client, position: str) -> None:
    pick = EditorsPickFactory(position=1)
    data = {
        "form-TOTAL_FORMS": "1",
        "form-INITIAL_FORMS": "1",
        "form-MIN_NUM_FORMS": "0",
        "form-MAX_NUM_FORMS": "1000",
        "form-0-id": pick.pk,
        "form-0-position": position,
        "form-0-ends_at_0": "",
        "form-0-ends_at_1": "",
        "_save": "Save",
    }
    response = editor_client.post(URL, data)
    assert response.status_code == 200
    assert "Please correct the error" in response.content.decode()
    pick.refresh_from_db()
    assert pick.position == 1


def test_the_related_article_picker_shows_section_and_date(editor_client: Client) -> None:
    ArticleFactory(
        title="Daraa convoy", published_at=timezone.make_aware(timezone.datetime(2026, 3, 4, 9, 0))
    )
    ArticleFactory(title="Daraa draft", status=Article.Status.DRAFT, published_at=None)
    response = editor_client.get(
        "/admin/autocomplete/",
        {"term": "Daraa", "app_label": "articles", "model_name": "relatedarticle", "field_name": "related"},
    )
    assert response.status_code == 200
    texts = sorted(result["text"] for result in response.json()["results"])
    assert texts == ["Daraa convoy — News, Wednesday 4 March 2026", "Daraa draft — News, Draft"]
