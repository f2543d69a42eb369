"""What search engines and social sites read, checked by parsing the HTML."""

from __future__ import annotations

import json
from html.parser import HTMLParser

import pytest
from django.test import Client

from tests.factories import ArticleFactory, AuthorFactory, SectionFactory, TopicFactory, library_image

pytestmark = pytest.mark.django_db


class HeadReader(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.meta: dict[str, list[str]] = {}
        self.links: list[dict[str, str]] = []
        self.json_ld: list[object] = []
        self.title = ""
        self._in_json_ld = False
        self._in_title = False

    def handle_starttag(self, tag: str, attrs) -> None:
        attributes = dict(attrs)
        if tag == "meta":
            key = attributes.get("property") or attributes.get("name")
            if key:
                self.meta.setdefault(key, []).append(attributes.get("content", ""))
        elif tag == "link":
            self.links.append(attributes)
        elif tag == "script" and attributes.get("type") == "application/ld+json":
            self._in_json_ld = True
        elif tag == "title":
            self._in_title = True

    def handle_endtag(self, tag: str) -> None:
        self._in_json_ld = self._in_json_ld and tag != "script"
        self._in_title = self._in_title and tag != "title"

    def handle_data(self, data: str) -> None:
        if self._in_json_ld:
            parsed = json.loads(data)
            self.json_ld.extend(parsed if isinstance(parsed, list) else [parsed])
        elif self._in_title:
            self.title += data

    def link(self, rel: str) -> str:
        return next(link["href"] for link in self.links if link.get("rel") == rel)

    def one(self, key: str) -> str:
        values = self.meta.get(key, [])
        assert len(values) == 1, (key, values)
        return values[0]

    def structured(self, kind: str) -> dict:
        return next(item for item in self.json_ld if item["@type"] == kind)


def read(client: Client, url: str) -> HeadReader:
    reader = HeadReader()
    reader.feed(client.get(url).content.decode())
    return reader


def test_article_page_metadata(client: Client) -> None:
    author = AuthorFactory(name="Sara Mousavi", slug="sara-mousavi")
    analysis = SectionFactory(name="Analysis", slug="analysis")
    article = ArticleFactory(
        title="Will Idlib Push Shatter Fledgling Russian-Turkish Alliance?",
        lead="Moscow and Ankara </script><b>on</b> a collision course.",
        section=analysis,
        tags=["Russia", "Turkey"],
        authors=[author],
        hero_image=library_image("idlib.jpg", size=(1600, 900), description="Turkish armour near Idlib"),
    )
    page = read(client, article.get_absolute_url())
    url = f"http://testserver{article.get_absolute_url()}"
    assert page.title.startswith("Will Idlib Push")
    assert page.one("description").startswith("Moscow and Ankara")
    assert page.link("canonical") == url
    assert page.one("og:type") == "article"
    assert page.one("og:url") == url
    assert page.one("og:title") == article.title
    image = page.one("og:image")
    assert image.startswith("http://testserver/media/renditions/") and image.endswith(".jpg")
    assert (page.one("og:image:width"), page.one("og:image:height")) == ("1200", "630")
    assert page.one("og:image:alt") == "Turkish armour near Idlib"
    assert page.one("article:section") == "Analysis"
    assert sorted(page.meta["article:tag"]) == ["Russia", "Turkey"]
    assert page.one("article:published_time").startswith(str(article.published_at.year))
    assert page.one("twitter:card") == "summary_large_image"
    assert page.one("twitter:image") == image

    news = page.structured("NewsArticle")
    assert news["headline"] == article.title
    assert news["description"] == article.lead  # the </script> inside survived escaping intact
    assert news["author"] == [
        {"@type": "Person", "name": "Sara Mousavi", "url": "http://testserver/authors/sara-mousavi/"}
    ]
    assert news["image"][0]["url"] == image
    assert news["publisher"]["name"] == "Alwaght"
    assert news["publisher"]["logo"]["url"].startswith("http://testserver/static/icons/logo.")
    assert news["datePublished"] == article.published_at.isoformat()
    assert news["keywords"] == ["Russia", "Turkey"]
    crumbs = page.structured("BreadcrumbList")["itemListElement"]
    assert [crumb["name"] for crumb in crumbs] == ["Alwaght", "Analysis", article.title]
    assert crumbs[-1]["item"] == url


def test_listing_pages_describe_their_collection(client: Client) -> None:
    articles = [ArticleFactory(title=f"Story {n}", tags=["Syria"]) for n in range(3)]
    topic = TopicFactory(name="Kurds", slug="kurds", description="An ethnic group.")
    for url, name in (("/news/", "News"), ("/tags/syria/", "Syria"), (topic.get_absolute_url(), "Kurds")):
        if url == topic.get_absolute_url():
            articles[0].topics.set([topic])
        page = read(client, url)
        collection = page.structured("CollectionPage")
        assert collection["name"] == name
        items = collection["mainEntity"]["itemListElement"]
        assert [item["position"] for item in items] == list(range(1, len(items) + 1))
        assert all(item["url"].startswith("http://testserver/") for item in items)
        assert page.one("og:title") == name


def test_second_pages_name_themselves_as_canonical(client: Client) -> None:
    ArticleFactory.create_batch(25)
    assert read(client, "/news/?page=2").link("canonical") == "http://testserver/news/?page=2"
    assert read(client, "/news/").link("canonical") == "http://testserver/news/"


def test_home_page_has_site_metadata(client: Client) -> None:
    page = read(client, "/")
    assert page.one("og:site_name") == "Alwaght"
    assert page.one("og:type") == "website"
    assert page.one("twitter:card") == "summary"
