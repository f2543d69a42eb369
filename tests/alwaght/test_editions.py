"""The three editions as readers meet them: English at /, Arabic at /ar/, Persian at /fa/. Each
lists its own content in its own language and direction, links the same page in the others, and
writes dates, digits and search in its own way."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta
from xml.etree import ElementTree

import pytest
from django.test import Client
from django.utils import timezone
from django.utils.encoding import iri_to_uri

from articles.view_counting import record_view
from tests.factories import (
    AlbumFactory,
    ArticleFactory,
    AuthorFactory,
    PhotoFactory,
    SectionFactory,
    TopicFactory,
    library_image,
)

pytestmark = pytest.mark.django_db


def html_of(client: Client, url: str, status: int = 200) -> str:
    response = client.get(url)
    assert response.status_code == status, (url, response.status_code)
    return response.content.decode()


def card_titles(page: str) -> list[str]:
    return re.findall(r'class="card__title"><a [^>]+>(.+?)</a>', page)


def result_titles(page: str) -> list[str]:
    return re.findall(r'class="search-result__title"><a [^>]+>(.+?)</a>', page)


@pytest.fixture
def three_editions() -> dict[str, object]:
    """One story in each edition, in News, tagged and filed under the same topic."""
    topic = TopicFactory(name="Gaza", slug="gaza", name_ar="غزة", name_fa="غزه")
    stories = {
        "en": ArticleFactory(title="Aid enters Gaza", language="en", tags=["Gaza"]),
        "ar": ArticleFactory(title="دخول المساعدات إلى غزة", language="ar", tags=["غزة"]),
        "fa": ArticleFactory(title="ورود کمک‌ها به غزه", language="fa", tags=["غزه"]),
    }
    for story in stories.values():
        story.topics.set([topic])
    return {"topic": topic, **stories}


@pytest.mark.parametrize(
    ("prefix", "language", "direction", "site_name"),
    [("", "en", "ltr", "Alwaght"), ("/ar", "ar", "rtl", "الوقت"), ("/fa", "fa", "rtl", "الوقت")],
)
def test_each_edition_speaks_its_language_in_its_direction(
    client: Client, three_editions, prefix: str, language: str, direction: str, site_name: str
) -> None:
    page = html_of(client, f"{prefix}/")
    assert f'<html lang="{language}" dir="{direction}"' in page
    assert f'<span class="brand__name">{site_name}</span>' in page
    # Its own story, and no other edition's.
    assert three_editions[language].title in page
    assert all(three_editions[other].title not in page for other in ("en", "ar", "fa") if other != language)


def test_the_default_edition_has_no_prefix_and_unknown_ones_are_missing(client: Client) -> None:
    assert client.get("/en/").status_code == 404
    assert client.get("/de/").status_code == 404
    # The language of a reader's page comes from its address, never from the browser.
    persian_browser = client.get("/", HTTP_ACCEPT_LANGUAGE="fa,ar;q=0.8").content.decode()
    assert '<html lang="en" dir="ltr"' in persian_browser
    client.cookies["django_language"] = "fa"
    assert '<html lang="en" dir="ltr"' in client.get("/").content.decode()


@pytest.mark.parametrize(
    "url",
    [
        "{prefix}/news/",
        "{prefix}/focus/gaza/",
        "{prefix}/feed/",
        "{prefix}/news/feed/",
        "{prefix}/focus/gaza/feed/",
    ],
)
@pytest.mark.parametrize("edition", ["en", "ar", "fa"])
def test_every_list_shows_its_editions_stories_only(
    client: Client, three_editions, url: str, edition: str
) -> None:
    prefix = "" if edition == "en" else f"/{edition}"
    page = html_of(client, url.format(prefix=prefix))
    assert three_editions[edition].title in page
    for other in ("en", "ar", "fa"):
        if other != edition:
            assert three_editions[other].title not in page, other


def test_tag_and_author_pages_list_their_editions_stories(client: Client) -> None:
    writer = AuthorFactory(name="Samer al-Khatib", slug="samer")
    english = ArticleFactory(title="Talks resume", language="en", tags=["Diplomacy"], authors=[writer])
    arabic = ArticleFactory(title="استئناف المحادثات", language="ar", tags=["Diplomacy"], authors=[writer])
    assert card_titles(html_of(client, "/tags/diplomacy/")) == [english.title]
    assert card_titles(html_of(client, "/ar/tags/diplomacy/")) == [arabic.title]
    assert card_titles(html_of(client, "/ar/authors/samer/")) == [arabic.title]
    assert card_titles(html_of(client, "/authors/samer/")) == [english.title]
    # A tag no article of the edition carries has no page there.
    html_of(client, "/fa/tags/diplomacy/", status=404)


def test_an_article_lives_at_its_editions_address_only(client: Client, three_editions) -> None:
    persian = three_editions["fa"]
    assert persian.get_absolute_url() == f"/fa/news/{persian.pk}/{iri_to_uri(persian.slug)}/"
    html_of(client, persian.get_absolute_url())
    # From another edition's address (an old link, a hand-edited one): moved for good.
    for wrong in (f"/news/{persian.pk}/{persian.slug}/", f"/ar/news/{persian.pk}/{persian.slug}/"):
        response = client.get(wrong)
        assert response.status_code == 301 and response["Location"] == persian.get_absolute_url()


def test_sections_and_topics_are_named_in_the_editions_language(client: Client, three_editions) -> None:
    section = three_editions["fa"].section
    section.name_fa, section.name_ar = "اخبار", "أخبار"
    section.save()
    persian = html_of(client, three_editions["fa"].get_absolute_url())
    assert '<a href="/fa/news/">اخبار</a>' in persian
    assert '<a href="/fa/focus/gaza/">غزه</a>' in persian
    assert ">اخبار</a>" in html_of(client, "/fa/")  # the menu
    assert "<h1" in (arabic_topic := html_of(client, "/ar/focus/gaza/")) and "غزة" in arabic_topic
    # A word not translated yet falls back to English rather than to nothing.
    TopicFactory(name="Kurds", slug="kurds", name_fa="")
    assert "Kurds" in html_of(client, "/fa/focus/")


def test_the_language_menu_goes_to_the_translation_or_else_to_the_front_page(client: Client) -> None:
    original = ArticleFactory(title="Aid enters Gaza", language="en")
    arabic = ArticleFactory(title="دخول المساعدات إلى غزة", language="ar", translation_of=original)
    page = html_of(client, original.get_absolute_url())
    menu = re.search(r'<nav class="editions".*?</nav>', page, re.S).group()
    assert f'href="{arabic.get_absolute_url()}" lang="ar" hreflang="ar"' in menu
    assert 'href="/fa/" lang="fa" hreflang="fa"' in menu  # no Persian version: its front page
    assert 'lang="en" hreflang="en" aria-current="true"' in menu
    # Search engines are told of the versions that exist, both ways, and of the default.
    url = "http://testserver"
    assert f'<link rel="alternate" hreflang="ar" href="{url}{arabic.get_absolute_url()}">' in page
    assert 'hreflang="fa"' not in page.split("</head>")[0]
    assert f'<link rel="alternate" hreflang="x-default" href="{url}{original.get_absolute_url()}">' in page
    arabic_page = html_of(client, arabic.get_absolute_url())
    assert f'<link rel="alternate" hreflang="en" href="{url}{original.get_absolute_url()}">' in arabic_page
    assert f'<link rel="alternate" hreflang="ar" href="{url}{arabic.get_absolute_url()}">' in arabic_page


def test_an_unpublished_translation_is_not_offered(client: Client) -> None:
    original = ArticleFactory(title="Aid enters Gaza", language="en")
    draft = ArticleFactory(language="fa", translation_of=original, status="draft", published_at=None)
    page = html_of(client, original.get_absolute_url())
    assert draft.get_absolute_url() not in page
    assert 'hreflang="fa"' not in page.split("</head>")[0]


@pytest.mark.parametrize("path", ["/news/", "/focus/", "/gallery/", "/most-viewed/", "/search/?q=gaza"])
def test_pages_every_edition_has_link_the_same_page_in_the_others(
    client: Client, three_editions, path: str
) -> None:
    page = html_of(client, f"/fa{path}")
    menu = re.search(r'<nav class="editions".*?</nav>', page, re.S).group()
    assert f'href="{path}" lang="en"'.replace("&", "&amp;") in menu
    assert f'href="/ar{path}" lang="ar"'.replace("&", "&amp;") in menu
    assert 'hreflang="ar"' in page.split("</head>")[0]


def test_persian_dates_are_solar_hijri_in_persian_digits(client: Client) -> None:
    moment = datetime(2026, 12, 1, 9, 30, tzinfo=UTC)
    persian = ArticleFactory(language="fa", published_at=moment)
    arabic = ArticleFactory(language="ar", published_at=moment)
    english = ArticleFactory(language="en", published_at=moment)
    page = html_of(client, persian.get_absolute_url())
    assert "سه‌شنبه ۱۰ آذر ۱۴۰۵" in page
    assert 'datetime="2026-12-01T09:30:00+00:00"' in page  # machines read the Gregorian moment
    assert "الثلاثاء 1 ديسمبر 2026" in html_of(client, arabic.get_absolute_url())
    assert "Tuesday 1 December 2026" in html_of(client, english.get_absolute_url())


def test_page_numbers_are_written_in_the_editions_digits(client: Client) -> None:
    news = SectionFactory(name="News", slug="news")
    for number in range(25):
        ArticleFactory(language="fa", section=news, published_at=timezone.now() - timedelta(hours=number))
    page = html_of(client, "/fa/news/")
    pagination = re.search(r'<nav class="pagination".*?</nav>', page, re.S).group()
    assert "۲" in pagination and not re.search("[0-9]", re.sub(r'href="[^"]*"', "", pagination))
    assert 'href="/fa/news/?page=2"' in pagination  # the address keeps ASCII digits


def test_arabic_search_finds_other_forms_of_a_word(client: Client) -> None:
    ArticleFactory(language="ar", title="أزمة المياه في البصرة", lead="نقص المياه يهدد المزارعين.")
    ArticleFactory(language="en", title="Water crisis in Basra")
    page = html_of(client, "/ar/search/?q=مياه")
    assert result_titles(page) == ["أزمة المياه في البصرة"]
    assert "<bdi>مياه</bdi>" in page
    # With the article, after a particle, or typed with Arabic-Indic digits and variants alike.
    assert result_titles(html_of(client, "/ar/search/?q=والمياه")) == ["أزمة المياه في البصرة"]
    assert result_titles(html_of(client, "/ar/search/?q=ازمة")) == ["أزمة المياه في البصرة"]
    assert result_titles(html_of(client, "/search/?q=مياه")) == []  # not in the English edition


def test_persian_search_matches_words_with_their_joiners(client: Client) -> None:
    ArticleFactory(language="fa", title="گفت‌وگوی تهران و ریاض", lead="دو کشور گفت‌وگو را از سر گرفتند.")
    ArticleFactory(language="ar", title="حوار طهران والرياض")
    assert result_titles(html_of(client, "/fa/search/?q=ریاض")) == ["گفت‌وگوی تهران و ریاض"]
    assert result_titles(html_of(client, "/fa/search/?q=گفت‌وگو")) == ["گفت‌وگوی تهران و ریاض"]
    # Typed with the Arabic ي (a common keyboard) it is the same word.
    assert result_titles(html_of(client, "/fa/search/?q=رياض")) == ["گفت‌وگوی تهران و ریاض"]
    assert result_titles(html_of(client, "/search/?q=ریاض")) == []  # the English edition's articles only


def test_most_viewed_ranks_each_editions_articles(client: Client) -> None:
    english = ArticleFactory(title="Read in English", language="en")
    persian = ArticleFactory(title="خوانده‌شده به فارسی", language="fa")
    for _ in range(3):
        record_view(english.pk)
    record_view(persian.pk)
    assert "Read in English" in html_of(client, "/most-viewed/")
    persian_page = html_of(client, "/fa/most-viewed/")
    assert "خوانده‌شده به فارسی" in persian_page and "Read in English" not in persian_page


def test_feeds_say_their_editions_language(client: Client, three_editions) -> None:
    feed = ElementTree.fromstring(client.get("/fa/feed/").content)
    assert feed.findtext("channel/language") == "fa"
    assert [item.findtext("title") for item in feed.iter("item")] == [three_editions["fa"].title]
    link = feed.findtext("channel/item/link")
    assert link == f"http://testserver{three_editions['fa'].get_absolute_url()}"
    atom = client.get("/ar/feed/atom/").content.decode()
    assert 'xml:lang="ar"' in atom and three_editions["ar"].title in atom


def test_sitemaps_list_every_editions_pages_with_their_alternates(client: Client) -> None:
    original = ArticleFactory(title="Aid enters Gaza", language="en")
    arabic = ArticleFactory(title="دخول المساعدات", language="ar", translation_of=original)
    sitemap = client.get("/sitemaps/articles.xml").content.decode()
    assert f"<loc>http://testserver{arabic.get_absolute_url()}</loc>" in sitemap
    assert f'hreflang="ar" href="http://testserver{arabic.get_absolute_url()}"' in sitemap
    sections = client.get("/sitemaps/sections.xml").content.decode()
    assert "<loc>http://testserver/fa/news/</loc>" in sections
    assert 'hreflang="x-default" href="http://testserver/news/"' in sections


def test_albums_belong_to_their_edition(client: Client) -> None:
    picture = library_image("market.jpg", size=(600, 400))
    persian = AlbumFactory(title="بازار تبریز", language="fa")
    PhotoFactory(album=persian, image=picture)
    english = AlbumFactory(title="Tabriz bazaar", language="en")
    PhotoFactory(album=english, image=picture)
    gallery = html_of(client, "/fa/gallery/")
    assert "بازار تبریز" in gallery and "Tabriz bazaar" not in gallery
    response = client.get(f"/gallery/photos/{persian.pk}/{iri_to_uri(persian.slug)}/")
    assert response.status_code == 301 and response["Location"] == persian.get_absolute_url()


def test_a_missing_page_answers_in_its_editions_language(client: Client) -> None:
    page = html_of(client, "/fa/no-such-section/", status=404)
    assert '<html lang="fa" dir="rtl"' in page
    page = html_of(client, "/ar/news/999999/missing/", status=404)
    assert '<html lang="ar" dir="rtl"' in page


@pytest.mark.parametrize(
    "path",
    [
        "/fa/news/abc/",
        "/fa/news/99999999999999999999/x/",
        "/ar/tags/%3Cscript%3E/",
        "/fa/focus/%D8%A7%D9%84%E2%80%AE/",
        "/ar/authors/%F0%9F%98%80/",
        "/fa/search/?q=" + "ب" * 5000,
        "/ar/search/?q=%00%01",
        "/fa/news/?page=%DB%B2",
    ],
)
def test_bad_addresses_in_the_other_editions_are_answered_without_error(client: Client, path: str) -> None:
    response = client.get(path)
    assert response.status_code in (200, 301, 400, 404), (path, response.status_code)


@pytest.mark.parametrize("language", ["en", "ar", "fa"])
def test_every_editions_pages_run_the_same_fixed_queries(
    client: Client, django_assert_num_queries, language: str
) -> None:
    from articles.models import EditorsPick
    from tests.articles.test_query_counts import ARTICLE_QUERIES, HOME_QUERIES, LISTING_QUERIES
    from tests.factories import FilmFactory

    picture = library_image("hero.jpg", size=(900, 600))
    analysis = SectionFactory(name="Analysis", slug="analysis")
    TopicFactory(featured=True, image=picture)
    # Every edition has content, so that each page must pick its own out of the others'.
    for edition in ("en", "ar", "fa"):
        for number in range(3):
            article = ArticleFactory(language=edition, tags=["Syria"], hero_image=picture)
            ArticleFactory(language=edition, section=analysis, hero_image=picture)
            EditorsPick.objects.create(article=article, position=number)
            record_view(article.pk)
        PhotoFactory(album=AlbumFactory(language=edition), image=picture)
        FilmFactory(language=edition, poster=picture)
    prefix = "" if language == "en" else f"/{language}"
    mine = ArticleFactory(language=language, hero_image=picture)
    for url, expected in (
        (f"{prefix}/", HOME_QUERIES),
        (f"{prefix}/news/", LISTING_QUERIES["/news/"]),
        (mine.get_absolute_url(), ARTICLE_QUERIES),
    ):
        client.get(url)  # a running site has its menu, counts and rankings in memory
        with django_assert_num_queries(expected):
            assert client.get(url).status_code == 200


def test_shared_pages_and_structured_data_name_their_language(client: Client) -> None:
    original = ArticleFactory(title="Aid enters Gaza", language="en")
    arabic = ArticleFactory(title="دخول المساعدات", language="ar", translation_of=original)
    english_page = html_of(client, original.get_absolute_url())
    assert '<meta property="og:locale" content="en_US">' in english_page
    assert '<meta property="og:locale:alternate" content="ar_AR">' in english_page
    assert "fa_IR" not in english_page  # no Persian version
    arabic_page = html_of(client, arabic.get_absolute_url())
    assert '<meta property="og:locale" content="ar_AR">' in arabic_page
    assert '"inLanguage":"ar"' in arabic_page
    persian_home = html_of(client, "/fa/")
    assert '<meta property="og:locale" content="fa_IR">' in persian_home
    assert persian_home.count('property="og:locale:alternate"') == 2


def test_the_language_menu_keeps_a_topic_and_the_readers_search_words(client: Client, three_editions) -> None:
    topic_page = html_of(client, "/fa/focus/gaza/")
    menu = re.search(r'<nav class="editions".*?</nav>', topic_page, re.S).group()
    assert 'href="/focus/gaza/" lang="en"' in menu and 'href="/ar/focus/gaza/" lang="ar"' in menu
    search_page = html_of(client, "/fa/search/?q=%D8%BA%D8%B2%D9%87&page=1")
    menu = re.search(r'<nav class="editions".*?</nav>', search_page, re.S).group()
    assert 'href="/ar/search/?q=%D8%BA%D8%B2%D9%87&amp;page=1" lang="ar"' in menu
