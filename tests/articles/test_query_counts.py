"""Every reader page runs a fixed number of SQL queries, whatever it lists."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from articles.models import Article
from articles.view_counting import record_view
from common.models import Fragment
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
# The breaking-news bar, Most Viewed's articles, the headlines of Editor's Choice, the ids of
# the Latest strip's and every menu section's newest articles (one query), the ids of the newest
# albums and films (one query), the stored cards of all these (one query), In Focus (with
# images), the latest map.
HOME_QUERIES = 8
LISTING_QUERIES = {
    "/news/": 2,  # the page's twenty headlines, their stored cards
    "/news/?page=2": 2,
    "/tags/syria/": 3,  # the tag, the headlines, the cards
    "author": 3,  # the author (with photo), the headlines, the cards
}
# Cards not stored yet (new, or changed since): the newest purge (what the render reflects),
# their articles with sections, pictures and authors in one query, the new cards stored in one
# statement.
NEW_CARDS_QUERIES = 3
MISSING_PAGE_QUERIES = 0  # ?page=2 of a one-page section is a 404: its count is known
# After a purge of the list (an article published into it), its count is read again, and the
# next moment a page changes by itself (scheduled articles, albums, films and maps, picks lapsing,
# breaking-news bars coming or going).
LIST_COUNT_QUERIES = 1
NEXT_CHANGE_QUERIES = 6
# The article's address, title and lead, its stored story (with its head and Related
# Content), and its stored comments section.
ARTICLE_QUERIES = 3
# A story not stored yet (new, or changed since): the newest purge, the article with its
# authors, tags, topics and related picks' ids, Related Content (the picks, then similar
# articles when the picks fill fewer than five places), the newest of its section with their
# cards' fields (More from the section), then the pieces stored.
STORY_QUERIES = {"picks fill it": 5, "picks and similar": 6}
# The comments section not stored yet: the newest purge, the approved comments with their count,
# the section stored. Stored, it is the page's third query (instead of the comments' own).
COMMENTS_FIRST_RENDER = 3


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
    expected = LISTING_QUERIES["/news/"] + LIST_COUNT_QUERIES + NEXT_CHANGE_QUERIES + NEW_CARDS_QUERIES
    with django_assert_num_queries(expected):
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
    with django_assert_num_queries(
        3
    ):  # the page's ids (past DEFERRED_JOIN_FROM rows), its headlines, its cards
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
    Fragment.objects.all().delete()  # the first render after a change to what it shows
    story = STORY_QUERIES["picks fill it" if count >= 5 else "picks and similar"]
    with django_assert_num_queries(ARTICLE_QUERIES + story + COMMENTS_FIRST_RENDER):
        response = client.get(article.get_absolute_url())
    assert response.content.decode().count('class="related__list"') == 1
