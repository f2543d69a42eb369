"""The editors' admin: writing, publishing, bulk actions and what Editors may do."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.conf import settings
from django.contrib.messages import get_messages
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.test.html import parse_html
from django.utils import timezone

from articles.models import Article, EditorsPick, Section
from common.images import CROPS
from common.models import Image as LibraryImage
from tests.factories import ArticleFactory, EditorsPickFactory, library_image, uploaded_image
from tests.html import assert_in_html
from tests.jobs import queued_jobs, run_queued_jobs

pytestmark = pytest.mark.django_db

ADD_URL = "/admin/articles/article/add/"
CHANGELIST_URL = "/admin/articles/article/"


def article_form(**overrides: object) -> dict[str, object]:
    news = Section.objects.get(slug="news")
    data: dict[str, object] = {
        "title": "Ceasefire holds in Daraa",
        "slug": "",
        "section": news.pk,
        "lead": "Aid convoys entered the city on Sunday.",
        "body": "<p>Convoys entered.</p>",
        "hero_image": "",
        "hero_image_details_1": "",
        "hero_image_details_2": "",
        "hero_image_details_3": "",
        "tags": "Syria, Ceasefire",
        "language": "en",
        "status": "published",
        "published_at_0": "",
        "published_at_1": "",
        "updated_at_0": "",
        "updated_at_1": "",
        "topic_links-TOTAL_FORMS": "0",
        "topic_links-INITIAL_FORMS": "0",
        "topic_links-MIN_NUM_FORMS": "0",
        "topic_links-MAX_NUM_FORMS": "1000",
        "related_links-TOTAL_FORMS": "0",
        "related_links-INITIAL_FORMS": "0",
        "related_links-MIN_NUM_FORMS": "0",
        "related_links-MAX_NUM_FORMS": "1000",
        "editors_pick-TOTAL_FORMS": "0",
        "editors_pick-INITIAL_FORMS": "0",
        "editors_pick-MIN_NUM_FORMS": "0",
        "editors_pick-MAX_NUM_FORMS": "1",
        "corrections-TOTAL_FORMS": "0",
        "corrections-INITIAL_FORMS": "0",
        "corrections-MIN_NUM_FORMS": "0",
        "corrections-MAX_NUM_FORMS": "1000",
    }
    data.update(overrides)
    return data


def messages_of(response) -> list[str]:
    return [str(message) for message in get_messages(response.wsgi_request)]


def stored(url: str) -> bool:
    return default_storage.exists(url.removeprefix(settings.MEDIA_URL))


def test_editor_publishes_an_article_with_a_new_hero_image(editor_client: Client, client: Client) -> None:
    form = article_form(
        body='<p onmouseover="steal()">Convoys entered.</p><script>alert("x")</script>',
        hero_image_details_0=uploaded_image("daraa.jpg", size=(2000, 1200)),
        hero_image_details_1="Aid trucks queue at the gate of Daraa.",
        hero_image_details_2="Trucks at the city gate.",
        hero_image_details_3="Alwaght",
    )
    response = editor_client.post(ADD_URL, form)
    assert response.status_code == 302, response.content.decode()[:2000]
    article = Article.objects.select_related("hero_image").get(title="Ceasefire holds in Daraa")
    assert article.body == "<p>Convoys entered.</p>"
    assert article.slug == "ceasefire-holds-in-daraa"
    assert article.is_public
    assert sorted(article.tags.names()) == ["Ceasefire", "Syria"]
    picture = article.hero_image
    assert (picture.width, picture.height) == (2000, 1200)
    assert (picture.description, picture.caption, picture.credit) == (
        "Aid trucks queue at the gate of Daraa.",
        "Trucks at the city gate.",
        "Alwaght",
    )
    # Nothing was made during the request: the job queue makes it.
    assert picture.is_pending and queued_jobs() == 1
    run_queued_jobs()
    picture.refresh_from_db()
    # Every width and every crop in WebP, and the 1200×630 JPEG for sharing: made once.
    made = [item.url for crop in CROPS for item in picture.renditions(crop)] + [picture.share_image.url]
    assert len(made) == 12 and all(stored(url) for url in made)

    client.logout()
    home = client.get("/")
    assert "Ceasefire holds in Daraa" in home.content.decode()
    page = client.get(article.get_absolute_url()).content.decode()
    assert 'alt="Aid trucks queue at the gate of Daraa."' in page
    assert_in_html('<span class="credit">Photo: Alwaght</span>', page)


def test_a_new_picture_needs_its_description(editor_client: Client) -> None:
    response = editor_client.post(
        ADD_URL, article_form(hero_image_details_0=uploaded_image("daraa.jpg"), hero_image_details_1="  ")
    )
    assert response.status_code == 200
    assert "Describe the new picture" in str(response.context["adminform"].form.errors["hero_image_details"])
    assert not Article.objects.exists() and not LibraryImage.objects.exists()


def test_editor_picks_a_library_image_and_edits_its_caption(editor_client: Client) -> None:
    picture = library_image("gate.jpg", description="The city gate.", caption="Old caption")
    response = editor_client.post(
        ADD_URL,
        article_form(
            hero_image=picture.pk,
            hero_image_details_1="The city gate.",
            hero_image_details_2="New caption",
        ),
    )
    assert response.status_code == 302
    assert Article.objects.get().hero_image == picture
    picture.refresh_from_db()
    assert picture.caption == "New caption"
    assert LibraryImage.objects.count() == 1


def test_choosing_another_picture_keeps_that_pictures_own_words(editor_client: Client) -> None:
    first = library_image("first.jpg", description="First picture", caption="First caption")
    second = library_image("second.jpg", description="Second picture", caption="Second caption")
    article = ArticleFactory(hero_image=first)
    change_url = f"/admin/articles/article/{article.pk}/change/"
    page = parse_html(editor_client.get(change_url).content.decode())
    assert (
        page.count(
            parse_html(
                '<input type="text" name="hero_image_details_2" value="First caption" maxlength="300" class="vLargeTextField" id="id_hero_image_details_2">'
            )
        )
        == 1
    )
    data = article_form(
        title=article.title,
        hero_image=second.pk,
        hero_image_details_1="First picture",  # what the page showed, unchanged
        hero_image_details_2="First caption",
    )
    assert editor_client.post(change_url, data).status_code == 302
    second.refresh_from_db()
    assert (second.description, second.caption) == ("Second picture", "Second caption")
    assert Article.objects.get(pk=article.pk).hero_image == second


def test_details_without_a_picture_are_refused(editor_client: Client) -> None:
    response = editor_client.post(ADD_URL, article_form(hero_image_details_2="A caption with no picture"))
    assert response.status_code == 200
    assert "Choose an image" in str(response.context["adminform"].form.errors["hero_image_details"])


def test_admin_form_rejects_bad_input_with_clear_messages(editor_client: Client) -> None:
    form = article_form(
        title="x" * 201,
        lead="",
        hero_image="not a number",
        hero_image_details_0=uploaded_image("not-really.png", image_format="JPEG"),
        hero_image_details_1="d" * 251,
    )
    response = editor_client.post(ADD_URL, form)
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors
    assert "at most 200 characters" in str(errors["title"])
    assert "This field is required" in str(errors["lead"])
    assert "Select a valid choice" in str(errors["hero_image"])
    assert "JPEG image but its name ends in .png" in str(errors["hero_image_details"])
    assert "at most 250 characters" in str(errors["hero_image_details"])
    assert not Article.objects.exists() and not LibraryImage.objects.exists()


def test_script_renamed_as_jpeg_is_refused(editor_client: Client) -> None:
    fake = SimpleUploadedFile("photo.jpg", b"<script>alert(1)</script>", content_type="image/jpeg")
    response = editor_client.post(
        ADD_URL, article_form(hero_image_details_0=fake, hero_image_details_1="A picture")
    )
    assert response.status_code == 200
    assert "not a readable image" in str(response.context["adminform"].form.errors["hero_image_details"])
    assert not Article.objects.exists() and not LibraryImage.objects.exists()


def test_persian_title_gets_a_readable_slug_through_admin(editor_client: Client) -> None:
    response = editor_client.post(ADD_URL, article_form(title="آتش‌بس در درعا برقرار است", tags="سوریه"))
    assert response.status_code == 302
    article = Article.objects.get(title="آتش‌بس در درعا برقرار است")
    assert article.slug == "آتش-بس-در-درعا-برقرار-است"


def test_mark_updated_shows_readers_the_update_time(editor_client: Client, client: Client) -> None:
    article = ArticleFactory()
    form = article_form(
        title=article.title, mark_updated="on", published_at_0="2026-01-01", published_at_1="10:00"
    )
    response = editor_client.post(f"/admin/articles/article/{article.pk}/change/", form)
    assert response.status_code == 302
    article.refresh_from_db()
    assert article.updated_at is not None
    assert timezone.now() - article.updated_at < timedelta(minutes=1)
    assert "Updated" in client.get(article.get_absolute_url()).content.decode()


def test_bulk_publish_and_unpublish_report_how_many_changed(editor_client: Client) -> None:
    drafts = ArticleFactory.create_batch(3, status=Article.Status.DRAFT, published_at=None)
    already = ArticleFactory()
    ids = [str(article.pk) for article in [*drafts, already]]

    response = editor_client.post(CHANGELIST_URL, {"action": "publish", "_selected_action": ids}, follow=True)
    assert "3 articles were published." in messages_of(response)
    assert Article.objects.published().count() == 4

    response = editor_client.post(
        CHANGELIST_URL, {"action": "unpublish", "_selected_action": ids[:2]}, follow=True
    )
    assert "2 articles were unpublished." in messages_of(response)
    assert Article.objects.published().count() == 2


def test_bulk_pick_and_unpick_editors_choice(editor_client: Client) -> None:
    articles = ArticleFactory.create_batch(3)
    EditorsPickFactory(article=articles[0], position=5)
    ids = [str(article.pk) for article in articles]

    response = editor_client.post(
        CHANGELIST_URL, {"action": "pick_for_editors_choice", "_selected_action": ids}, follow=True
    )
    assert "2 articles were added to Editor's Choice." in messages_of(response)
    assert EditorsPick.objects.count() == 3
    assert min(EditorsPick.objects.exclude(article=articles[0]).values_list("position", flat=True)) > 5

    response = editor_client.post(
        CHANGELIST_URL, {"action": "unpick_from_editors_choice", "_selected_action": ids[:1]}, follow=True
    )
    assert "1 article was removed from Editor's Choice." in messages_of(response)
    assert EditorsPick.objects.count() == 2


def test_changelist_filters_by_tag_and_searches(editor_client: Client) -> None:
    ArticleFactory(title="Marib front", tags=["Yemen"])
    ArticleFactory(title="Idlib front", tags=["Syria"])
    response = editor_client.get(CHANGELIST_URL, {"tag": "yemen"})
    assert [a.title for a in response.context["cl"].result_list] == ["Marib front"]
    response = editor_client.get(CHANGELIST_URL, {"q": "Idlib"})
    assert [a.title for a in response.context["cl"].result_list] == ["Idlib front"]


def test_section_with_reserved_slug_is_refused_in_admin(editor_client: Client) -> None:
    response = editor_client.post(
        "/admin/articles/section/add/",
        {"name": "Tags desk", "slug": "tags", "position": "1", "description": ""},
    )
    assert response.status_code == 200
    assert "already used by another part of the site" in str(
        response.context["adminform"].form.errors["slug"]
    )
    assert not Section.objects.filter(slug="tags").exists()


def test_tag_suggestions_for_editors_only(editor_client: Client, client: Client) -> None:
    ArticleFactory(tags=["Syria", "Syrian Army", "Yemen"])
    response = editor_client.get("/admin/articles/article/suggest-tags/", {"q": "syr"})
    assert response.json() == {"tags": ["Syria", "Syrian Army"]}
    assert editor_client.get("/admin/articles/article/suggest-tags/", {"q": ""}).json() == {"tags": []}
    client.logout()
    anonymous = client.get("/admin/articles/article/suggest-tags/", {"q": "syr"})
    assert anonymous.status_code == 302 and "/admin/login/" in anonymous["Location"]


def test_editors_manage_content_and_nothing_else(editor_client: Client) -> None:
    for url in (CHANGELIST_URL, ADD_URL, "/admin/articles/section/", "/admin/articles/author/add/",
                "/admin/articles/editorspick/", "/admin/taggit/tag/"):  # fmt: skip
        assert editor_client.get(url).status_code == 200, url
    for url in ("/admin/auth/user/", "/admin/auth/group/", "/admin/auth/user/add/"):
        assert editor_client.get(url).status_code == 403, url


def test_moderators_cannot_touch_articles(client: Client, moderator) -> None:
    client.force_login(moderator)
    assert client.get(CHANGELIST_URL).status_code == 403
    assert client.get(ADD_URL).status_code == 403


def test_view_on_site_of_a_draft_opens_its_preview(editor_client: Client) -> None:
    draft = ArticleFactory(status=Article.Status.DRAFT, published_at=None)
    change_page = editor_client.get(f"/admin/articles/article/{draft.pk}/change/").content.decode()
    assert "View on site" in change_page
    response = editor_client.get(f"/admin/r/{_content_type_id()}/{draft.pk}/", follow=True)
    assert response.status_code == 200
    assert "Preview: this article is a draft" in response.content.decode()


def _content_type_id() -> int:
    from django.contrib.contenttypes.models import ContentType

    return ContentType.objects.get_for_model(Article).pk
