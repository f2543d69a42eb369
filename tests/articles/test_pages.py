"""Reader pages through real HTTP requests: article, section, tag, author and home."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta
from html import unescape

import pytest
import time_machine
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from articles.models import Article, BreakingNews
from tests.factories import (
    ArticleFactory,
    AuthorFactory,
    CommentFactory,
    EditorsPickFactory,
    RelatedArticleFactory,
    SectionFactory,
    UserFactory,
    library_image,
)
from tests.html import assert_in_html

pytestmark = pytest.mark.django_db


def test_article_page_shows_what_the_seed_page_shows(client: Client) -> None:
    author = AuthorFactory(name="Sara Mousavi", slug="sara-mousavi")
    article = ArticleFactory(
        title="Will Idlib Push Shatter Fledgling Russian-Turkish Alliance?",
        section=SectionFactory(name="Analysis", slug="analysis"),
        lead="Moscow and Ankara on a collision course.",
        body="<h2>Field situation</h2><p>Turkey established 12 watch posts.</p>",
        published_at=datetime(2020, 2, 19, 9, 30, tzinfo=UTC),
        tags=["Russia", "Idlib Operation"],
        authors=[author],
        hero_image=library_image(
            "idlib.jpg",
            description="Turkish armoured vehicles on a road near Idlib.",
            caption="Turkish armoured vehicles near Idlib.",
            credit="Alwaght",
        ),
    )
    related = ArticleFactory(title="Syria Shelled Turkish Convoy in Idlib")
    RelatedArticleFactory(article=article, related=related)

    response = client.get(article.get_absolute_url())
    assert response.status_code == 200
    html = response.content.decode()
    assert_in_html(
        '<h1 class="article__title">Will Idlib Push Shatter Fledgling Russian-Turkish Alliance?</h1>', html
    )
    assert_in_html(
        '<figcaption>Turkish armoured vehicles near Idlib. <span class="credit">Photo: Alwaght</span></figcaption>',
        html,
    )
    assert "Wednesday 19 February 2020" in html
    assert 'href="/authors/sara-mousavi/"' in html
    assert "Turkish armoured vehicles near Idlib." in html and "Photo: Alwaght" in html
    assert "Moscow and Ankara on a collision course." in html
    assert_in_html("<h2>Field situation</h2><p>Turkey established 12 watch posts.</p>", html)
    assert "Related Content" in html and related.get_absolute_url() in html
    assert 'href="/tags/russia/"' in html and 'href="/tags/idlib-operation/"' in html
    assert 'srcset="/media/renditions/' in html
    assert "https://t.me/share/url?url=" in html  # a plain share link, no script


def test_article_with_outdated_slug_or_section_answers_301_to_canonical(client: Client) -> None:
    article = ArticleFactory(title="Current title")
    canonical = article.get_absolute_url()
    for wrong in (
        f"/news/{article.pk}/old-title/",
        f"/analysis/{article.pk}/current-title/",
        f"/news/{article.pk}/%D8%B3%D9%84%D8%A7%D9%85/",
    ):
        response = client.get(wrong)
        assert response.status_code == 301, wrong
        assert response["Location"] == canonical


def test_short_address_without_slug_redirects_to_the_article(client: Client) -> None:
    article = ArticleFactory(title="Short links work")
    response = client.get(f"/news/{article.pk}/")
    assert response.status_code == 301
    assert response["Location"] == article.get_absolute_url()


def test_persian_slug_article_is_reachable_at_its_readable_address(client: Client) -> None:
    article = ArticleFactory(title="حمله پهپادی به فرودگاه صنعا")
    url = article.get_absolute_url()
    assert "%D8%AD%D9%85%D9%84%D9%87" in url  # percent-encoded on the wire
    response = client.get(url)
    assert response.status_code == 200
    assert "حمله پهپادی به فرودگاه صنعا" in response.content.decode()


@pytest.mark.parametrize("state", ["draft", "scheduled"])
def test_unpublished_article_is_a_404_for_readers(client: Client, state: str) -> None:
    if state == "draft":
        article = ArticleFactory(status=Article.Status.DRAFT)
    else:
        article = ArticleFactory(published_at=timezone.now() + timedelta(hours=3))
    assert client.get(article.get_absolute_url()).status_code == 404


def test_unknown_article_id_is_a_404(client: Client) -> None:
    assert client.get("/news/987654/anything/").status_code == 404
    assert client.get("/news/99999999999999999999999/x/").status_code == 404


def test_editor_previews_a_draft_and_the_preview_is_never_cached(editor_client: Client) -> None:
    draft = ArticleFactory(status=Article.Status.DRAFT, title="Embargoed story")
    response = editor_client.get(draft.get_absolute_url())
    assert response.status_code == 200
    assert "Preview: this article is a draft" in response.content.decode()
    assert response["Cache-Control"] == "private, no-store"


def test_staff_without_permission_cannot_preview(client: Client) -> None:
    client.force_login(UserFactory(is_staff=True))
    draft = ArticleFactory(status=Article.Status.DRAFT)
    assert client.get(draft.get_absolute_url()).status_code == 404


def test_section_page_lists_twenty_newest_per_page_with_prev_next(client: Client) -> None:
    now = timezone.now()
    articles = [ArticleFactory(published_at=now - timedelta(hours=hour)) for hour in range(1, 46)]
    ArticleFactory(status=Article.Status.DRAFT, title="Hidden draft")

    first = client.get("/news/")
    assert first.status_code == 200
    assert [a.pk for a in first.context["articles"]] == [a.pk for a in articles[:20]]
    html = first.content.decode()
    assert_in_html('<link rel="next" href="/news/?page=2">', html)
    assert 'rel="prev"' not in html
    assert "Hidden draft" not in html

    third = client.get("/news/?page=3")
    assert [a.pk for a in third.context["articles"]] == [a.pk for a in articles[40:]]
    assert_in_html('<link rel="prev" href="/news/?page=2">', third.content.decode())
    assert "Page 3 of 3" in third.content.decode()


@pytest.mark.parametrize("page", ["0", "-1", "abc", "1.5", "4", "9" * 40, "%00", "last%27", "<script>"])
def test_bad_page_numbers_are_404_never_500(client: Client, page: str) -> None:
    ArticleFactory.create_batch(45)
    response = client.get(f"/news/?page={page}")
    assert response.status_code == 404


def test_page_number_in_arabic_indic_digits_works(client: Client) -> None:
    ArticleFactory.create_batch(25)
    response = client.get("/news/?page=٢")
    assert response.status_code == 200
    assert response.context["page_obj"].number == 2


def test_empty_section_says_so(client: Client) -> None:
    response = client.get("/opinion/")
    assert response.status_code == 200
    assert "Nothing has been published here yet." in response.content.decode()


def test_unknown_section_and_tag_and_author_are_404(client: Client) -> None:
    for url in ("/no-such-section/", "/tags/no-such-tag/", "/authors/nobody/"):
        assert client.get(url).status_code == 404, url


def test_tag_page_lists_published_articles_with_that_tag(client: Client) -> None:
    tagged = ArticleFactory(tags=["Idlib Operation"], title="Tagged story")
    ArticleFactory(tags=["Idlib Operation"], status=Article.Status.DRAFT, title="Draft tagged story")
    ArticleFactory(title="Untagged story")
    response = client.get("/tags/idlib-operation/")
    assert response.status_code == 200
    assert list(response.context["articles"]) == [tagged]
    assert "Idlib Operation" in response.content.decode()


def test_unicode_tag_page(client: Client) -> None:
    ArticleFactory(tags=["سوریه"], title="Persian tagged")
    response = client.get(reverse("articles:tag", kwargs={"slug": "سوریه"}))
    assert response.status_code == 200
    assert "Persian tagged" in response.content.decode()


def test_author_page_lists_their_articles(client: Client) -> None:
    author = AuthorFactory(
        name="Omar Haddad",
        slug="omar-haddad",
        bio="Reports on Yemen.",
        photo=library_image("omar.jpg", size=(500, 500), description="Omar Haddad"),
    )
    theirs = ArticleFactory(authors=[author])
    ArticleFactory()
    response = client.get(author.get_absolute_url())
    assert list(response.context["articles"]) == [theirs]
    html = response.content.decode()
    assert "Reports on Yemen." in html
    assert 'alt="Omar Haddad"' in html and "/media/renditions/images/" in html


def home_block(html: str, heading: str) -> str:
    """The HTML of the home page's block under this heading (its section element)."""
    start = (
        html.index(f">{heading}</a></h2>")
        if f">{heading}</a></h2>" in html
        else html.index(f">{heading}</h2>")
    )
    return html[html.rindex("<section", 0, start) : html.index("</section>", start)]


def test_home_page_shows_editors_choice_then_a_block_for_every_menu_section(client: Client) -> None:
    analysis = SectionFactory(name="Analysis", slug="analysis")
    opinion = SectionFactory(name="Opinion", slug="opinion")
    for number in range(6):
        ArticleFactory(title=f"News story {number}")
    ArticleFactory(title="Why Marib matters", section=analysis)
    ArticleFactory(title="A view from Sanaa", section=opinion)
    picked = ArticleFactory(title="The pick of the day", section=analysis)
    EditorsPickFactory(article=picked)
    lapsed = ArticleFactory(title="Yesterday's pick")
    EditorsPickFactory(article=lapsed, ends_at=timezone.now() - timedelta(seconds=1))

    html = unescape(client.get("/").content.decode())
    choice = home_block(html, "Editor's Choice")
    assert "The pick of the day" in choice and "Yesterday's pick" not in choice
    # Each section of the menu has its block: its newest story with a picture, then headlines,
    # without what Editor's Choice already shows, and a link to the section.
    news = home_block(html, "News")
    titles = ["Yesterday's pick", *(f"News story {number}" for number in range(5, -1, -1))]
    shown = sorted((news.index(title), title) for title in titles if title in news)
    assert [title for _position, title in shown] == titles[:4]  # the newest four, newest first
    assert 'href="/news/"' in news and "More from News" in news
    analysis_block = home_block(html, "Analysis")
    assert "Why Marib matters" in analysis_block and "The pick of the day" not in analysis_block
    assert "A view from Sanaa" in home_block(html, "Opinion")
    assert html.index(">Editor's Choice<") < html.index(">News</a></h2>") < html.index(">Analysis</a></h2>")


def test_home_page_latest_strip_lists_the_newest_headlines_with_their_times(client: Client) -> None:
    analysis = SectionFactory(name="Analysis", slug="analysis")
    now = timezone.now().replace(microsecond=0)
    for hours in range(8):
        ArticleFactory(
            title=f"Story {hours} hours old", published_at=now - timedelta(hours=hours), section=analysis
        )
    EditorsPickFactory(article=Article.objects.get(title="Story 0 hours old"))
    html = unescape(client.get("/").content.decode())
    latest = home_block(html, "Latest")
    # The newest six of every section, the pick included, newest first, each with its time.
    shown = [f"Story {hours} hours old" for hours in range(8) if f"Story {hours} hours old" in latest]
    assert shown == [f"Story {hours} hours old" for hours in range(6)]
    newest = (now).astimezone(UTC).strftime("%H:%M")
    assert f'datetime="{now.isoformat()}"' in latest and f"{newest} UTC" in latest


def test_home_page_breaking_news_bar_shows_while_it_lasts(client: Client) -> None:
    now = timezone.now()
    bar = BreakingNews.objects.create(
        headline="Earthquake hits <b>eastern</b> Turkey",
        link="/news/1/quake/",
        ends_at=now + timedelta(hours=1),
    )
    BreakingNews.objects.create(
        headline="An Arabic bar", link="/ar/", language="ar", ends_at=now + timedelta(hours=1)
    )
    html = client.get("/").content.decode()
    assert 'class="breaking"' in html
    assert "Earthquake hits &lt;b&gt;eastern&lt;/b&gt; Turkey" in html and 'href="/news/1/quake/"' in html
    assert "An Arabic bar" not in html
    assert "An Arabic bar" in client.get("/ar/").content.decode()
    with time_machine.travel(now + timedelta(hours=1, seconds=1)):
        assert 'class="breaking"' not in client.get("/").content.decode()
    bar.delete()
    assert 'class="breaking"' not in client.get("/").content.decode()


def test_home_page_blocks_have_empty_states(client: Client) -> None:
    html = client.get("/").content.decode()
    assert "The editors have not picked any articles yet." in html
    assert "Nothing has been published here yet." in home_block(html, "News")
    assert 'class="breaking"' not in html and 'id="latest-heading"' not in html


def test_navigation_lists_sections_in_order_and_hides_switched_off_ones(client: Client) -> None:
    SectionFactory(name="Hidden desk", slug="hidden-desk", in_navigation=False)
    html = client.get("/").content.decode()
    nav = html.split('aria-label="Main"')[1].split("</nav>")[0]
    positions = [
        nav.index(f'href="/{slug}/"') for slug in ("news", "analysis", "interviews", "opinion", "reports")
    ]
    assert positions == sorted(positions)
    assert "hidden-desk" not in nav


def test_article_page_refuses_post(client: Client) -> None:
    article = ArticleFactory()
    assert client.post(article.get_absolute_url()).status_code == 405


def test_machine_dates_are_valid_html_and_listing_headings_do_not_skip_a_level(client: Client) -> None:
    # A second back first: replacing the fraction must not move the moment into the future.
    article = ArticleFactory(published_at=(timezone.now() - timedelta(seconds=1)).replace(microsecond=123456))
    CommentFactory(content_object=article)
    for url in ("/", "/news/", article.get_absolute_url()):
        html = client.get(url).content.decode()
        stamps = re.findall(r'datetime="([^"]*)"', html)
        assert stamps, url
        # HTML's <time> allows at most three digits of a second's fraction: none are written.
        assert all(re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d", stamp) for stamp in stamps), (
            url
        )
    listing = client.get("/news/").content.decode()
    assert_in_html(
        f'<h2 class="card__title"><a href="{article.get_absolute_url()}">{article.title}</a></h2>', listing
    )
