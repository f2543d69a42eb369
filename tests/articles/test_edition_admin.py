"""The newsroom's editions in admin: each edition's desk works on its own content, a story is
translated from its page, Editor's Choice counts places per edition, and the admin speaks the
language its user picks."""

from __future__ import annotations

import json

import pytest
from django.test import Client
from django.test.html import parse_html
from django.utils import translation

from articles.models import EDITORS_CHOICE_SLOTS, Article, EditorsPick
from tests.articles.test_admin import ADD_URL, CHANGELIST_URL, article_form
from tests.factories import (
    AlbumFactory,
    ArticleFactory,
    EditorsPickFactory,
    TopicFactory,
    UserFactory,
    library_image,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def arabic_editor_client(client: Client) -> Client:
    client.force_login(UserFactory(username="arabic-desk", groups=["Editors", "Arabic edition"]))
    return client


def change_url(article: Article) -> str:
    return f"/admin/articles/article/{article.pk}/change/"


def language_choices(response) -> list[str]:
    field = response.context["adminform"].form.fields["language"]
    return [code for code, _name in field.choices]


def test_an_editions_desk_lists_and_changes_its_own_articles_only(arabic_editor_client: Client) -> None:
    english = ArticleFactory(title="Ceasefire holds", language="en")
    arabic = ArticleFactory(title="صمود وقف إطلاق النار", language="ar")

    listing = arabic_editor_client.get(CHANGELIST_URL)
    assert [item.pk for item in listing.context["cl"].result_list] == [arabic.pk]
    # Another edition's list is there to read when asked for (a translator looks for the original).
    english_list = arabic_editor_client.get(CHANGELIST_URL, {"language__exact": "en"})
    assert [item.pk for item in english_list.context["cl"].result_list] == [english.pk]

    assert arabic_editor_client.get(change_url(arabic)).context["has_change_permission"]
    # Another edition's article opens read-only: no form to save, and a post changes nothing.
    page = arabic_editor_client.get(change_url(english))
    assert page.status_code == 200 and not page.context["has_change_permission"]
    assert 'name="title"' not in page.content.decode()
    posted = arabic_editor_client.post(change_url(english), article_form(title="Rewritten"))
    assert posted.status_code in (302, 403)
    english.refresh_from_db()
    assert english.title == "Ceasefire holds"
    assert arabic_editor_client.post(
        f"/admin/articles/article/{english.pk}/delete/", {"post": "yes"}
    ).status_code in (302, 403)
    assert Article.objects.filter(pk=english.pk).exists()


def test_a_bulk_action_of_one_desk_leaves_other_editions_alone(arabic_editor_client: Client) -> None:
    english = ArticleFactory(language="en")
    arabic = ArticleFactory(language="ar")
    for query in ("", "?language__exact=en"):  # even from the list of another edition
        arabic_editor_client.post(
            CHANGELIST_URL + query,
            {"action": "delete_selected", "_selected_action": [english.pk, arabic.pk], "post": "yes"},
        )
    assert list(Article.objects.values_list("pk", flat=True)) == [english.pk]


def test_a_desk_writes_in_its_edition_and_everyone_else_chooses(arabic_editor_client: Client) -> None:
    add = arabic_editor_client.get(ADD_URL)
    assert language_choices(add) == ["ar"]
    assert add.context["adminform"].form.initial["language"] == "ar"
    # A desk cannot file an article in another edition by editing the form.
    response = arabic_editor_client.post(ADD_URL, article_form(title="Filed in English", language="en"))
    assert response.status_code == 200
    assert "language" in response.context["adminform"].form.errors
    assert not Article.objects.exists()

    # An editor of no edition desk works on every edition.
    chief = Client()
    chief.force_login(UserFactory(username="chief", groups=["Editors"]))
    assert language_choices(chief.get(ADD_URL)) == ["en", "ar", "fa"]


def test_an_edition_field_turns_the_forms_words_right_to_left() -> None:
    client = Client()
    client.force_login(UserFactory(username="chief", groups=["Editors"]))
    page = client.get(ADD_URL).content.decode()
    assert 'data-rtl-editions="ar fa"' in page
    assert "common/admin-edition" in page  # the script that turns the fields


def test_translate_into_starts_the_new_version_with_the_originals_section_picture_and_topics(
    editor_client: Client, client: Client
) -> None:
    picture = library_image("gaza.jpg", description="Aid trucks at Rafah.")
    topic = TopicFactory(name="Gaza")
    original = ArticleFactory(title="Aid enters Gaza", language="en", hero_image=picture)
    original.topic_links.create(topic=topic)

    page = editor_client.get(change_url(original)).content.decode()
    link = f"{ADD_URL}?translation_of={original.pk}&amp;language=ar"
    assert f'<a href="{link}">Translate into Arabic</a>' in page
    assert f"{ADD_URL}?translation_of={original.pk}&amp;language=fa" in page

    form_page = editor_client.get(f"{ADD_URL}?translation_of={original.pk}&language=ar")
    form = form_page.context["adminform"].form
    assert form.initial["translation_of"] == str(original.pk)
    assert form.initial["language"] == "ar"
    assert form.initial["section"] == original.section_id
    assert form.initial["hero_image"] == picture.pk
    assert not form.initial.get("title")  # the words are the translator's own
    topics = form_page.context["inline_admin_formsets"][0].formset
    assert [row.initial for row in topics.forms] == [{"topic": topic.pk}]

    response = editor_client.post(
        ADD_URL,
        article_form(
            title="دخول المساعدات إلى غزة",
            lead="عبرت قوافل المساعدات معبر رفح.",
            language="ar",
            translation_of=original.pk,
            hero_image=picture.pk,
            hero_image_details_1="Aid trucks at Rafah.",
            **{
                "topic_links-TOTAL_FORMS": "1",
                "topic_links-0-topic": topic.pk,
            },
        ),
    )
    assert response.status_code == 302, response.context["adminform"].form.errors
    translation = Article.objects.get(language="ar")
    assert translation.translation_of == original
    assert list(translation.topics.all()) == [topic]
    assert translation.get_absolute_url().startswith("/ar/news/")

    # Each version's page names the other for readers and search engines.
    english_page = client.get(original.get_absolute_url()).content.decode()
    assert f'hreflang="ar" href="http://testserver{translation.get_absolute_url()}"' in english_page
    # And the original's admin page now links the Arabic version instead of offering to write it.
    page = editor_client.get(change_url(original)).content.decode()
    assert f"{ADD_URL}?translation_of={original.pk}&amp;language=ar" not in page
    assert f'href="{change_url(translation)}" lang="ar" dir="auto">دخول المساعدات إلى غزة</a>' in page


@pytest.mark.parametrize("bad", ["abc", "-1", "99999999999999", "0", "1e3", "<script>", "٣"])
def test_a_bad_translation_of_in_the_address_is_an_ordinary_add_form(editor_client: Client, bad: str) -> None:
    response = editor_client.get(ADD_URL, {"translation_of": bad})
    assert response.status_code == 200
    assert response.context["inline_admin_formsets"][0].formset.forms == []


def test_a_translation_must_come_from_another_edition_and_be_the_only_one_there(
    editor_client: Client,
) -> None:
    original = ArticleFactory(title="Talks resume", language="en")
    same_edition = editor_client.post(
        ADD_URL, article_form(title="Talks resume again", translation_of=original.pk)
    )
    assert "same edition" in str(same_edition.context["adminform"].form.errors["translation_of"])

    first = ArticleFactory(title="استئناف المحادثات", language="ar", translation_of=original)
    second = editor_client.post(
        ADD_URL, article_form(title="المحادثات تستأنف", language="ar", translation_of=original.pk)
    )
    assert "already has a version of this story: “استئناف المحادثات”" in str(
        second.context["adminform"].form.errors["translation_of"]
    )
    assert Article.objects.filter(language="ar").get() == first

    # A translation of the Arabic version is one of the story itself.
    persian = editor_client.post(
        ADD_URL, article_form(title="از سرگیری مذاکرات", language="fa", translation_of=first.pk)
    )
    assert persian.status_code == 302, persian.context["adminform"].form.errors
    assert Article.objects.get(language="fa").translation_of == original


def test_an_original_with_translations_is_not_made_a_translation(editor_client: Client) -> None:
    original = ArticleFactory(title="Talks resume", language="en")
    ArticleFactory(language="ar", translation_of=original)
    persian = ArticleFactory(language="fa")
    data = article_form(
        title=original.title, slug=original.slug, section=original.section_id, translation_of=persian.pk
    )
    response = editor_client.post(change_url(original), data)
    assert "it is the original" in str(response.context["adminform"].form.errors["translation_of"])
    original.refresh_from_db()
    assert original.translation_of is None


def autocomplete(client: Client, field_name: str, term: str = "") -> list[str]:
    response = client.get(
        "/admin/autocomplete/",
        {"app_label": "articles", "model_name": "article", "field_name": field_name, "term": term},
    )
    assert response.status_code == 200
    return [row["text"].split(" — ")[0] for row in json.loads(response.content)["results"]]


def test_a_desk_picks_the_original_among_every_edition_and_related_content_among_its_own(
    arabic_editor_client: Client,
) -> None:
    ArticleFactory(title="Aid enters Gaza", language="en")
    ArticleFactory(title="Aid policy explained", language="fa")
    ArticleFactory(title="Aid reaches Rafah", language="ar")
    assert sorted(autocomplete(arabic_editor_client, "translation_of", "Aid")) == [
        "Aid enters Gaza",
        "Aid policy explained",
        "Aid reaches Rafah",
    ]
    # The related_links inline's picker: the desk's own edition.
    response = arabic_editor_client.get(
        "/admin/autocomplete/",
        {"app_label": "articles", "model_name": "relatedarticle", "field_name": "related", "term": "Aid"},
    )
    assert [row["text"].split(" — ")[0] for row in json.loads(response.content)["results"]] == [
        "Aid reaches Rafah"
    ]


def test_editors_choice_counts_home_page_places_per_edition(editor_client: Client) -> None:
    for position in range(EDITORS_CHOICE_SLOTS + 1):
        EditorsPickFactory(article=ArticleFactory(language="en"), position=position)
    arabic_pick = EditorsPickFactory(article=ArticleFactory(title="اختيار عربي", language="ar"), position=99)
    picks = {pick.pk: pick.home_slot for pick in EditorsPick.objects.with_home_slot()}
    assert picks[arabic_pick.pk] == 1  # first on the Arabic home page, behind no English pick
    assert sorted(picks.values()) == [1, 1, 2, 3, 4, 5, 6]

    page = editor_client.get("/admin/articles/editorspick/")
    assert page.context["picks_beyond_slots"] == 1


def test_an_editions_desk_sees_and_counts_its_own_editors_choice(arabic_editor_client: Client) -> None:
    for position in range(EDITORS_CHOICE_SLOTS + 1):
        EditorsPickFactory(article=ArticleFactory(language="en"), position=position)
    arabic_pick = EditorsPickFactory(article=ArticleFactory(language="ar"), position=1)
    page = arabic_editor_client.get("/admin/articles/editorspick/")
    assert [pick.pk for pick in page.context["cl"].result_list] == [arabic_pick.pk]
    assert page.context["picks_beyond_slots"] == 0


def test_album_and_film_forms_carry_their_edition(arabic_editor_client: Client) -> None:
    for url in ("/admin/gallery/album/add/", "/admin/gallery/film/add/", "/admin/maps/map/add/"):
        response = arabic_editor_client.get(url)
        assert language_choices(response) == ["ar"], url
    english = AlbumFactory(title="English album", language="en")
    arabic = AlbumFactory(title="ألبوم عربي", language="ar")
    listing = arabic_editor_client.get("/admin/gallery/album/")
    assert list(listing.context["cl"].result_list) == [arabic]
    page = arabic_editor_client.get(f"/admin/gallery/album/{english.pk}/change/")
    assert page.status_code == 200 and not page.context["has_change_permission"]


def test_the_admin_speaks_the_language_its_user_picks(editor_client: Client) -> None:
    index = editor_client.get("/admin/").content.decode()
    menu = parse_html(index)
    assert menu.count(parse_html('<option value="fa" lang="fa">فارسی</option>')) == 1
    response = editor_client.post("/i18n/setlang/", {"language": "fa", "next": "/admin/"})
    assert response.status_code == 302 and response.url == "/admin/"
    persian = editor_client.get("/admin/").content.decode()
    assert '<html lang="fa" dir="rtl"' in persian
    assert '<option value="fa" lang="fa" selected>فارسی</option>' in persian
    with translation.override("fa"):
        header = translation.gettext("%(site)s newsroom") % {"site": "الوقت"}
        body_label = translation.gettext("body")
    assert header in persian and "Alwaght" not in persian.split("<main")[0].split("</title>")[1]
    assert f">{body_label}" in editor_client.get(ADD_URL).content.decode()
    # Readers' pages keep their own edition's language whatever the admin speaks.
    assert '<html lang="en" dir="ltr"' in editor_client.get("/").content.decode()


def test_an_edition_group_alone_opens_no_admin_page(client: Client) -> None:
    client.force_login(UserFactory(username="reader-in-group", groups=["Persian edition"]))
    assert client.get(CHANGELIST_URL).status_code == 403
    assert client.get(change_url(ArticleFactory(language="fa"))).status_code == 403
