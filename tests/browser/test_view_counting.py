"""A real browser's page view reaches the counter, with JavaScript and without."""

from __future__ import annotations

import time

import pytest

from articles.models import HourlyViews
from tests.browser.conftest import PHONE
from tests.factories import ArticleFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def counted(article) -> int:
    for _ in range(50):  # the beacon is sent after the page loads
        total = sum(HourlyViews.objects.filter(article=article).values_list("views", flat=True))
        if total:
            return total
        time.sleep(0.1)
    return 0


def test_headless_browser_is_treated_as_a_robot(open_page) -> None:
    article = ArticleFactory()
    page, _ = open_page(PHONE)
    page.goto(article.get_absolute_url())
    time.sleep(1)
    assert not HourlyViews.objects.filter(article=article).exists()


@pytest.mark.parametrize("javascript", [True, False])
def test_reading_an_article_counts_one_view(browser, live_site, javascript: bool) -> None:
    article = ArticleFactory(title="Counted once")
    # Headless Chromium says "HeadlessChrome", which the crawler list rightly treats as a robot.
    reader_agent = browser.new_page().evaluate("navigator.userAgent").replace("HeadlessChrome", "Chrome")
    context = browser.new_context(
        viewport=PHONE, base_url=live_site, java_script_enabled=javascript, user_agent=reader_agent
    )
    page = context.new_page()
    page.goto(article.get_absolute_url())
    assert counted(article) == 1
    page.reload()
    page.goto(article.get_absolute_url())
    time.sleep(0.5)
    assert counted(article) == 1  # the same reader again within half an hour
    context.close()
