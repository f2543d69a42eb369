"""RSS, Atom and sitemaps, read by real parsers (feedparser, ElementTree)."""

from __future__ import annotations

import html
import re
import xml.etree.ElementTree as ET
from datetime import timedelta

import feedparser
import pytest
from django.test import Client
from django.urls import resolve
from django.utils import timezone

from articles.models import Article, Section
from articles.sitemaps import ArticleSitemap, NewsSitemap
from tests.factories import (
    AlbumFactory,
    ArticleFactory,
    AuthorFactory,
    FilmFactory,
    SectionFactory,
    TopicFactory,
    library_image,
)

pytestmark = pytest.mark.django_db
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
NEWS = "{http://www.google.com/schemas/sitemap-news/0.9}"


def parse_feed(client: Client, url: str):
    response = client.get(url)
    assert response.status_code == 200, url
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.get("bozo_exception")
    return response, feed


@pytest.mark.parametrize("url, kind", [("/feed/", "rss20"), ("/feed/atom/", "atom10")])
def test_site_feed_is_valid_with_what_readers_need(client: Client, url: str, kind: str) -> None:
    author = AuthorFactory(name="Sara Mousavi")
    article = ArticleFactory(
        title="Will Idlib Push Shatter Fledgling Russian-Turkish Alliance?",
        lead="Moscow and Ankara on a collision course.",
        tags=["Russia", "Turkey"],
        authors=[author],
        hero_image=library_image("idlib.jpg", size=(1600, 900)),
    )
    ArticleFactory(title="Unpublished", status=Article.Status.DRAFT)
    _response, feed = parse_feed(client, url)
    assert feed.version == kind
    assert feed.feed.title == "Alwaght"
    entry = feed.entries[0]
    assert [e.title for e in feed.entries] == ["Will Idlib Push Shatter Fledgling Russian-Turkish Alliance?"]
    assert entry.link == f"http://testserver{article.get_absolute_url()}"
    assert entry.summary == "Moscow and Ankara on a collision course."
    assert entry.published_parsed is not None
    assert entry.author == "Sara Mousavi"
    assert {tag.term for tag in entry.tags} >= {"Russia", "Turkey", "News"}
    media = entry.media_content[0]
    assert media["url"].startswith("http://testserver/media/renditions/") and media["url"].endswith(".jpg")
    assert (media["width"], media["height"]) == ("1200", "630")


def test_section_tag_and_topic_feeds_hold_only_their_articles(client: Client) -> None:
    analysis = SectionFactory(name="Analysis", slug="analysis")
    topic = TopicFactory(name="Kurds", slug="kurds")
    in_section = ArticleFactory(title="In analysis", section=analysis)
    tagged = ArticleFactory(title="Tagged Syria", tags=["Syria"])
    filed = ArticleFactory(title="Filed under Kurds")
    filed.topics.set([topic])
    ArticleFactory(title="Elsewhere")
    for url, expected in (
        ("/analysis/feed/", [in_section.title]),
        ("/analysis/feed/atom/", [in_section.title]),
        ("/tags/syria/feed/", [tagged.title]),
        ("/tags/syria/feed/atom/", [tagged.title]),
        ("/focus/kurds/feed/", [filed.title]),
        ("/focus/kurds/feed/atom/", [filed.title]),
    ):
        _, feed = parse_feed(client, url)
        assert [entry.title for entry in feed.entries] == expected, url


def test_unknown_feeds_are_404(client: Client) -> None:
    for url in ("/nowhere/feed/", "/tags/nowhere/feed/", "/focus/nowhere/feed/atom/"):
        assert client.get(url).status_code == 404, url


# The articles' ids and dates, then their items written once and stored (all of them in one
# query); a tag's feed reads the tag first (and its count, known on a running site, tells how
# to read its articles).
FEED_QUERIES = {"/feed/": 2, "/tags/syria/feed/": 3}


@pytest.mark.parametrize("count", [1, 50])
def test_feed_queries_do_not_grow(client: Client, django_assert_num_queries, count: int) -> None:
    picture = library_image("shared.jpg", size=(800, 450))
    for _ in range(count):
        ArticleFactory(tags=["Syria", "Yemen"], authors=[AuthorFactory()], hero_image=picture)
    for url in FEED_QUERIES:
        client.get(url)  # the purge log, in memory on a running site
    for url, expected in FEED_QUERIES.items():
        with django_assert_num_queries(expected):
            assert client.get(url).status_code == 200


def test_each_request_gets_its_own_feed_object(client: Client, settings) -> None:
    """The URLconf holds one feed object for all requests: nothing of a request may stay on it,
    or two readers on a threaded server would see each other's addresses."""
    settings.ALLOWED_HOSTS = ["one.example", "127.0.0.1"]
    ArticleFactory(hero_image=library_image("shared.jpg", size=(800, 450)))
    shared_feed = resolve("/feed/").func
    first = client.get("/feed/", headers={"host": "one.example"})
    assert not hasattr(shared_feed, "request")
    second = client.get("/feed/", headers={"host": "127.0.0.1"})
    assert b"http://one.example/" in first.content and b"one.example" not in second.content


def test_pages_announce_their_feeds(client: Client) -> None:
    topic = TopicFactory(slug="nato")
    article = ArticleFactory(tags=["Syria"])
    for url, feed in (
        ("/", "/feed/"),
        ("/news/", "/news/feed/"),
        ("/tags/syria/", "/tags/syria/feed/"),
        (topic.get_absolute_url(), "/focus/nato/feed/"),
        (article.get_absolute_url(), "/news/feed/"),
    ):
        html = client.get(url).content.decode()
        head = html.split("</head>")[0] + "</head>"
        feeds = [tag for tag in re.findall(r"<link [^>]*>", head) if 'type="application/rss+xml"' in tag]
        assert any(f'href="{feed}"' in tag for tag in feeds), url


def sitemap_locations(client: Client, url: str) -> tuple[ET.Element, list[str]]:
    response = client.get(url)
    assert response.status_code == 200, url
    root = ET.fromstring(response.content)
    return root, [loc.text for loc in root.iter(f"{SITEMAP}loc")]


def test_sitemap_index_lists_every_kind_with_lastmod(client: Client) -> None:
    ArticleFactory()
    AlbumFactory()
    FilmFactory()
    TopicFactory()
    root, locations = sitemap_locations(client, "/sitemap.xml")
    assert root.tag == f"{SITEMAP}sitemapindex"
    paths = {location.replace("http://testserver", "") for location in locations}
    assert paths == {
        f"/sitemaps/{kind}.xml"
        for kind in ("news", "articles", "sections", "tags", "topics", "albums", "films", "maps", "pages")
    }
    assert root.find(f"{SITEMAP}sitemap/{SITEMAP}lastmod") is not None


def test_article_sitemap_lists_published_articles_with_lastmod(client: Client) -> None:
    published = ArticleFactory()
    draft = ArticleFactory(status=Article.Status.DRAFT)
    root, locations = sitemap_locations(client, "/sitemaps/articles.xml")
    assert f"http://testserver{published.get_absolute_url()}" in locations
    assert all(
        str(draft.pk) not in location.split("/")[4] for location in locations if location.count("/") > 4
    )
    assert root.find(f"{SITEMAP}url/{SITEMAP}lastmod") is not None


def test_article_sitemap_splits_into_pages(client: Client, monkeypatch) -> None:
    monkeypatch.setattr(ArticleSitemap, "limit", 2)
    ArticleFactory.create_batch(5)
    _, locations = sitemap_locations(client, "/sitemap.xml")
    article_pages = [location for location in locations if "articles.xml" in location]
    assert len(article_pages) == 3 and article_pages[-1].endswith("?p=3")
    _, page_three = sitemap_locations(client, "/sitemaps/articles.xml?p=3")
    assert len(page_three) == 1
    assert client.get("/sitemaps/articles.xml?p=9").status_code == 404


def test_news_sitemap_has_the_last_48_hours_with_publication_details(client: Client) -> None:
    fresh = ArticleFactory(title="Fresh & new <story>")
    ArticleFactory(title="Three days old", published_at=timezone.now() - timedelta(days=3))
    root, locations = sitemap_locations(client, "/sitemaps/news.xml")
    assert locations == [f"http://testserver{fresh.get_absolute_url()}"]
    news = root.find(f"{SITEMAP}url/{NEWS}news")
    assert news.find(f"{NEWS}title").text == "Fresh & new <story>"
    assert news.find(f"{NEWS}publication/{NEWS}name").text == "Alwaght"
    assert news.find(f"{NEWS}publication/{NEWS}language").text == "en"
    assert news.find(f"{NEWS}publication_date").text.startswith(str(fresh.published_at.year))


def test_the_news_sitemap_learns_its_date_from_one_aggregate(django_assert_num_queries) -> None:
    ArticleFactory.create_batch(3)
    with django_assert_num_queries(1) as captured:
        latest = NewsSitemap().get_latest_lastmod()
    assert latest == Article.objects.latest("modified_at").modified_at
    assert "MAX(" in captured.captured_queries[0]["sql"]
    Article.objects.all().delete()
    assert NewsSitemap().get_latest_lastmod() is None


def test_other_sitemaps_list_their_items(client: Client) -> None:
    album, film, topic = AlbumFactory(), FilmFactory(), TopicFactory()
    ArticleFactory(tags=["Syria"])
    assert (
        f"http://testserver{album.get_absolute_url()}" in sitemap_locations(client, "/sitemaps/albums.xml")[1]
    )
    assert (
        f"http://testserver{film.get_absolute_url()}" in sitemap_locations(client, "/sitemaps/films.xml")[1]
    )
    assert (
        f"http://testserver{topic.get_absolute_url()}" in sitemap_locations(client, "/sitemaps/topics.xml")[1]
    )
    assert "http://testserver/tags/syria/" in sitemap_locations(client, "/sitemaps/tags.xml")[1]
    assert "http://testserver/news/" in sitemap_locations(client, "/sitemaps/sections.xml")[1]
    assert client.get("/sitemaps/nonsense.xml").status_code == 404


def test_robots_txt_names_the_sitemap(client: Client) -> None:
    assert "Sitemap: http://testserver/sitemap.xml" in client.get("/robots.txt").content.decode()


ATOM = "{http://www.w3.org/2005/Atom}"


def test_the_plain_text_lead_reaches_feed_readers_as_text_not_markup(client: Client) -> None:
    """A lead is plain text: a feed reader that renders HTML must show its angle brackets, not
    obey them."""
    lead = 'Tom & Jerry <b onmouseover="x()">bold</b> <script>alert(1)</script>'
    ArticleFactory(lead=lead)
    Section.objects.filter(slug="news").update(description="<i>All</i> the news")
    rss = ET.fromstring(client.get("/feed/").content)
    # RSS descriptions are HTML: the text is escaped once more, so HTML shows it as written.
    assert rss.find("channel/item/description").text == html.escape(lead)
    section_rss = ET.fromstring(client.get("/news/feed/").content)
    assert section_rss.find("channel/description").text == html.escape("<i>All</i> the news")
    atom = ET.fromstring(client.get("/feed/atom/").content)
    summary = atom.find(f"{ATOM}entry/{ATOM}summary")
    assert (summary.get("type"), summary.text) == ("text", lead)
    _, feed = parse_feed(client, "/feed/atom/")
    assert feed.entries[0].summary_detail.type == "text/plain"


@pytest.mark.parametrize("url", ["/feed/", "/feed/atom/"])
def test_stored_items_follow_every_change_of_what_they_show(client: Client, url: str) -> None:
    """Each article's item is written once and kept: the feed read from the store is the
    feed written afresh, and a change to the article, its authors or its tags reaches it."""
    author = AuthorFactory(name="Sara Mousavi")
    article = ArticleFactory(title="Talks resume in Doha", tags=["Qatar"], authors=[author])
    ArticleFactory(title="An older story", published_at=timezone.now() - timedelta(days=1))
    first = client.get(url).content
    assert client.get(url).content == first  # from the store, the same bytes
    article.title = "Talks resume in Doha, then stall"
    article.save()
    author.name = "Sara Mousavi-Rad"
    author.save()
    article.tags.add("Iran")
    _response, feed = parse_feed(client, url)
    assert [entry.title for entry in feed.entries] == ["Talks resume in Doha, then stall", "An older story"]
    assert feed.entries[0].author == "Sara Mousavi-Rad"
    assert {tag.term for tag in feed.entries[0].tags} >= {"Qatar", "Iran"}


def test_a_feeds_items_name_the_address_it_was_asked_at(client: Client, settings) -> None:
    settings.ALLOWED_HOSTS = ["one.example", "two.example"]
    article = ArticleFactory(title="Talks resume in Doha")
    for host in ("one.example", "two.example"):
        feed = feedparser.parse(client.get("/feed/", headers={"host": host}).content)
        assert feed.entries[0].link == f"http://{host}{article.get_absolute_url()}"
