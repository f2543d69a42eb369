"""Tags and authors have public pages only once something of theirs is published."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from datetime import timedelta

import pytest
import time_machine
from django.test import Client
from django.utils import timezone

from articles.models import Article
from tests.factories import AlbumFactory, ArticleFactory, AuthorFactory

pytestmark = pytest.mark.django_db

SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


def tag_urls(slug: str) -> list[str]:
    return [f"/tags/{slug}/", f"/tags/{slug}/feed/", f"/tags/{slug}/feed/atom/"]


def sitemap_paths(client: Client, url: str) -> set[str]:
    root = ET.fromstring(client.get(url).content)
    return {loc.text.removeprefix("http://testserver") for loc in root.iter(f"{SITEMAP}loc")}


def test_tags_of_drafts_and_scheduled_articles_are_not_public(client: Client) -> None:
    ArticleFactory(tags=["Syria"])
    ArticleFactory(tags=["Embargoed talks"], status=Article.Status.DRAFT, published_at=None)
    ArticleFactory(tags=["Secret summit"], published_at=timezone.now() + timedelta(hours=2))
    for slug in ("embargoed-talks", "secret-summit"):
        for url in tag_urls(slug):
            assert client.get(url).status_code == 404, url
    assert sitemap_paths(client, "/sitemaps/tags.xml") == {"/tags/syria/"}
    for url in tag_urls("syria"):
        assert client.get(url).status_code == 200, url


def test_a_scheduled_articles_tag_appears_with_it(client: Client) -> None:
    with time_machine.travel(timezone.now(), tick=False) as clock:
        ArticleFactory(tags=["Secret summit"], published_at=timezone.now() + timedelta(hours=2))
        assert client.get("/tags/secret-summit/").status_code == 404
        clock.shift(timedelta(hours=3))
        assert client.get("/tags/secret-summit/").status_code == 200
        assert "/tags/secret-summit/" in sitemap_paths(client, "/sitemaps/tags.xml")


def test_a_tag_of_a_published_album_keeps_the_page_its_link_leads_to(client: Client) -> None:
    album = AlbumFactory()
    album.tags.set(["Aleppo"])
    assert 'href="/tags/aleppo/"' in client.get(album.get_absolute_url()).content.decode()
    assert client.get("/tags/aleppo/").status_code == 200


def test_an_author_with_only_drafts_or_scheduled_articles_has_no_page(client: Client) -> None:
    drafting = AuthorFactory(name="New Hire", slug="new-hire")
    ArticleFactory(status=Article.Status.DRAFT, published_at=None, authors=[drafting])
    waiting = AuthorFactory(name="Embargoed", slug="embargoed")
    ArticleFactory(published_at=timezone.now() + timedelta(hours=1), authors=[waiting])
    nobody = AuthorFactory(name="Nobody yet", slug="nobody-yet")
    published = AuthorFactory(name="Sara Mousavi", slug="sara-mousavi")
    ArticleFactory(authors=[published])
    for author in (drafting, waiting, nobody):
        assert client.get(author.get_absolute_url()).status_code == 404, author.slug
    assert client.get(published.get_absolute_url()).status_code == 200
