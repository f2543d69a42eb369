"""A reader whose system is set to dark gets the dark theme on every kind of page, readable
(axe's contrast checks) on a phone and a desktop; printing an article prints the article alone."""

from __future__ import annotations

import pytest

from alwaght.models import SitePage
from tests.browser.conftest import PHONE, save_screenshot, serious_accessibility_violations
from tests.factories import (
    AlbumFactory,
    ArticleFactory,
    CommentFactory,
    EditorsPickFactory,
    PhotoFactory,
    RelatedArticleFactory,
    library_image,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

WIDE = {"width": 1366, "height": 900}
BODY = (
    '<p>Aid convoys entered the city at dawn, <a href="https://www.example.org/report">the agency '
    "said</a>.</p><blockquote><p>We need water first.</p></blockquote><p>Talks resume on Monday.</p>"
)


def make_site() -> dict[str, str]:
    """One of each kind of page: the front page, an article (picture, Related Content, a
    comment, a correction), its section, the gallery and the About page."""
    picture = library_image("city.jpg", size=(1200, 800), caption="The old market", credit="Alwaght")
    article = ArticleFactory(
        title="Aid reaches Aleppo", lead="The first convoy in months.", body=BODY, hero_image=picture
    )
    RelatedArticleFactory(article=article, related=ArticleFactory(title="Water returns to the east"))
    CommentFactory(content_object=article, name="Leila", text="Thank you for this report.")
    article.corrections.create(text="An earlier version gave the wrong day.")
    EditorsPickFactory(article=article)
    album = AlbumFactory(title="Aleppo's souks")
    PhotoFactory(album=album, position=0, caption="Copper market")
    SitePage.objects.create(
        language="en", slug="about", title="About us", body="<p>Who we are.</p>", published=True
    )
    return {
        "home": "/",
        "article": article.get_absolute_url(),
        "section": article.section.get_absolute_url(),
        "gallery": "/gallery/",
        "about": "/about/",
    }


def background_of(page, selector: str) -> str:
    return page.locator(selector).first.evaluate("element => getComputedStyle(element).backgroundColor")


def test_the_dark_theme_is_readable_on_every_kind_of_page(open_page) -> None:
    pages = make_site()
    for viewport_name, viewport in (("phone", PHONE), ("desktop", WIDE)):
        page, watch = open_page(viewport, color_scheme="dark")
        for name, path in pages.items():
            response = page.goto(path)
            assert response is not None and response.status == 200, path
            # The theme really turned: a dark page behind light words.
            assert background_of(page, "body") == "rgb(18, 17, 16)", path
            assert page.locator("main").evaluate("element => getComputedStyle(element).color") == (
                "rgb(235, 232, 227)"
            ), path
            save_screenshot(page, f"dark-{name}-{viewport_name}")
            assert serious_accessibility_violations(page) == [], (path, viewport_name)
        assert watch.console_errors == []
        assert watch.foreign_requests == []


def test_the_light_theme_stays_for_readers_who_ask_for_light(open_page) -> None:
    pages = make_site()
    page, _ = open_page(WIDE, color_scheme="light")
    page.goto(pages["article"])
    assert background_of(page, "body") == "rgb(245, 243, 240)"
    assert background_of(page, ".article") == "rgb(255, 255, 255)"


HIDDEN_IN_PRINT = [
    ".site-header",  # navigation, search, the language menu
    ".site-footer",
    ".comments",  # the comments and their form
    ".share",
    ".article__aside",  # Related Content
    ".more-in-section",
    "[data-view-beacon]",
]
PRINTED = [
    ".article__title",
    ".article__meta",
    ".article__hero",
    ".article__lead",
    ".article__body",
    "#corrections",
]


def test_printing_an_article_prints_the_article_alone(open_page) -> None:
    pages = make_site()
    page, _ = open_page(WIDE, color_scheme="dark")  # a dark screen still prints black on white
    page.goto(pages["article"])
    assert page.locator(".site-header").is_visible() and page.locator(".comment-form").is_visible()
    page.emulate_media(media="print")
    for selector in HIDDEN_IN_PRINT:
        found = page.locator(selector).all()
        assert found and not any(element.is_visible() for element in found), selector
    for selector in PRINTED:
        assert page.locator(selector).first.is_visible(), selector
    assert background_of(page, "body") == "rgb(255, 255, 255)"
    assert page.locator(".article__body").evaluate("element => getComputedStyle(element).color") == (
        "rgb(0, 0, 0)"
    )
    # A link of the text is followed by its address on paper.
    after = page.locator(".article__body a").first.evaluate(
        "element => getComputedStyle(element, '::after').content"
    )
    assert "https://www.example.org/report" in after
