"""Revisions: every save through admin keeps a version; history, compare side by side, restore."""

from __future__ import annotations

import pytest
from django.test import Client
from reversion.models import Version

from articles.models import Article
from focus.models import Topic
from gallery.models import Album
from tests.articles.test_admin import article_form
from tests.factories import AlbumFactory, ArticleFactory, PhotoFactory, TopicFactory, library_image

pytestmark = pytest.mark.django_db


def save_article(client: Client, article: Article, **changes: object) -> None:
    response = client.post(f"/admin/articles/article/{article.pk}/change/", article_form(**changes))
    assert response.status_code == 302, response.context["adminform"].form.errors


@pytest.fixture
def edited_article(editor_client: Client) -> Article:
    article = ArticleFactory(title="Ceasefire holds in Daraa")
    save_article(editor_client, article, lead="Convoys entered on Sunday.", body="<p>Forty lorries came.</p>")
    save_article(
        editor_client,
        article,
        title="Ceasefire holds in Daraa for a third day",
        lead="Convoys entered on Monday.",
        body="<p>Fourteen lorries came.</p>",
    )
    return article


def test_every_save_keeps_a_version(edited_article: Article) -> None:
    versions = Version.objects.get_for_object(edited_article)
    assert versions.count() == 2
    assert versions.first().revision.user.username == "test-editor"


def test_history_lists_versions_to_compare_and_restore(
    editor_client: Client, edited_article: Article
) -> None:
    page = editor_client.get(f"/admin/articles/article/{edited_article.pk}/history/").content.decode()
    newest, oldest = Version.objects.get_for_object(edited_article).order_by("-pk")
    assert f'name="before" value="{oldest.pk}"' in page
    assert f'name="after" value="{newest.pk}"' in page
    assert f"/admin/articles/article/{edited_article.pk}/history/{oldest.pk}/" in page


def test_compare_shows_two_versions_side_by_side_with_word_diffs(
    editor_client: Client, edited_article: Article
) -> None:
    newest, oldest = Version.objects.get_for_object(edited_article).order_by("-pk")
    response = editor_client.get(
        f"/admin/articles/article/{edited_article.pk}/history/compare/",
        {"before": oldest.pk, "after": newest.pk},
    )
    assert response.status_code == 200
    rows = {row.label: row for row in response.context["rows"]}
    assert rows["Title"].changed and "<ins> for a third day</ins>" in rows["Title"].after
    assert "<del>Sunday</del>" in rows["Lead"].before and "<ins>Monday</ins>" in rows["Lead"].after
    # The body is compared as the text readers read, not as markup.
    assert "<del>Forty</del>" in rows["Body"].before and "<p>" not in rows["Body"].before
    assert not rows["Section"].changed


@pytest.mark.parametrize(
    "query",
    [{}, {"before": "x", "after": "1"}, {"before": "1", "after": "1"}, {"before": "99999999", "after": "2"}],
)
def test_compare_with_bad_choices_says_so(
    editor_client: Client, edited_article: Article, query: dict
) -> None:
    response = editor_client.get(
        f"/admin/articles/article/{edited_article.pk}/history/compare/", query, follow=True
    )
    assert response.status_code == 200
    assert "Choose two" in response.content.decode()


def test_restoring_a_version_brings_back_its_words(editor_client: Client, edited_article: Article) -> None:
    oldest = Version.objects.get_for_object(edited_article).order_by("pk").first()
    url = f"/admin/articles/article/{edited_article.pk}/history/{oldest.pk}/"
    page = editor_client.get(url).content.decode()
    assert "Convoys entered on Sunday." in page  # the old version in the form, not yet saved
    edited_article.refresh_from_db()
    assert edited_article.lead == "Convoys entered on Monday."
    response = editor_client.post(
        url, article_form(lead="Convoys entered on Sunday.", body="<p>Forty lorries came.</p>")
    )
    assert response.status_code == 302
    edited_article.refresh_from_db()
    assert edited_article.title == "Ceasefire holds in Daraa"
    assert edited_article.lead == "Convoys entered on Sunday."
    assert Version.objects.get_for_object(edited_article).count() == 3


def test_an_album_version_keeps_its_photos(editor_client: Client) -> None:
    album = AlbumFactory(title="Spring in Damascus")
    photo = PhotoFactory(album=album, position=1)
    data = {
        "title": "Spring in Damascus",
        "slug": album.slug,
        "description": "",
        "cover": "",
        "cover_details_1": "",
        "cover_details_2": "",
        "cover_details_3": "",
        "language": "en",
        "status": "published",
        "published_at_0": album.published_at.strftime("%Y-%m-%d"),
        "published_at_1": album.published_at.strftime("%H:%M:%S"),
        "tags": "",
        "add_photos_description": "",
        "add_photos_credit": "",
        "photos-TOTAL_FORMS": "1",
        "photos-INITIAL_FORMS": "1",
        "photos-MIN_NUM_FORMS": "0",
        "photos-MAX_NUM_FORMS": "1000",
        "photos-0-id": photo.pk,
        "photos-0-album": album.pk,
        "photos-0-image": photo.image_id,
        "photos-0-position": "1",
        "photos-0-image_details_1": photo.image.description,
        "photos-0-image_details_2": photo.image.caption,
        "photos-0-image_details_3": "",
    }
    response = editor_client.post(f"/admin/gallery/album/{album.pk}/change/", data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    version = Version.objects.get_for_object(album).get()
    kept = {other.content_type.model for other in version.revision.version_set.all()}
    assert kept == {"album", "photo"}
    assert Album.objects.get().photos.count() == 1


def test_a_topic_restore_loads_its_words_and_leaves_the_tree_alone(editor_client: Client) -> None:
    parent = TopicFactory(name="Resistance")
    topic = TopicFactory(name="Hamas", parent=parent, description="The first description.")
    data = {
        "name": "Hamas",
        "slug": topic.slug,
        "parent": parent.pk,
        "description": "The first description.",
        "introduction": "",
        "status": "published",
    }
    editor_client.post(f"/admin/focus/topic/{topic.pk}/change/", data)
    editor_client.post(
        f"/admin/focus/topic/{topic.pk}/change/", {**data, "description": "A second description."}
    )
    first = Version.objects.get_for_object(topic).order_by("pk").first()
    page = editor_client.get(f"/admin/focus/topic/{topic.pk}/history/{first.pk}/").content.decode()
    assert "The first description." in page
    topic.refresh_from_db()
    assert topic.description == "A second description."  # nothing written by looking
    response = editor_client.post(f"/admin/focus/topic/{topic.pk}/history/{first.pk}/", data)
    assert response.status_code == 302
    topic.refresh_from_db()
    assert topic.description == "The first description."
    assert topic.parent == parent
    Topic.objects.partial_rebuild(topic.tree_id)  # the tree's numbers are still consistent
    assert [item.name for item in parent.get_descendants()] == ["Hamas"]


def test_compare_shows_the_pictures_of_both_versions(editor_client: Client) -> None:
    article = ArticleFactory(hero_image=library_image("before.jpg", description="Lorries at the gate"))
    save_article(editor_client, article, hero_image=article.hero_image_id)
    after = library_image("after.jpg", description="Crowds in the square")
    save_article(editor_client, article, hero_image=after.pk)
    newest, oldest = Version.objects.get_for_object(article).order_by("-pk")[:2]
    response = editor_client.get(
        f"/admin/articles/article/{article.pk}/history/compare/", {"before": oldest.pk, "after": newest.pk}
    )
    row = next(row for row in response.context["rows"] if row.label == "Hero image")
    assert row.changed
    assert "<img" in row.before and "Lorries at the gate" in row.before
    assert "<img" in row.after and "Crowds in the square" in row.after
