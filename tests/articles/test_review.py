"""Writers write and submit for review; editors publish and schedule; the state says "Scheduled"."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from articles.models import Article
from common.publishing import PublicationState
from tests.articles.test_admin import ADD_URL, CHANGELIST_URL, article_form, messages_of
from tests.factories import AlbumFactory, ArticleFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def writer_client(client: Client) -> Client:
    client.force_login(UserFactory(username="test-writer", groups=["Writers"]))
    return client


def without_publishing_fields(form: dict[str, object]) -> dict[str, object]:
    return {key: value for key, value in form.items() if not key.startswith(("editors_pick", "corrections"))}


def test_writer_saves_a_draft_and_submits_it_for_review(writer_client: Client) -> None:
    response = writer_client.post(ADD_URL, without_publishing_fields(article_form(status="draft")))
    assert response.status_code == 302
    article = Article.objects.get(title="Ceasefire holds in Daraa")
    assert article.status == Article.Status.DRAFT

    form = without_publishing_fields(
        article_form(status="draft", _submit_for_review="Save and submit for review")
    )
    response = writer_client.post(f"/admin/articles/article/{article.pk}/change/", form)
    assert response.status_code == 302
    article.refresh_from_db()
    assert article.status == Article.Status.REVIEW
    assert not article.is_public


def test_writer_is_not_offered_publishing(writer_client: Client) -> None:
    page = writer_client.get(ADD_URL).content.decode()
    assert '<option value="published"' not in page
    assert '<option value="review"' in page
    assert 'name="published_at_0"' not in page  # scheduling is publishing
    assert "editors_pick-TOTAL_FORMS" not in page
    assert "Save and submit for review" in page


def test_a_forged_publish_from_a_writer_is_refused(writer_client: Client) -> None:
    response = writer_client.post(ADD_URL, without_publishing_fields(article_form(status="published")))
    assert response.status_code == 200
    assert "Select a valid choice" in str(response.context["adminform"].form.errors["status"])
    assert not Article.objects.exists()

    draft = ArticleFactory(status=Article.Status.DRAFT, published_at=None)
    future = timezone.localtime() + timedelta(days=1)
    form = without_publishing_fields(
        article_form(
            status="published", published_at_0=future.strftime("%Y-%m-%d"), published_at_1="08:00:00"
        )
    )
    writer_client.post(f"/admin/articles/article/{draft.pk}/change/", form)
    draft.refresh_from_db()
    assert draft.status == Article.Status.DRAFT and draft.published_at is None


def test_writer_bulk_actions_cannot_publish(writer_client: Client) -> None:
    draft = ArticleFactory(status=Article.Status.REVIEW, published_at=None)
    page = writer_client.get(CHANGELIST_URL).content.decode()
    assert 'value="publish"' not in page
    writer_client.post(CHANGELIST_URL, {"action": "publish", "_selected_action": [draft.pk]})
    writer_client.post(CHANGELIST_URL, {"action": "pick_for_editors_choice", "_selected_action": [draft.pk]})
    draft.refresh_from_db()
    assert draft.status == Article.Status.REVIEW
    assert not hasattr(draft, "editors_pick")


def test_writer_cannot_change_a_published_article(writer_client: Client) -> None:
    article = ArticleFactory(title="Already out")
    response = writer_client.get(f"/admin/articles/article/{article.pk}/change/")
    assert response.status_code == 200
    assert response.context["has_change_permission"] is False  # shown read-only
    writer_client.post(
        f"/admin/articles/article/{article.pk}/change/",
        without_publishing_fields(article_form(title="Rewritten by a writer", status="draft")),
    )
    article.refresh_from_db()
    assert article.title == "Already out"


def test_editor_sees_the_review_queue_and_publishes(editor_client: Client) -> None:
    waiting = ArticleFactory.create_batch(2, status=Article.Status.REVIEW, published_at=None)
    ArticleFactory(status=Article.Status.DRAFT, published_at=None)
    AlbumFactory(status=Article.Status.REVIEW, published_at=None)
    index = editor_client.get("/admin/").content.decode()
    assert "2 articles await review." in index
    assert "1 photo album awaits review." in index
    assert f"{CHANGELIST_URL}?state=review" in index
    queue = editor_client.get(CHANGELIST_URL, {"state": "review"})
    assert {article.pk for article in queue.context["cl"].result_list} == {article.pk for article in waiting}
    response = editor_client.post(
        CHANGELIST_URL, {"action": "publish", "_selected_action": [waiting[0].pk]}, follow=True
    )
    assert "1 article was published." in messages_of(response)
    waiting[0].refresh_from_db()
    assert waiting[0].is_public


def test_scheduled_shows_as_scheduled_in_the_list_and_the_form(editor_client: Client) -> None:
    later = ArticleFactory(title="Goes out tomorrow", published_at=timezone.now() + timedelta(days=1))
    ArticleFactory(title="Out already")
    assert later.publication_state == PublicationState.SCHEDULED
    listing = editor_client.get(CHANGELIST_URL).content.decode()
    assert listing.count("publication-state--scheduled") == 1
    assert listing.count("publication-state--published") == 1
    scheduled = editor_client.get(CHANGELIST_URL, {"state": "scheduled"})
    assert [article.title for article in scheduled.context["cl"].result_list] == ["Goes out tomorrow"]
    form_page = editor_client.get(f"/admin/articles/article/{later.pk}/change/").content.decode()
    assert "Scheduled: " in form_page


def test_editors_see_no_review_notice_they_cannot_act_on(client: Client) -> None:
    client.force_login(UserFactory(username="another-writer", groups=["Writers"]))
    ArticleFactory(status=Article.Status.REVIEW, published_at=None)
    assert "await review" not in client.get("/admin/").content.decode()
