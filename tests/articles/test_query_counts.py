"""Every reader page runs a fixed number of SQL queries, whatever it lists."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.core.cache import cache
from django.test import Client
from django.utils import timezone

from articles.models import Article
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
# Counted on a running site: the menu, the sections, the content generation, the lists'
# counts and the Most Viewed rankings are in memory from an earlier request.
# Most Viewed's articles, Editor's Choice, News, In Focus (with images), Analysis, albums
# (with their first photos), films and the latest map: each list with what its cards show in
# one query.
HOME_QUERIES = 8
LISTING_QUERIES = {
    "/news/": 1,  # the twenty rows, with their sections, pictures and authors
    "/news/?page=2": 1,
    "/tags/syria/": 2,  # the tag, the rows
    "author": 2,  # the author (with photo), the rows
}
MISSING_PAGE_QUERIES = 0  # ?page=2 of a one-page section is a 404: its count is known
# After a purge of the list (an article published into it), its count is read again, and the
# next moment a page changes by itself (scheduled articles, albums, films and maps, picks lapsing).
LIST_COUNT_QUERIES = 1
NEXT_CHANGE_QUERIES = 5
# The article (with authors, tags, topics and the ids of its related picks) and the page of
# approved comments with their count; Related Content is remembered from an earlier request.
ARTICLE_QUERIES = 2
# Related Content itself: the picks, then similar articles when the picks fill fewer than five places.
RELATED_CONTENT_QUERIES = {"picks fill it": 1, "picks and similar": 2}


def fill_site(count: int) -> dict[str, object]:
    """`count` articles in News and in Analysis, each picked, tagged and with authors; every
    item shows the same library image (its renditions are made once)."""
    analysis = SectionFactory(name="Analysis", slug="analysis")
    authors = AuthorFactory.create_batch(2)
    picture = library_image("hero.jpg", size=(900, 600))
    first = None
    for index in range(count):
        TopicFactory(featured=True, image=picture)
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


def test_a_list_counts_its_articles_again_when_one_is_published_into_it(
    client: Client, django_assert_num_queries
) -> None:
    fill_site(3)
    client.get("/news/")
    news = Article.objects.filter(section__slug="news").first().section
    ArticleFactory(section=news, title="Just in")  # published now: purges the section's list
    with django_assert_num_queries(LISTING_QUERIES["/news/"] + LIST_COUNT_QUERIES + NEXT_CHANGE_QUERIES):
        response = client.get("/news/")
    assert "Just in" in response.content.decode()


def test_a_deep_page_skips_to_its_rows_through_their_ids(client: Client, django_assert_num_queries) -> None:
    section = SectionFactory(name="Archive", slug="archive")
    Article.objects.bulk_create(
        [
            Article(title=f"Old story {n}", slug=f"old-{n}", section=section, lead="Lead.", status="published",
                    published_at=timezone.now() - timedelta(hours=n))
            for n in range(230)
        ]
    )  # fmt: skip
    client.get("/archive/?page=12")
    with django_assert_num_queries(2):  # the page's ids (past DEFERRED_JOIN_FROM rows), its rows
        response = client.get("/archive/?page=12")
    titles = re.findall(r'class="card__title"><a [^>]+>([^<]+)<', response.content.decode())
    assert titles == [f"Old story {n}" for n in range(220, 230)]  # 230 = 11 pages of 20, then 10


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
    cache.delete(f"related:{article.pk}")  # the first render after a change to what it shows
    related = RELATED_CONTENT_QUERIES["picks fill it" if count >= 5 else "picks and similar"]
    with django_assert_num_queries(ARTICLE_QUERIES + related):
        response = client.get(article.get_absolute_url())
    assert response.content.decode().count('class="related__list"') == 1
