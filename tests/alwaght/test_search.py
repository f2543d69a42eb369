"""Full-text search through /search/?q=…"""

from __future__ import annotations

from datetime import timedelta
from html import unescape

import pytest
from django.test import Client
from django.utils import timezone

from articles.models import Article
from tests.factories import AlbumFactory, ArticleFactory, AuthorFactory, FilmFactory, TopicFactory
from tests.html import assert_in_html

pytestmark = pytest.mark.django_db


def titles(response) -> list[str]:
    return [article.title for article in response.context["articles"]]


def search(client: Client, query: str, **params):
    return client.get("/search/", {"q": query, **params})


def test_title_outranks_lead_outranks_body(client: Client) -> None:
    now = timezone.now()
    ArticleFactory(
        title="Talks in Muscat",
        lead="Envoys met.",
        body="<p>Marib was discussed.</p>",
        published_at=now - timedelta(hours=1),
    )
    ArticleFactory(
        title="Diplomacy week",
        lead="The Marib front was on the table.",
        published_at=now - timedelta(hours=2),
    )
    ArticleFactory(title="Marib front quiet", lead="Calm returns.", published_at=now - timedelta(hours=3))
    assert titles(search(client, "marib")) == ["Marib front quiet", "Diplomacy week", "Talks in Muscat"]


def test_english_words_match_their_other_forms(client: Client) -> None:
    ArticleFactory(title="Negotiators negotiate a ceasefire", lead="Talks continue.")
    for query in ("negotiation", "negotiating", "ceasefires"):
        assert titles(search(client, query)) == ["Negotiators negotiate a ceasefire"], query


def test_tags_and_authors_are_searched_and_kept_current(client: Client) -> None:
    author = AuthorFactory(name="Leila Karimi")
    article = ArticleFactory(title="Weekly briefing", tags=["Hezbollah"], authors=[author])
    assert titles(search(client, "hezbollah")) == ["Weekly briefing"]
    assert titles(search(client, "karimi")) == ["Weekly briefing"]
    article.tags.add("Litani")
    assert titles(search(client, "litani")) == ["Weekly briefing"]
    author.name = "Leila Mousavi"
    author.save()
    assert titles(search(client, "mousavi")) == ["Weekly briefing"]
    assert titles(search(client, "karimi")) == []
    article.title = "Monthly briefing"
    article.save()
    assert titles(search(client, "monthly")) == ["Monthly briefing"]


@pytest.mark.parametrize(
    "stored, typed",
    [
        ("مذاكرات كردستان", "کردستان"),  # Arabic kaf stored, Persian keheh typed
        ("جنگ در یمن", "يمن"),  # Persian yeh stored, Arabic yeh typed
        ("مُحَمَّد", "محمد"),  # diacritics stored, none typed
        ("محمد", "مُحَمَّد"),  # and the other way round
        ("إدلب", "ادلب"),  # hamza below
        ("الجـــزيرة", "الجزيرة"),  # tatweel
        ("می‌خواهد", "می خواهد"),  # zero-width non-joiner
        ("سال ۱۴۰۳", "1403"),  # Persian digits
    ],
)
def test_persian_and_arabic_are_found_as_readers_type_them(client: Client, stored: str, typed: str) -> None:
    ArticleFactory(title=f"Report {stored}", lead="Lead.")
    assert titles(search(client, typed)) == [f"Report {stored}"]


def test_equal_matches_are_ordered_newest_first(client: Client) -> None:
    now = timezone.now()
    ArticleFactory(title="Older ceasefire", lead="Same words.", published_at=now - timedelta(days=2))
    ArticleFactory(title="Newer ceasefire", lead="Same words.", published_at=now - timedelta(days=1))
    assert titles(search(client, "ceasefire")) == ["Newer ceasefire", "Older ceasefire"]


def test_unpublished_articles_are_never_found(client: Client) -> None:
    ArticleFactory(title="Secret ceasefire draft", status=Article.Status.DRAFT)
    ArticleFactory(title="Scheduled ceasefire", published_at=timezone.now() + timedelta(hours=1))
    assert titles(search(client, "ceasefire")) == []
    assert "0 articles match" in search(client, "ceasefire").content.decode()


def test_snippet_highlights_matches_and_escapes_the_text(client: Client) -> None:
    ArticleFactory(
        title="Numbers",
        lead="Short.",
        body="<p>Since 1 &lt; 2 &amp; the ceasefire holds, <b>aid</b> moves.</p>",
    )
    html = search(client, "ceasefire").content.decode()
    assert "1 &lt; 2 &amp; the <mark>ceasefire</mark> holds" in html


def test_result_count_and_pagination(client: Client) -> None:
    now = timezone.now()
    for hour in range(25):
        ArticleFactory(title=f"Ceasefire update {hour}", published_at=now - timedelta(hours=hour + 1))
    first = search(client, "ceasefire")
    assert "25 articles match" in first.content.decode()
    assert len(first.context["articles"]) == 20
    second = search(client, "ceasefire", page="2")
    assert len(second.context["articles"]) == 5
    for bad in ("0", "3", "x", "-1"):
        assert search(client, "ceasefire", page=bad).status_code == 404


def test_topics_albums_and_films_are_listed_too(client: Client) -> None:
    TopicFactory(name="Ansarullah", description="A Zaidi movement in Yemen.")
    AlbumFactory(title="Sana'a under siege", description="Daily life in Yemen.")
    FilmFactory(title="Inside Yemen", description="A short film.")
    AlbumFactory(title="Draft Yemen album", status="draft")
    html = search(client, "yemen").content.decode()
    also = unescape(html.split('id="search-others-heading"')[1].split("</section>")[0])
    assert "Ansarullah" in also and "Sana'a under siege" in also and "Inside Yemen" in also
    assert "Draft Yemen album" not in also


@pytest.mark.parametrize(
    "query",
    [
        "",
        "   ",
        "!!! ??? ...",
        "a & | !b:*",
        "'\"unbalanced",
        "(((",
        "x" * 10_000,
        "nul\x00byte",
        "\x01\x02\x1f control",
        "\u200f\u202e rtl marks",
        "🚀🔥",
        "<script>alert(1)</script>",
        "'; DROP TABLE articles_article; --",
        "ceasefire:*B & !",
    ],
)
def test_bad_queries_get_a_friendly_page_never_an_error(client: Client, query: str) -> None:
    ArticleFactory(title="Ceasefire holds")
    response = search(client, query)
    assert response.status_code == 200
    html = response.content.decode()
    assert "<script>alert(1)</script>" not in html
    assert Article.objects.count() == 1


def test_long_queries_are_shortened_and_said_so(client: Client) -> None:
    response = search(client, "ceasefire " * 100)
    assert len(response.context["search_query"]) <= 200
    assert "only its first 200 characters were used" in response.content.decode()


def test_empty_query_invites_the_reader_to_type(client: Client) -> None:
    assert "Type one or more words" in client.get("/search/").content.decode()


def test_header_search_box_keeps_the_query(client: Client) -> None:
    html = search(client, "Marib front").content.decode()
    assert (
        'id="site-search" type="search" name="q" maxlength="200" placeholder="Search" value="Marib front"'
        in html
    )


# The count and one page of matching articles (with their authors in the same query), then
# topics, albums and films.
SEARCH_QUERIES = 5


@pytest.mark.parametrize("count", [1, 50])
def test_search_queries_do_not_grow(client: Client, django_assert_num_queries, count: int) -> None:
    for number in range(count):
        ArticleFactory(title=f"Yemen report {number}", tags=["Yemen"])
    TopicFactory(name="Yemen")
    search(client, "yemen")  # the menu and the purge log, in memory on a running site
    with django_assert_num_queries(SEARCH_QUERIES):
        response = search(client, "yemen")
    assert len(response.context["articles"]) == min(count, 20)


def test_search_pages_are_not_indexed(client: Client) -> None:
    assert_in_html('<meta name="robots" content="noindex, follow">', search(client, "x").content.decode())


def test_very_common_words_rank_among_the_newest_matches_and_say_so(client: Client, monkeypatch) -> None:
    from articles.models import content

    monkeypatch.setattr(content, "SEARCH_CANDIDATES", 3)
    monkeypatch.setattr("alwaght.views.SEARCH_CANDIDATES", 3)
    now = timezone.now()
    for hour in range(5):
        ArticleFactory(title=f"Ceasefire {hour}", published_at=now - timedelta(hours=hour + 1))
    response = search(client, "ceasefire")
    assert titles(response) == ["Ceasefire 0", "Ceasefire 1", "Ceasefire 2"]
    assert "More than 3 articles match" in response.content.decode()
