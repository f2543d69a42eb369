"""Control characters (U+000B from a pasted Word title, NUL, ESC…) never reach a page, feed or sitemap.

They are removed where text comes in, by every text field that reaches readers; rows stored
before that are made safe where XML goes out.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET

import feedparser
import pytest
from django.apps import apps
from django.db import connection, models
from django.test import Client
from taggit.models import Tag

from articles.models import Article, Author, Section
from comments.models import Comment
from common.plain_text import LineField, LinesField
from focus.models import Topic
from tests.articles.test_admin import ADD_URL, article_form
from tests.comments.test_comments import send
from tests.factories import (
    AlbumFactory,
    ArticleFactory,
    AuthorFactory,
    TopicFactory,
    library_image,
    uploaded_image,
)

pytestmark = pytest.mark.django_db

FEEDS = [
    "/feed/",
    "/feed/atom/",
    "/news/feed/",
    "/news/feed/atom/",
    "/tags/syria/feed/",
    "/focus/kurds/feed/atom/",
]


def assert_feeds_and_sitemaps_are_valid(client: Client) -> None:
    for url in FEEDS:
        response = client.get(url)
        assert response.status_code == 200, url
        feed = feedparser.parse(response.content)
        assert not feed.bozo, (url, feed.get("bozo_exception"))
        assert feed.entries, url
    for url in ("/sitemaps/news.xml", "/sitemaps/articles.xml", "/sitemaps/tags.xml", "/sitemap.xml"):
        response = client.get(url)
        assert response.status_code == 200, url
        ET.fromstring(response.content)  # raises on invalid XML


def test_an_editor_pasting_control_characters_gets_clean_text(editor_client: Client, client: Client) -> None:
    form = article_form(
        title="Breaking\vnews\x08 from Daraa\x1b",
        lead="Aid convoys\x0b entered.\r\nThe city\x07 is calm.",
        tags="Syria, Cease\x0bfire",
        hero_image_details_0=uploaded_image("gate.jpg", size=(200, 100)),
        hero_image_details_1="Trucks\x0bat the gate",
        hero_image_details_2="A caption\x08",
        hero_image_details_3="Alwaght\x1f",
    )
    response = editor_client.post(ADD_URL, form)
    assert response.status_code == 302, response.content.decode()[:1000]
    article = Article.objects.select_related("hero_image").get()
    assert article.title == "Breaking news from Daraa"
    assert article.lead == "Aid convoys\n entered.\nThe city is calm."
    assert sorted(article.tags.names()) == ["Cease fire", "Syria"]
    picture = article.hero_image
    assert (picture.description, picture.caption, picture.credit) == (
        "Trucks at the gate",
        "A caption",
        "Alwaght",
    )
    article.topics.add(TopicFactory(slug="kurds"))
    assert_feeds_and_sitemaps_are_valid(client)


def store_raw(model: type[models.Model], **values: str) -> None:
    """Write text as rows stored before the check hold it (SQL: the fields would clean it)."""
    assignments = ", ".join(f"{model._meta.get_field(name).column} = %s" for name in values)
    with connection.cursor() as cursor:
        cursor.execute(f"UPDATE {model._meta.db_table} SET {assignments}", list(values.values()))  # noqa: S608


def test_rows_stored_with_control_characters_do_not_break_feeds_or_sitemaps(client: Client) -> None:
    """Rows written before the check are made XML-safe on the way out."""
    author = AuthorFactory()
    article = ArticleFactory(tags=["Syria"], authors=[author], hero_image=library_image())
    article.topics.add(TopicFactory(slug="kurds"))
    Section.objects.exclude(pk=article.section_id).delete()
    store_raw(Article, title="Breaking\vnews\x1b", lead="Aid\x0b entered\x1b.")
    store_raw(Author, name="Sara\x0b Mousavi")
    store_raw(Section, name="News\x0c", description="All\x0b the news")
    store_raw(Tag, name="Syria\x0b")
    store_raw(Topic, name="Kurds\x0b", description="A people\x0b")
    assert_feeds_and_sitemaps_are_valid(client)
    news = ET.fromstring(client.get("/sitemaps/news.xml").content)
    titles = [element.text for element in news.iter("{http://www.google.com/schemas/sitemap-news/0.9}title")]
    assert titles == ["Breakingnews"]
    entry = feedparser.parse(client.get("/feed/atom/").content).entries[0]
    assert entry.title == "Breakingnews" and entry.author == "Sara Mousavi"


def test_comments_keep_no_control_characters(client: Client) -> None:
    article = ArticleFactory()
    response = send(client, article, name="Lei\x0bla\x7f", text="First line\r\nSecond\x1b line\x0b end")
    assert response.status_code == 303
    comment = Comment.objects.get()
    assert (comment.name, comment.text) == ("Lei la", "First line\nSecond line\n end")


def test_models_saved_in_code_keep_no_control_characters() -> None:
    picture = library_image(description="A\x0bstreet", caption="Cap\x00tion")
    topic = TopicFactory(name="Kur\x0bds", description="One\x0bTwo")
    album = AlbumFactory(title="Album\x1b", description="Text\x07")
    assert (picture.description, picture.caption) == ("A street", "Caption")
    assert (topic.name, topic.description) == ("Kur ds", "One\nTwo")
    assert (album.title, album.description) == ("Album", "Text")


# Text fields that readers never see, or that are checked otherwise, and why.
NOT_PLAIN_TEXT = {
    "articles.article.body": "editor HTML: the sanitiser removes control characters",
    "focus.topic.introduction": "editor HTML: the sanitiser removes control characters",
    "articles.article.body_text": "derived from the sanitised body",
    "articles.article.search_extra": "derived from tags and authors",
    "comments.comment.text_html": "derived from the cleaned text",
    "comments.comment.spam_reason": "written by the site",
    "comments.comment.user_agent": "for moderators only, from a header",
    "comments.usedformtoken.nonce": "written by the site",
    "articles.recentview.reader": "written by the site",
    "common.purge.keys": "written by the site",
    "common.ratecount.scope": "written by the site",
    "common.ratecount.identity": "written by the site",
    "gallery.film.embed_provider": "written by the site",
    "common.image.processing_error": "written by the site, for editors",
    "common.fragment.name": "written by the site",
    "common.editingpresence.object_id": "written by the site",
    "common.autosaveddraft.object_id": "written by the site",
    "common.heldupload.field_name": "written by the site",
    "common.heldupload.original_name": "an upload's own file name, shown only to the editor who chose it",
    "common.heldupload.content_type": "an upload's declared type, never shown",
    "maps.developmentkind.colour": "validated as #rrggbb",
    "maps.party.colour": "validated as #rrggbb",
    "common.fragment.version": "written by the site",
    "common.fragment.html": "rendered by the site's templates from cleaned fields",
    "articles.searchword.language": "written by the site: an edition's code",
    "articles.searchword.key": "written by the site: letters only, from cleaned article text",
    "articles.searchword.word": "written by the site: a word of cleaned article text",
}


def project_text_fields() -> list[tuple[str, models.Field]]:
    """Every concrete text field of the project's models, but those in NOT_PLAIN_TEXT."""
    fields = []
    for app in ("common", "articles", "focus", "comments", "gallery", "maps"):
        for model in apps.get_app_config(app).get_models():
            for field in model._meta.get_fields():
                if not isinstance(field, models.CharField | models.TextField) or not field.concrete:
                    continue
                if isinstance(field, models.SlugField | models.URLField | models.EmailField) or field.choices:
                    continue  # validated to a narrow form already
                if f"{model._meta.label_lower}.{field.name}" in NOT_PLAIN_TEXT:
                    continue
                fields.append((model._meta.label_lower, field))
    return fields


@pytest.mark.parametrize(
    ("label", "field"), project_text_fields(), ids=lambda value: getattr(value, "name", value)
)
def test_every_text_field_readers_may_see_refuses_control_characters(label: str, field: models.Field) -> None:
    assert isinstance(field, LineField | LinesField), f"{label}.{field.name} keeps control characters"


def test_html_from_editors_keeps_no_control_characters() -> None:
    article = ArticleFactory(body="<p>One\x0b two\x00</p>")
    topic = TopicFactory(introduction="<p>Intro\x1b</p>")
    assert article.body == "<p>One\n two</p>" and topic.introduction == "<p>Intro</p>"
