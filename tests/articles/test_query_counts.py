"""Every reader page runs a fixed number of SQL queries, whatever it lists."""

from __future__ import annotations

import pytest
from django.test import Client
from django.utils import timezone

from articles.view_counting import record_view
from tests.factories import (
    AlbumFactory,
    ArticleFactory,
    AuthorFactory,
    EditorsPickFactory,
    FilmFactory,
    PhotoFactory,
    RelatedArticleFactory,
    SectionFactory,
    TopicFactory,
    library_image,
)

pytestmark = pytest.mark.django_db

# What each page runs, exactly, for 1 item and for 50 alike: a change that makes a page's
# queries grow with its items fails here, and so does one that adds a query unnoticed.
# Counted on a running site: the menu, the content generation and the Most Viewed
# rankings are in memory from an earlier request.
# Most Viewed's articles, Editor's Choice and its authors, News, In Focus (with images), Analysis
# and its authors, albums and their first photos, films, the latest map.
HOME_QUERIES = 11
LISTING_QUERIES = {
    "/news/": 5,  # section, count, the page's ids, its twenty rows, their authors
    "/news/?page=2": 5,
    "/tags/syria/": 5,  # tag, count, ids, rows, authors
    "author": 5,  # author (with photo), count, ids, rows, authors
}
MISSING_PAGE_QUERIES = 2  # section and count: ?page=2 of a one-page section is a 404
ARTICLE_QUERIES = 7  # article, authors, tags, topics, related picks, similar, approved comments


def fill_site(count: int) -> dict[str, object]:
    """`count` articles in News and in Analysis, each picked, tagged and with authors; every
    item shows the same library image (its renditions are made once)."""
    analysis = SectionFactory(name="Analysis", slug="analysis")
    authors = AuthorFactory.create_batch(2)
    picture = library_image("hero.jpg", size=(900, 600))
    first = None
    for index in range(count):
        TopicFactory(featured=True, featured_position=index, image=picture)
        article = ArticleFactory(tags=["Syria", f"tag-{index}"], authors=authors, hero_image=picture)
        first = first or article
        ArticleFactory(section=analysis, tags=["Syria"], authors=authors, hero_image=picture)
        EditorsPickFactory(article=article)
        record_view(article.pk)
        PhotoFactory(album=AlbumFactory(), image=picture)
        FilmFactory(poster=picture)
    return {"article": first, "author": authors[0]}


@pytest.mark.parametrize("count", [1, 50])
def test_home_page_queries_do_not_grow(client: Client, django_assert_num_queries, count: int) -> None:
    fill_site(count)
    client.get("/")  # computes and caches the rankings, at most once a minute on a real site
    with django_assert_num_queries(HOME_QUERIES):
        response = client.get("/")
    assert response.status_code == 200
    assert len(response.context["most_viewed"]["day"]) == min(count, 5)


@pytest.mark.parametrize("count", [1, 50])
@pytest.mark.parametrize("url", ["/news/", "/news/?page=2", "/tags/syria/", "author"])
def test_listing_queries_do_not_grow(client: Client, django_assert_num_queries, count: int, url: str) -> None:
    site = fill_site(count)
    key = url
    if url == "author":
        url = site["author"].get_absolute_url()
    expected_status = 404 if url.endswith("page=2") and count == 1 else 200
    client.get(url)  # a running site has its menu and content generation in memory
    expected = LISTING_QUERIES[key] if expected_status == 200 else MISSING_PAGE_QUERIES
    with django_assert_num_queries(expected):
        assert client.get(url).status_code == expected_status


@pytest.mark.parametrize("count", [1, 50])
def test_article_page_queries_do_not_grow(client: Client, django_assert_num_queries, count: int) -> None:
    authors = AuthorFactory.create_batch(count)
    article = ArticleFactory(tags=[f"tag-{index}" for index in range(count)], authors=authors)
    article.topics.set(TopicFactory.create_batch(count))
    for index in range(count):
        RelatedArticleFactory(article=article, related=ArticleFactory(tags=["tag-0"]), position=index)
    article.published_at = timezone.now()
    article.save()
    client.get(article.get_absolute_url())
    with django_assert_num_queries(ARTICLE_QUERIES):
        assert client.get(article.get_absolute_url()).status_code == 200
