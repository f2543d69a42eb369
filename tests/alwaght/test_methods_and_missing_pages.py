"""Every reader URL answers only the methods it serves, and a missing page claims no address."""

from __future__ import annotations

import re

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

from alwaght.models import SitePage
from tests.factories import AlbumFactory, ArticleFactory, AuthorFactory, FilmFactory, TopicFactory
from tests.maps.factories import MapFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def site() -> dict[str, str]:
    """One real address for every named URL pattern of the site (admin aside)."""
    topic = TopicFactory(slug="kurds")
    author = AuthorFactory(slug="sara")
    article = ArticleFactory(tags=["Syria"], authors=[author])
    article.topics.add(topic)
    album, film = AlbumFactory(), FilmFactory()
    edition = MapFactory()
    SitePage.objects.create(language="en", slug="about", title="About us", published=True)
    return {
        "home": "/",
        "robots_txt": "/robots.txt",
        "healthz": "/healthz",
        "search": "/search/?q=syria",
        "sitemap-index": "/sitemap.xml",
        "sitemap-news": "/sitemaps/news.xml",
        "sitemap-section": "/sitemaps/articles.xml",
        "focus:index": "/focus/",
        "focus:topic": "/focus/kurds/",
        "gallery:index": "/gallery/",
        "gallery:album": album.get_absolute_url(),
        "gallery:album_short": f"/gallery/photos/{album.pk}/",
        "gallery:film": film.get_absolute_url(),
        "gallery:film_short": f"/gallery/films/{film.pk}/",
        "articles:feed": "/feed/",
        "articles:feed_atom": "/feed/atom/",
        "articles:tag": "/tags/syria/",
        "articles:tag_feed": "/tags/syria/feed/",
        "articles:tag_feed_atom": "/tags/syria/feed/atom/",
        "articles:topic_feed": "/focus/kurds/feed/",
        "articles:topic_feed_atom": "/focus/kurds/feed/atom/",
        "articles:author": "/authors/sara/",
        "articles:most_viewed": "/most-viewed/",
        "articles:section": "/news/",
        "articles:section_feed": "/news/feed/",
        "articles:section_feed_atom": "/news/feed/atom/",
        "articles:article": article.get_absolute_url(),
        "articles:article_short": f"/news/{article.pk}/",
        "corrections": "/corrections/",
        "site_page": "/about/",
        "maps:index": "/maps/",
        "maps:map": edition.get_absolute_url(),
        "maps:map_short": f"/maps/{edition.pk}/",
        "maps:data": edition.get_data_url(),
        "maps:feed": "/maps/feed/",
        "maps:feed_atom": "/maps/feed/atom/",
        "media": "/media/nothing-here.jpg",
        "favicon": "/favicon.ico",
    }


# Views that take POST (each has its own tests); everything else is read with GET and HEAD only.
POST_VIEWS = {"articles:count_view", "comments:start", "comments:post", "set_language"}
GET_ONLY_ELSEWHERE = {"comments:sent"}
# Staff pages outside /admin/ (their own tests: login required, never cached).
STAFF_ONLY = {"newsroom-autocomplete"}


def named_patterns(resolver: URLResolver | None = None, prefix: str = "") -> set[str]:
    names = set()
    for pattern in (resolver or get_resolver()).url_patterns:
        if isinstance(pattern, URLResolver):
            if pattern.app_name == "admin":
                continue
            namespace = f"{prefix}{pattern.namespace}:" if pattern.namespace else prefix
            names |= named_patterns(pattern, namespace)
        elif isinstance(pattern, URLPattern):
            names.add(f"{prefix}{pattern.name}" if pattern.name else pattern.pattern.describe())
    return names


def test_every_reader_url_is_checked(site: dict[str, str]) -> None:
    unnamed = {name for name in named_patterns() if not re.match(r"^[\w:-]+$", name)}
    named = named_patterns() - unnamed
    assert named - set(site) - POST_VIEWS - GET_ONLY_ELSEWHERE - STAFF_ONLY == set()
    assert len(unnamed) == 2  # /media/ and /favicon.ico, checked under names of their own


@pytest.mark.parametrize("method", ["trace", "options", "put", "patch", "delete"])
def test_reader_urls_refuse_other_methods(client: Client, site: dict[str, str], method: str) -> None:
    for name, url in site.items():
        response = client.generic(method.upper(), url)
        assert response.status_code == 405, f"{method.upper()} {url} ({name}): {response.status_code}"
        assert set(response["Allow"].replace(" ", "").split(",")) <= {"GET", "HEAD"}, url


def test_reader_urls_answer_get_and_head(client: Client, site: dict[str, str]) -> None:
    for name, url in site.items():
        expected = {404} if name == "media" else {200, 301, 302}
        assert client.get(url).status_code in expected, url
        assert client.head(url).status_code in expected, url


def test_a_missing_page_claims_no_address(client: Client) -> None:
    response = client.get("/news/999999/no-such-story/")
    assert response.status_code == 404
    html = response.content.decode()
    assert 'rel="canonical"' not in html
    assert 'property="og:url"' not in html
    assert '<meta name="robots" content="noindex">' in html
