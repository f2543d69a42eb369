"""Full-text search through /search/?q=…"""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta
from html import unescape
from io import StringIO

import pytest
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from articles.models import Article, SearchWord
from tests.factories import (
    AlbumFactory,
    ArticleFactory,
    AuthorFactory,
    FilmFactory,
    SectionFactory,
    TopicFactory,
)
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
# topics, albums and films; a search narrowed by a filter lists articles only. With fewer than
# SEARCH_SUGGEST_BELOW matches, one more: the "Did you mean" lookup and its check.
SEARCH_QUERIES = 5
FILTERED_SEARCH_QUERIES = 2
SUGGESTION_QUERIES = 1
# With no match at all there is no page of articles to read (Django's Paginator knows it).
NO_PAGE = -1


@pytest.mark.parametrize(
    "count, filters, expected",
    [
        (5, {}, SEARCH_QUERIES),
        (50, {}, SEARCH_QUERIES),
        (0, {}, SEARCH_QUERIES + SUGGESTION_QUERIES + NO_PAGE),
        (1, {}, SEARCH_QUERIES + SUGGESTION_QUERIES),
        (4, {}, SEARCH_QUERIES + SUGGESTION_QUERIES),
        (5, {"section": "analysis", "period": "week"}, FILTERED_SEARCH_QUERIES),
        (50, {"section": "analysis", "from": "2020-01-01", "to": "2100-01-01"}, FILTERED_SEARCH_QUERIES),
        (0, {"section": "analysis"}, FILTERED_SEARCH_QUERIES + SUGGESTION_QUERIES + NO_PAGE),
        (1, {"section": "analysis", "to": "2100-01-01"}, FILTERED_SEARCH_QUERIES + SUGGESTION_QUERIES),
        (4, {"period": "year"}, FILTERED_SEARCH_QUERIES + SUGGESTION_QUERIES),
    ],
)
def test_search_queries_do_not_grow(
    client: Client, django_assert_num_queries, count: int, filters: dict[str, str], expected: int
) -> None:
    analysis = SectionFactory(name="Analysis", slug="analysis")
    for number in range(count):
        ArticleFactory(title=f"Yemen report {number}", tags=["Yemen"], section=analysis)
    TopicFactory(name="Yemen")
    search(
        client, "yemen", **filters
    )  # the menu, the sections and the purge log, in memory on a running site
    with django_assert_num_queries(expected):
        response = search(client, "yemen", **filters)
    assert len(response.context["articles"]) == min(count, 20)


def test_empty_search_page_runs_no_query(client: Client, django_assert_num_queries) -> None:
    client.get("/search/")
    with django_assert_num_queries(0):
        assert client.get("/search/", {"section": "analysis", "period": "day"}).status_code == 200


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


# Filters: a section, a period, dates.


def section_options(response) -> list[tuple[str, str, bool]]:
    """(value, label, selected) of the section list of the search form."""
    html = response.content.decode()
    select = html.split('id="search-section"')[1].split("</select>")[0]
    return [
        (value, unescape(label), bool(selected))
        for value, selected, label in re.findall(
            r'<option value="([^"]*)"( selected)?>([^<]*)</option>', select
        )
    ]


def test_a_search_narrowed_to_a_section_lists_that_section_only(client: Client) -> None:
    analysis = SectionFactory(name="Analysis", slug="analysis")
    ArticleFactory(title="Ceasefire news")
    ArticleFactory(title="Ceasefire analysis", section=analysis)
    response = search(client, "ceasefire", section="analysis")
    assert titles(response) == ["Ceasefire analysis"]
    assert ("analysis", "Analysis", True) in section_options(response)
    assert section_options(response)[0] == ("", "All sections", False)
    html = response.content.decode()
    assert "1 article matches" in html
    # Other kinds of content have no section: a narrowed search lists articles only.
    assert 'id="search-others-heading"' not in html
    assert_in_html(
        '<a class="search-unfiltered" href="/search/?q=ceasefire">Search without filters</a>', html
    )


def test_sections_are_named_in_the_edition_shown(client: Client) -> None:
    ArticleFactory(title="تقرير عن الهدنة", language="ar", section=SectionFactory(slug="analysis"))
    response = client.get("/ar/search/", {"q": "الهدنة", "section": "analysis"})
    assert ("analysis", "تحليلات", True) in section_options(response)
    assert titles(response) == ["تقرير عن الهدنة"]
    persian = client.get("/fa/search/", {"q": "آتش‌بس"})
    assert ("analysis", "تحلیل", False) in section_options(persian)


@pytest.mark.parametrize(
    "period, expected",
    [
        ("", ["Hours old", "Days old", "Weeks old", "Months old", "Years old"]),
        ("day", ["Hours old"]),
        ("week", ["Hours old", "Days old"]),
        ("month", ["Hours old", "Days old", "Weeks old"]),
        ("year", ["Hours old", "Days old", "Weeks old", "Months old"]),
    ],
)
def test_a_period_keeps_the_articles_published_in_it(
    client: Client, period: str, expected: list[str]
) -> None:
    now = timezone.now()
    for title, age in [
        ("Hours old", timedelta(hours=3)),
        ("Days old", timedelta(days=3)),
        ("Weeks old", timedelta(days=20)),
        ("Months old", timedelta(days=200)),
        ("Years old", timedelta(days=800)),
    ]:
        ArticleFactory(title=f"{title} ceasefire", published_at=now - age)
    response = search(client, "ceasefire", period=period)
    assert [title.removesuffix(" ceasefire") for title in titles(response)] == expected
    assert f'<option value="{period}" selected>' in response.content.decode()


@pytest.fixture
def dated_articles() -> None:
    for day in (1, 10, 20):
        ArticleFactory(
            title=f"March {day} ceasefire",
            published_at=datetime(2025, 3, day, 12, tzinfo=UTC),
        )


@pytest.mark.parametrize(
    "dates, expected",
    [
        ({"from": "2025-03-10"}, ["March 20", "March 10"]),
        ({"to": "2025-03-10"}, ["March 10", "March 1"]),  # the whole last day
        ({"from": "2025-03-10", "to": "2025-03-10"}, ["March 10"]),
        ({"from": "۲۰۲۵-۰۳-۱۰", "to": "٢٠٢٥/٣/١٠"}, ["March 10"]),  # Persian and Arabic digits
        ({"from": "۱۴۰۳/۱۲/۲۰", "to": "1403-12-20"}, ["March 10"]),  # Solar Hijri: 10 March 2025
        ({"from": "2025-03-11", "to": "2025-03-01"}, ["March 10", "March 1"]),  # swapped, and said so
        ({"from": "2025-03-10", "period": "day"}, ["March 20", "March 10"]),  # dates win over a period
    ],
)
def test_dates_keep_the_articles_published_between_them(
    client: Client, dated_articles: None, dates: dict[str, str], expected: list[str]
) -> None:
    response = search(client, "ceasefire", **dates)
    assert [title.removesuffix(" ceasefire") for title in titles(response)] == expected


def test_swapped_dates_and_a_period_beside_dates_are_explained(client: Client, dated_articles: None) -> None:
    html = unescape(
        search(client, "ceasefire", **{"from": "2025-03-11", "to": "2025-03-01"}).content.decode()
    )
    assert "The first date was after the second, so they were swapped." in html
    assert 'name="from" value="2025-03-01"' in html and 'name="to" value="2025-03-11"' in html
    html = unescape(search(client, "ceasefire", **{"from": "2025-03-10", "period": "day"}).content.decode())
    assert "Your dates were used instead of the period." in html
    assert '<option value="" selected>Any time</option>' in html


BAD_VALUES = [
    "nonsense",
    "x" * 5000,
    "nul\x00byte",
    "\x01\x02\x1f",
    "\u200f\u202e",
    "🚀🔥",
    "<script>alert(1)</script>",
    "'; DROP TABLE articles_article; --",
    "تحليلات",
    "۱۴۰۳",
    " ",
]


@pytest.mark.parametrize("value", BAD_VALUES)
@pytest.mark.parametrize("name", ["section", "period", "from", "to"])
def test_bad_filter_values_are_left_out_and_said_so(client: Client, name: str, value: str) -> None:
    ArticleFactory(title="Ceasefire holds")
    response = search(client, "ceasefire", **{name: value})
    assert response.status_code == 200
    assert titles(response) == ["Ceasefire holds"]  # the filter was left out
    html = response.content.decode()
    assert "<script>alert(1)</script>" not in html and 'value="xxxxxxxxxx' not in html
    assert ('class="form-problem search-filter-problems"' in html) == bool(value.strip())


@pytest.mark.parametrize(
    "dates, problem",
    [
        ({"from": "2025-02-30"}, "“From” is not a date the search understands"),
        ({"to": "2025-13-01"}, "“To” is not a date the search understands"),
        ({"from": "0001-01-01"}, "“From” must be a date between 1900 and 2100"),
        ({"to": "9999-12-31"}, "“To” must be a date between 1900 and 2100"),
        ({"from": "0622-01-01"}, "“From” must be a date between 1900 and 2100"),  # Solar Hijri year 622
        ({"to": "2025-03-10T00:00"}, "“To” is not a date the search understands"),
    ],
)
def test_impossible_and_absurd_dates_are_left_out(
    client: Client, dated_articles: None, dates: dict[str, str], problem: str
) -> None:
    response = search(client, "ceasefire", **dates)
    assert response.status_code == 200
    assert len(titles(response)) == 3
    assert problem in unescape(response.content.decode())


def test_page_links_keep_the_filters(client: Client) -> None:
    analysis = SectionFactory(name="Analysis", slug="analysis")
    now = timezone.now()
    for hour in range(25):
        ArticleFactory(
            title=f"Ceasefire {hour}", section=analysis, published_at=now - timedelta(hours=hour + 1)
        )
    ArticleFactory(title="Ceasefire in the news")
    html = search(client, "ceasefire", section="analysis", period="week").content.decode()
    assert "25 articles match" in html
    assert_in_html(
        '<link rel="next" href="/search/?q=ceasefire&amp;section=analysis&amp;period=week&amp;page=2">', html
    )
    second = client.get("/search/?q=ceasefire&section=analysis&period=week&page=2")
    assert len(second.context["articles"]) == 5
    assert 'href="/search/?q=ceasefire&amp;section=analysis&amp;period=week"' in second.content.decode()


def test_filtered_pages_keep_the_canonical_address_and_stay_out_of_search_engines(client: Client) -> None:
    html = search(client, "ceasefire", section="news", period="week", page="1").content.decode()
    assert_in_html('<link rel="canonical" href="http://testserver/search/">', html)
    assert_in_html('<meta name="robots" content="noindex, follow">', html)


def test_each_filter_has_its_own_cached_copy(client: Client, settings) -> None:
    settings.PAGE_CACHE_SECONDS = 60
    SectionFactory(name="Analysis", slug="analysis")
    ArticleFactory(title="Ceasefire holds")
    assert search(client, "ceasefire")["X-Page-Cache"] == "miss"
    assert search(client, "ceasefire", utm_source="x")["X-Page-Cache"] == "hit"
    for name, value in [
        ("section", "analysis"),
        ("period", "day"),
        ("from", "2025-01-01"),
        ("to", "2025-01-01"),
    ]:
        narrowed = search(client, "ceasefire", **{name: value})
        assert narrowed["X-Page-Cache"] == "miss", name


# "Did you mean …?"


def suggestion_link(response) -> tuple[str, str] | None:
    """(text, address) of the page's "Did you mean" link, or None."""
    found = re.search(
        r'<p class="search-suggestion">.*?<a href="([^"]*)"><bdi>([^<]*)</bdi></a>', response.content.decode()
    )
    return (unescape(found.group(2)), unescape(found.group(1))) if found else None


def test_a_misspelt_word_gets_a_link_to_the_search_spelt_right(client: Client) -> None:
    ArticleFactory(title="Ceasefire holds in Daraa", body="<p>Negotiations resumed in Geneva.</p>")
    response = search(client, "ceasfire")
    assert titles(response) == []
    assert "Did you mean" in response.content.decode()
    text, address = suggestion_link(response)
    assert (text, address) == ("ceasefire", "/search/?q=ceasefire")
    assert titles(client.get(address)) == ["Ceasefire holds in Daraa"]
    # Every slip of one letter: missing, added, changed, two swapped; the rest kept as typed.
    for typed, expected in [
        ("negotations", "negotiations"),
        ("negotiaitons", "negotiations"),
        ("Genevva resumed", "geneva resumed"),
        ('"Ceasefire hodls"', '"Ceasefire holds"'),
        ("resumd OR ceasfire", "resumed OR ceasefire"),
    ]:
        assert suggestion_link(search(client, typed))[0] == expected, typed


def test_no_suggestion_when_the_search_finds_enough_or_nothing_better(client: Client) -> None:
    for number in range(5):
        ArticleFactory(title=f"Ceasefire report {number}")
    ArticleFactory(title="Geneva talks")
    assert suggestion_link(search(client, "ceasefire")) is None  # five found: enough
    assert suggestion_link(search(client, "zzqx")) is None  # no word near it
    assert suggestion_link(search(client, "genevva talks"))[0] == "geneva talks"
    # Spelt right, but no article has both words: nothing better to offer.
    assert suggestion_link(search(client, "geneva reportt")) is None
    # A word the edition printed is taken as right, even if a neighbour is more common.
    ArticleFactory(title="Ceasfire spelt so in a headline")
    assert suggestion_link(search(client, "ceasfire")) is None


def test_suggestions_come_from_published_articles_of_the_edition_only(client: Client) -> None:
    ArticleFactory(title="Kalashnikov draft", status=Article.Status.DRAFT)
    ArticleFactory(title="Scheduled Khashoggi story", published_at=timezone.now() + timedelta(hours=2))
    ArticleFactory(title="Persian Marivan report", language="fa")
    assert suggestion_link(search(client, "kalashnikof")) is None
    assert suggestion_link(search(client, "khashogi")) is None
    assert suggestion_link(search(client, "marivann")) is None
    assert suggestion_link(client.get("/fa/search/", {"q": "marivann"}))[0] == "marivan"


def test_a_suggestion_keeps_the_filters_and_is_checked_against_them(client: Client) -> None:
    analysis = SectionFactory(name="Analysis", slug="analysis")
    ArticleFactory(title="Reconstruction analysis", section=analysis)
    ArticleFactory(title="Sanctions news")
    response = search(client, "reconstuction", section="analysis", period="week", utm_source="x")
    assert suggestion_link(response) == (
        "reconstruction",
        "/search/?q=reconstruction&section=analysis&period=week",
    )
    assert suggestion_link(search(client, "santions", section="analysis")) is None  # only in News


@pytest.mark.parametrize(
    "language, stored, typed, expected",
    [
        ("fa", "مذاکرات هسته‌ای در وین", "مذاکرت", "مذاکرات"),
        ("fa", "جنگ در کردستان", "كردستانن", "کردستان"),  # Arabic kaf typed, one letter too many
        ("ar", "قناة الجزيرة تبث", "الجزبرة", "الجزيرة"),  # shown as the articles write it
        ("ar", "مُحَمَّد يزور دمشق", "دمشك", "دمشق"),
        ("ar", "المفاوضات في جنيف", "المفاوظات", "المفاوضات"),
    ],
)
def test_persian_and_arabic_words_are_suggested_as_the_edition_writes_them(
    client: Client, language: str, stored: str, typed: str, expected: str
) -> None:
    ArticleFactory(title=stored, language=language)
    response = client.get(f"/{language}/search/", {"q": typed})
    text, address = suggestion_link(response)
    assert text == expected
    assert address.startswith(f"/{language}/search/?q=")
    assert titles(client.get(address)) == [stored]


def test_bad_queries_never_break_the_suggestion(client: Client) -> None:
    ArticleFactory(title="Ceasefire holds")
    for query in [
        '"((ceasfire',
        "ceasfire\u200f\u202e",
        "ceasfire 🚀",
        "-ceasfire",
        "ceasfire:* & !",
        "ا" * 200,
    ]:
        response = search(client, query)
        assert response.status_code == 200, query


# The word list behind the suggestions.


def words(language: str = "en") -> dict[str, tuple[str, int]]:
    return {w.key: (w.word, w.articles) for w in SearchWord.objects.filter(language=language)}


def test_saving_an_article_adds_its_words_and_the_rebuild_makes_the_list_exact() -> None:
    article = ArticleFactory(title="Reconstruction of Aleppo", lead="Donors met.", tags=["Humanitarian"])
    ArticleFactory(title="Aleppo markets", lead="Trade returns.")
    listed = words()
    assert {"reconstruction", "aleppo", "donors", "humanitarian", "markets"} <= listed.keys()
    assert "of" not in listed  # shorter than three letters
    article.delete()
    assert "reconstruction" in words()  # until the rebuild
    call_command("refresh_search_words", stdout=StringIO())
    rebuilt = words()
    assert "reconstruction" not in rebuilt and rebuilt["aleppo"] == ("aleppo", 1)


def test_the_rebuild_keeps_one_row_a_word_with_its_most_used_spelling() -> None:
    ArticleFactory(title="الجزيرة", lead="الجزيرة", language="ar")
    ArticleFactory(title="جزيرة", lead="جزيرة", language="ar")
    ArticleFactory(title="الجزيرة مُحَمَّد", lead="الجـــزيرة", language="ar")
    call_command("refresh_search_words", stdout=StringIO())
    arabic = words("ar")
    assert arabic["جزیره"] == ("الجزيرة", 4)  # two articles write الجزيرة, one جزيرة, one الجـــزيرة
    assert arabic["محمد"] == ("محمد", 1)
