"""No lost work: a stale save is refused and keeps the editor's text, presence, autosaved
drafts, uploads kept across a form's errors, save buttons at the top."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
import time_machine
from django.test import Client
from django.utils import timezone

from articles.models import Article
from common.models import AutosavedDraft, HeldUpload
from common.models import Image as LibraryImage
from tests.articles.test_admin import ADD_URL, article_form
from tests.factories import ArticleFactory, AuthorFactory, UserFactory, uploaded_image

pytestmark = pytest.mark.django_db


def opened_base(client: Client, article: Article) -> str:
    page = client.get(f"/admin/articles/article/{article.pk}/change/").content.decode()
    return re.search(r'name="_edit_base" value="([^"]+)"', page).group(1)


@pytest.fixture
def second_editor(db) -> Client:
    client = Client()
    client.force_login(UserFactory(username="second-editor", groups=["Editors"]))
    return client


def test_a_stale_save_is_refused_and_keeps_the_editors_text(
    editor_client: Client, second_editor: Client
) -> None:
    article = ArticleFactory(title="Ceasefire holds in Daraa", lead="Convoys entered on Sunday.")
    mine = opened_base(editor_client, article)
    theirs = opened_base(second_editor, article)
    assert (
        second_editor.post(
            f"/admin/articles/article/{article.pk}/change/",
            article_form(lead="Convoys entered on Monday.", _edit_base=theirs),
        ).status_code
        == 302
    )

    response = editor_client.post(
        f"/admin/articles/article/{article.pk}/change/",
        article_form(title="My better headline", lead="My own careful lead.", _edit_base=mine),
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "second-editor saved this at" in page
    assert "<del>Sunday</del>" in page and "<ins>Monday</ins>" in page  # what they changed
    assert 'value="My better headline"' in page  # my own input is still in the form
    assert "My own careful lead." in page
    article.refresh_from_db()
    assert article.lead == "Convoys entered on Monday."

    # Knowingly saving over their edit.
    current = re.search(r'name="_overwrite" value="([^"]+)"', page).group(1)
    response = editor_client.post(
        f"/admin/articles/article/{article.pk}/change/",
        article_form(
            title="My better headline", lead="My own careful lead.", _edit_base=mine, _overwrite=current
        ),
    )
    assert response.status_code == 302
    article.refresh_from_db()
    assert article.lead == "My own careful lead."


def test_a_save_after_a_bulk_publish_is_stale_too(editor_client: Client) -> None:
    article = ArticleFactory(status=Article.Status.DRAFT, published_at=None)
    base = opened_base(editor_client, article)
    editor_client.post("/admin/articles/article/", {"action": "publish", "_selected_action": [article.pk]})
    response = editor_client.post(
        f"/admin/articles/article/{article.pk}/change/", article_form(status="draft", _edit_base=base)
    )
    assert response.status_code == 200
    article.refresh_from_db()
    assert article.status == Article.Status.PUBLISHED


def test_the_form_says_who_else_opened_it_recently(editor_client: Client, second_editor: Client) -> None:
    article = ArticleFactory()
    url = f"/admin/articles/article/{article.pk}/change/"
    second_editor.get(url)
    page = editor_client.get(url).content.decode()
    assert "Someone else opened this in the last 5 minutes" in page
    assert "<strong>second-editor</strong>" in page
    with time_machine.travel(timezone.now() + timedelta(minutes=6)):
        assert "second-editor" not in editor_client.get(url).content.decode()


def test_autosave_keeps_a_draft_without_touching_the_article(editor_client: Client) -> None:
    article = ArticleFactory(title="Published title")
    url = f"/admin/articles/article/{article.pk}/autosave/"
    assert editor_client.get(url).status_code == 405
    response = editor_client.post(url, article_form(title="Half-written new title", status="draft"))
    assert response.status_code == 200
    assert "not published" in response.json()["message"]
    article.refresh_from_db()
    assert article.title == "Published title" and article.is_public
    draft = AutosavedDraft.objects.get()
    assert draft.data["title"] == ["Half-written new title"]

    page = editor_client.get(f"/admin/articles/article/{article.pk}/change/").content.decode()
    assert "Restore my draft into the form" in page
    restored = editor_client.get(
        f"/admin/articles/article/{article.pk}/change/?restore_draft=1"
    ).content.decode()
    assert 'value="Half-written new title"' in restored

    assert (
        editor_client.post(f"/admin/articles/article/{article.pk}/change/", article_form()).status_code == 302
    )
    assert not AutosavedDraft.objects.exists()  # saving the form settles the draft


def test_autosave_of_a_new_article_and_its_discard(editor_client: Client) -> None:
    response = editor_client.post("/admin/articles/article/add/autosave/", {"title": "Nearly a story 🌙 خبر"})
    assert response.status_code == 200
    assert "Restore my draft" in editor_client.get(ADD_URL).content.decode()
    editor_client.post("/admin/articles/article/add/autosave/", {"discard": "1"})
    assert not AutosavedDraft.objects.exists()


def test_autosave_refuses_others(client: Client) -> None:
    article = ArticleFactory()
    client.force_login(UserFactory(username="a-moderator", groups=["Moderators"]))
    assert client.post(f"/admin/articles/article/{article.pk}/autosave/", {"title": "x"}).status_code == 403
    assert client.post("/admin/articles/article/999999/autosave/", {"title": "x"}).status_code in (403, 404)


def test_an_upload_survives_a_form_error(editor_client: Client) -> None:
    form = article_form(
        title="", hero_image_details_0=uploaded_image("convoy.jpg"), hero_image_details_1="Lorries"
    )
    response = editor_client.post(ADD_URL, form)
    assert response.status_code == 200
    page = response.content.decode()
    assert "convoy.jpg" in page and "are kept" in page
    token = re.search(r'name="_held_upload" value="([^"]+)"', page).group(1)
    assert HeldUpload.objects.count() == 1

    # Sent again with the title filled and no file chosen: the kept file is used.
    response = editor_client.post(ADD_URL, article_form(hero_image_details_1="Lorries", _held_upload=token))
    assert response.status_code == 302
    article = Article.objects.get()
    assert article.hero_image.description == "Lorries"
    assert article.hero_image.width == 1200
    assert not HeldUpload.objects.exists()
    assert LibraryImage.objects.count() == 1


def test_someone_elses_held_upload_is_not_attached(editor_client: Client, second_editor: Client) -> None:
    response = second_editor.post(
        ADD_URL, article_form(title="", hero_image_details_0=uploaded_image("theirs.jpg"))
    )
    token = re.search(r'name="_held_upload" value="([^"]+)"', response.content.decode()).group(1)
    response = editor_client.post(ADD_URL, article_form(_held_upload=token))
    assert response.status_code == 302
    assert Article.objects.get().hero_image is None
    bogus = editor_client.post(ADD_URL, article_form(title="Another", _held_upload="not-a-token"))
    assert bogus.status_code == 302


def test_save_buttons_are_at_the_top_and_the_bottom(editor_client: Client) -> None:
    page = editor_client.get(ADD_URL).content.decode()
    assert page.count('name="_save"') == 2


def test_a_restored_draft_keeps_every_author_chosen(editor_client: Client) -> None:
    article = ArticleFactory()
    first, second = AuthorFactory(name="Leila"), AuthorFactory(name="Reza")
    editor_client.post(
        f"/admin/articles/article/{article.pk}/autosave/",
        {"title": "With two authors", "authors": [first.pk, second.pk]},
    )
    response = editor_client.get(f"/admin/articles/article/{article.pk}/change/?restore_draft=1")
    form = response.context["adminform"].form
    assert form["title"].value() == "With two authors"
    assert {int(value) for value in form["authors"].value()} == {first.pk, second.pk}
