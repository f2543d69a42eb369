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
    uploaded_image,
)

pytestmark = pytest.mark.django_db

# The most each page may run, for 1 item and for 50 alike. A change that makes a
# page's queries grow with its items fails here.
HOME_QUERIES = 11  # with the Most Viewed rankings warm in the cache, as on a running site
LISTING_QUERIES = 6  # the page's ids, then its twenty rows (deep pages stay fast)
ARTICLE_QUERIES = 9  # includes the approved comments


_shared_image: dict[str, str] = {}


def first_image_name(index: int):
    """One uploaded image, reused by name: renditions are made once for all items."""
    if "name" not in _shared_image or index == 0:
        photo = PhotoFactory(album=AlbumFactory(status="draft"))
        _shared_image["name"] = photo.image.name
    return _shared_image["name"]


def fill_site(count: int) -> dict[str, object]:
    """`count` articles in News and in Analysis, each picked, tagged and with authors."""
    analysis = SectionFactory(name="Analysis", slug="analysis")
    authors = AuthorFactory.create_batch(2)
    hero = uploaded_image("hero.jpg", size=(900, 600))
    news = []
    for index in range(count):
        TopicFactory(featured=True, featured_position=index, image=hero if index == 0 else "")
        article = ArticleFactory(tags=["Syria", f"tag-{index}"], authors=authors)
        news.append(article)
        ArticleFactory(section=analysis, tags=["Syria"], authors=authors)
        EditorsPickFactory(article=article)
        record_view(article.pk)
        album = AlbumFactory()
        PhotoFactory(album=album, image=first_image_name(index))
        FilmFactory(poster=first_image_name(index))
    # Every article shares the hero image file: renditions are made once.
    first = news[0]
    first.hero_image = hero
    first.save()
    for article in news[1:]:
        article.hero_image = first.hero_image.name
        article.hero_image_width, article.hero_image_height = first.hero_image_width, first.hero_image_height
        article.save()
    return {"article": first, "author": authors[0]}


@pytest.mark.parametrize("count", [1, 50])
def test_home_page_queries_do_not_grow(client: Client, django_assert_max_num_queries, count: int) -> None:
    fill_site(count)
    client.get("/")  # computes and caches the rankings, at most once a minute on a real site
    with django_assert_max_num_queries(HOME_QUERIES):
        response = client.get("/")
    assert response.status_code == 200
    assert len(response.context["most_viewed"]["day"]) == min(count, 5)


@pytest.mark.parametrize("count", [1, 50])
@pytest.mark.parametrize("url", ["/news/", "/news/?page=2", "/tags/syria/", "author"])
def test_listing_queries_do_not_grow(
    client: Client, django_assert_max_num_queries, count: int, url: str
) -> None:
    site = fill_site(count)
    if url == "author":
        url = site["author"].get_absolute_url()
    expected_status = 404 if url.endswith("page=2") and count == 1 else 200
    client.get(url)  # a running site has its menu and content generation in memory
    with django_assert_max_num_queries(LISTING_QUERIES):
        assert client.get(url).status_code == expected_status


@pytest.mark.parametrize("count", [1, 50])
def test_article_page_queries_do_not_grow(client: Client, django_assert_max_num_queries, count: int) -> None:
    authors = AuthorFactory.create_batch(count)
    article = ArticleFactory(tags=[f"tag-{index}" for index in range(count)], authors=authors)
    article.topics.set(TopicFactory.create_batch(count))
    for index in range(count):
        RelatedArticleFactory(article=article, related=ArticleFactory(tags=["tag-0"]), position=index)
    article.published_at = timezone.now()
    article.save()
    client.get(article.get_absolute_url())
    with django_assert_max_num_queries(ARTICLE_QUERIES):
        assert client.get(article.get_absolute_url()).status_code == 200
