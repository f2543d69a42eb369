"""In Focus topics are drafts until an editor publishes them; a draft shows nowhere on the site."""

from __future__ import annotations

import importlib
import xml.etree.ElementTree as ET

import pytest
from django.apps import apps as django_apps
from django.contrib.messages import get_messages
from django.test import Client

from common.models import Purge
from focus.models import Topic
from tests.factories import AlbumFactory, ArticleFactory, TopicFactory

pytestmark = pytest.mark.django_db

DRAFT, PUBLISHED = Topic.Status.DRAFT, Topic.Status.PUBLISHED


def topic_form(**overrides: object) -> dict[str, object]:
    data: dict[str, object] = {
        "name": "Sudan war",
        "slug": "sudan-war",
        "parent": "",
        "description": "The war between the army and the RSF.",
        "introduction": "",
        "image": "",
        "image_details_1": "",
        "image_details_2": "",
        "image_details_3": "",
        "status": "draft",  # what the form offers first
        "featured": "on",
    }
    data.update(overrides)
    return data


def public_places(topic: Topic) -> dict[str, bool]:
    """Where readers could meet the topic: True where they do."""
    client = Client()  # a reader's, whoever else is logged in
    link = f'href="{topic.get_absolute_url()}"'
    article = ArticleFactory(title=f"About {topic.slug}")
    article.topics.add(topic)
    sitemap = client.get("/sitemaps/topics.xml").content.decode()
    return {
        "page": client.get(topic.get_absolute_url()).status_code == 200,
        "feed": client.get(f"{topic.get_absolute_url()}feed/").status_code == 200,
        "index": link in client.get("/focus/").content.decode(),
        "home": link in client.get("/").content.decode(),
        "search": link in client.get("/search/", {"q": topic.name}).content.decode(),
        "article": link in client.get(article.get_absolute_url()).content.decode(),
        "sitemap": topic.get_absolute_url() in sitemap,
    }


def test_a_new_topic_is_a_draft_that_readers_cannot_find(editor_client: Client) -> None:
    response = editor_client.post("/admin/focus/topic/add/", topic_form())
    assert response.status_code == 302, response.content.decode()[:1000]
    topic = Topic.objects.get(slug="sudan-war")
    assert topic.status == DRAFT
    assert not any(public_places(topic).values())


def test_publishing_a_topic_shows_it_everywhere(editor_client: Client) -> None:
    editor_client.post("/admin/focus/topic/add/", topic_form(status=PUBLISHED))
    topic = Topic.objects.get(slug="sudan-war")
    assert all(public_places(topic).values())


def test_a_published_subtopic_of_a_draft_topic_stays_hidden() -> None:
    parent = TopicFactory(name="Horn of Africa", slug="horn", status=DRAFT, featured=True)
    child = TopicFactory(name="Sudan", slug="sudan", parent=parent, featured=True)
    assert not any(public_places(child).values())
    parent.status = PUBLISHED
    parent.save()
    assert all(public_places(Topic.objects.get(pk=child.pk)).values())


def test_a_draft_topic_is_not_listed_on_a_published_albums_page(client: Client) -> None:
    album = AlbumFactory()
    album.topics.set([TopicFactory(name="Secret plan", slug="secret-plan", status=DRAFT)])
    assert "/focus/secret-plan/" not in client.get(album.get_absolute_url()).content.decode()


def test_editors_preview_a_draft_topic(editor_client: Client) -> None:
    TopicFactory(name="Sudan war", slug="sudan-war", status=DRAFT)
    response = editor_client.get("/focus/sudan-war/")
    assert response.status_code == 200
    assert "Preview: this topic is a draft" in response.content.decode()
    assert response["Cache-Control"] == "private, no-store"


def test_bulk_publish_and_unpublish_topics(editor_client: Client) -> None:
    reader = Client()
    drafts = [TopicFactory(status=DRAFT) for _ in range(3)]
    ids = [str(topic.pk) for topic in drafts]
    response = editor_client.post(
        "/admin/focus/topic/", {"action": "publish", "_selected_action": ids}, follow=True
    )
    assert "3 topics were published." in [str(message) for message in get_messages(response.wsgi_request)]
    assert reader.get(drafts[0].get_absolute_url()).status_code == 200
    response = editor_client.post(
        "/admin/focus/topic/", {"action": "unpublish", "_selected_action": ids[:1]}, follow=True
    )
    assert "1 topic was unpublished." in [str(message) for message in get_messages(response.wsgi_request)]
    assert reader.get(drafts[0].get_absolute_url()).status_code == 404


def test_publishing_a_topic_refreshes_the_pages_of_what_is_filed_under_it() -> None:
    topic = TopicFactory(status=DRAFT)
    article = ArticleFactory()
    article.topics.add(topic)
    Purge.objects.all().delete()
    topic.status = PUBLISHED
    topic.save()
    assert f"article:{article.pk}" in {key for purge in Purge.objects.all() for key in purge.keys}


def test_topics_made_before_drafts_existed_stay_public() -> None:
    migration = importlib.import_module("focus.migrations.0005_topic_status")
    TopicFactory.create_batch(2, status=DRAFT)
    migration.publish_existing_topics(django_apps, None)
    assert set(Topic.objects.values_list("status", flat=True)) == {PUBLISHED}


def test_the_topic_sitemap_lists_only_public_topics(client: Client) -> None:
    TopicFactory(slug="public-one")
    TopicFactory(slug="draft-one", status=DRAFT)
    root = ET.fromstring(client.get("/sitemaps/topics.xml").content)
    assert [loc.text for loc in root.iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")] == [
        "http://testserver/focus/public-one/",  # in every edition, each naming the others
        "http://testserver/ar/focus/public-one/",
        "http://testserver/fa/focus/public-one/",
    ]
