"""Reading the front page, a list and an article as readers do, on a phone and a desktop."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from articles.models import BreakingNews, Section
from tests.browser.conftest import DESKTOP, PHONE, save_screenshot, serious_accessibility_violations
from tests.factories import ArticleFactory, EditorsPickFactory, RelatedArticleFactory, library_image

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

BODY = "".join(
    f"<p>Paragraph {number} of the story, long enough to be read as one. " * 4 + "</p>"
    for number in range(12)
)


def fill_front_page() -> None:
    picture = library_image("front.jpg", size=(1600, 900))
    now = timezone.now()
    for slug in ("news", "analysis", "opinion"):
        section = Section.objects.get(slug=slug)
        for number in range(5):
            ArticleFactory(
                title=f"{section.name} story {number}",
                section=section,
                hero_image=picture,
                published_at=now - timedelta(hours=number + 1),
            )
    for number in range(4):
        EditorsPickFactory(
            article=ArticleFactory(title=f"Pick {number}", hero_image=picture), position=number
        )
    BreakingNews.objects.create(
        headline="Polls close across Iraq", link="/news/", ends_at=now + timedelta(hours=1)
    )


def visible_titles(page) -> int:
    """How many story headlines are on the first screen."""
    return page.evaluate(
        """() => [...document.querySelectorAll('.card__title a')].filter((link) => {
            const box = link.getBoundingClientRect();
            return box.width > 0 && box.top >= 0 && box.bottom <= innerHeight;
        }).length"""
    )


@pytest.mark.parametrize("viewport_name, viewport", [("desktop", DESKTOP), ("phone", PHONE)])
def test_front_page_has_news_judgement(open_page, viewport_name, viewport) -> None:
    fill_front_page()
    page, watch = open_page(viewport)
    page.goto("/")
    assert page.locator(".breaking").get_by_role("link", name="Polls close across Iraq").is_visible()
    latest = page.get_by_role("region", name="Latest")
    expect(latest.locator("time").first).to_have_text(re.compile(r"ago$"))  # "1 hour ago", in the browser
    for name in ("News", "Analysis", "Opinion", "Interviews", "Reports"):
        assert page.get_by_role("heading", name=name, level=2).count() == 1
    # No empty column beside Most Viewed: it sits beside Editor's Choice on desktops.
    choice = page.get_by_role("region", name="Editor's Choice").bounding_box()
    viewed = page.get_by_role("region", name="Most Viewed").bounding_box()
    if viewport_name == "desktop":
        assert abs(choice["y"] - viewed["y"]) < 2 and viewed["x"] > choice["x"] + choice["width"] - 1
        assert visible_titles(page) >= 4
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0  # the Latest strip scrolls within itself on phones
    save_screenshot(page, f"front-page-{viewport_name}")
    assert watch.foreign_requests == [] and watch.console_errors == []
    assert serious_accessibility_violations(page) == []


def test_a_list_page_shows_a_lead_story_then_a_dense_list(open_page) -> None:
    picture = library_image("list.jpg", size=(1600, 900))
    for number in range(8):
        ArticleFactory(
            title=f"Story {number}", hero_image=picture, lead="What happened, and why it matters. " * 4
        )
    page, _watch = open_page(DESKTOP)
    page.goto("/news/")
    assert page.locator(".card--listing-lead").count() == 1
    assert visible_titles(page) > 3


def test_an_article_starts_near_its_headline_and_ends_with_more_to_read(open_page) -> None:
    picture = library_image("hero.jpg", size=(2400, 1350))
    article = ArticleFactory(title="Talks resume in Muscat", body=BODY, hero_image=picture, tags=["Oman"])
    RelatedArticleFactory(article=article, related=ArticleFactory(title="An earlier round of talks"))
    ArticleFactory(title="Next in News", hero_image=picture)

    phone, watch = open_page(PHONE)
    phone.goto(article.get_absolute_url())
    first_paragraph = phone.locator(".article__body p").first.bounding_box()
    related = phone.get_by_role("heading", name="Related Content").bounding_box()
    headline = phone.get_by_role("heading", level=1).bounding_box()
    # The story comes first on phones; Related Content after it.
    assert first_paragraph["y"] < related["y"]
    assert first_paragraph["y"] - headline["y"] < 1000
    assert "3 minutes read" in phone.locator(".article__meta").inner_text()
    assert phone.get_by_role("region", name="Share").count() == 2  # at the top and at the end
    more = phone.get_by_role("region", name="More from News")
    assert more.get_by_role("link", name="Next in News").is_visible()
    save_screenshot(phone, "reading-article-phone")
    assert watch.foreign_requests == [] and watch.console_errors == []

    desktop, _watch = open_page(DESKTOP)
    desktop.goto(article.get_absolute_url())
    hero = desktop.locator(".article__hero img")
    drawn = hero.evaluate(
        "image => image.decode().then(() => ({drawn: image.clientWidth, chosen: image.naturalWidth,"
        " height: image.clientHeight}))"
    )
    # The picture the browser picks from srcset/sizes is at least as wide as it is drawn, and
    # the story's first words are in the first screen.
    assert drawn["chosen"] >= drawn["drawn"]
    assert drawn["height"] < DESKTOP["height"] * 0.6
    assert desktop.get_by_role("heading", level=1).bounding_box()["y"] < 300
    related = desktop.get_by_role("heading", name="Related Content").bounding_box()
    assert related["x"] > desktop.locator(".article__body").bounding_box()["x"]  # beside the story
    save_screenshot(desktop, "reading-article-desktop")
    assert serious_accessibility_violations(desktop) == []
