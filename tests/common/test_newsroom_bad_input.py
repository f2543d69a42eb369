"""The newsroom's new forms and endpoints with bad input: a clear message or a refusal, never a
server error, and nothing stored that should not be."""

from __future__ import annotations

import pytest
from django.test import Client

from articles.models import Correction
from common.models import AutosavedDraft
from common.plain_text import clean_lines
from gallery.models import Album
from tests.articles.test_admin import article_form
from tests.articles.test_corrections import with_correction
from tests.factories import ArticleFactory, CommentFactory

pytestmark = pytest.mark.django_db

ODD_TEXTS = [
    "متن فارسی با ی و ک",
    "نص عربي",
    "🗞️📰 emoji",
    "<script>alert(1)</script>",
    "bell\x07 and tab\t",
    "right-to-left \u202e override",
]


@pytest.mark.parametrize("text", [*ODD_TEXTS, "nul \x00 char", "x" * 300_000])
def test_autosave_takes_any_text_without_failing(editor_client: Client, text: str) -> None:
    article = ArticleFactory()
    response = editor_client.post(
        f"/admin/articles/article/{article.pk}/autosave/", {"title": text, "lead": text}
    )
    assert response.status_code == 200
    kept = AutosavedDraft.objects.get().data["title"][0]
    assert "\x00" not in kept and len(kept) <= 200_000


def test_autosave_refuses_a_huge_form_in_words(editor_client: Client) -> None:
    article = ArticleFactory()
    data = {f"field{index}": "x" * 199_000 for index in range(11)}  # under Django's own 2.5 MB limit
    response = editor_client.post(f"/admin/articles/article/{article.pk}/autosave/", data)
    assert response.status_code == 413
    assert "too large" in response.json()["error"]


@pytest.mark.parametrize("text", ODD_TEXTS)
def test_corrections_keep_odd_text_and_escape_it(editor_client: Client, client: Client, text: str) -> None:
    article = ArticleFactory()
    form = with_correction(text)
    response = editor_client.post(f"/admin/articles/article/{article.pk}/change/", form)
    assert response.status_code == 302
    # Kept as typed, but for control characters, which no text of the site keeps (common/plain_text.py).
    assert Correction.objects.get().text == clean_lines(text).strip()
    page = client.get("/corrections/").content.decode()
    assert "<script>alert(1)</script>" not in page


@pytest.mark.parametrize("kind", ["", "typo", "<b>", "correction" * 10])
def test_a_bad_correction_kind_is_a_form_error(editor_client: Client, kind: str) -> None:
    article = ArticleFactory()
    form = with_correction("Text.", kind=kind, day="not a date", time="25:99")
    response = editor_client.post(f"/admin/articles/article/{article.pk}/change/", form)
    assert response.status_code == 200
    assert "Please correct the error" in response.content.decode()
    assert not Correction.objects.exists()


def test_a_null_character_in_a_correction_is_refused(editor_client: Client) -> None:
    article = ArticleFactory()
    form = with_correction("nul \x00 char")
    response = editor_client.post(f"/admin/articles/article/{article.pk}/change/", form)
    assert response.status_code == 200
    assert "Null characters are not allowed." in response.content.decode()


@pytest.mark.parametrize("token", ["", "<script>", "9" * 40, "1:not-a-date", "\x07"])
def test_an_odd_edit_token_never_fails_the_save(editor_client: Client, token: str) -> None:
    article = ArticleFactory()
    response = editor_client.post(
        f"/admin/articles/article/{article.pk}/change/", article_form(_edit_base=token)
    )
    assert response.status_code in (200, 302)
    if response.status_code == 200:
        assert "after you opened it" in response.content.decode()


@pytest.mark.parametrize("decision", ["", "<script>", "approve" * 50, "دیدگاه"])
def test_odd_moderation_decisions_change_nothing(client: Client, moderator, decision: str) -> None:
    comment = CommentFactory(status="pending")
    client.force_login(moderator)
    response = client.post(
        f"/admin/comments/comment/{comment.pk}/moderate/", {"decision": decision}, follow=True
    )
    assert response.status_code == 200
    comment.refresh_from_db()
    assert comment.status == "pending"
    assert client.post("/admin/comments/comment/999999/moderate/", {"decision": "approve"}).status_code == 404


def test_an_album_without_photos_cannot_be_published(editor_client: Client) -> None:
    data = {
        "title": "Spring 🌸 بهار",
        "slug": "",
        "description": "<script>alert(1)</script>",
        "cover": "",
        "cover_details_1": "",
        "cover_details_2": "",
        "cover_details_3": "",
        "language": "en",
        "status": "published",
        "published_at_0": "",
        "published_at_1": "",
        "tags": "",
        "add_photos_description": "",
        "add_photos_credit": "",
        "photos-TOTAL_FORMS": "0",
        "photos-INITIAL_FORMS": "0",
        "photos-MIN_NUM_FORMS": "0",
        "photos-MAX_NUM_FORMS": "1000",
    }
    response = editor_client.post("/admin/gallery/album/add/", data)
    assert response.status_code == 200
    assert "An album needs at least one photo before it is published" in response.content.decode()
    assert not Album.objects.exists()
    response = editor_client.post("/admin/gallery/album/add/", {**data, "status": "draft"})
    assert response.status_code == 302  # prepared as a draft, photos to come
    assert Album.objects.get().status == "draft"
