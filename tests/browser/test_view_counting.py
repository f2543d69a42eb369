"""A real browser's page view reaches the counter, with JavaScript and without.

Each step waits for the beacon's own response (the view is recorded before the server
answers), never for a length of time.
"""

from __future__ import annotations

import pytest

from articles.models import HourlyViews
from tests.browser.conftest import PHONE
from tests.factories import ArticleFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def counted(article) -> int:
    return sum(HourlyViews.objects.filter(article=article).values_list("views", flat=True))


def is_beacon(article):
    return lambda response: response.url.endswith(f"/views/{article.pk}/")


def read(page, article, navigate) -> int:
    """Load the article (by ``navigate``) and return the status of its view beacon."""
    with page.expect_response(is_beacon(article)) as beacon:
        navigate()
    return beacon.value.status


def test_headless_browser_is_treated_as_a_robot(open_page) -> None:
    article = ArticleFactory()
    page, _ = open_page(PHONE)
    assert read(page, article, lambda: page.goto(article.get_absolute_url())) == 204
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
    assert read(page, article, lambda: page.goto(article.get_absolute_url())) == 204
    assert counted(article) == 1
    assert read(page, article, page.reload) == 204
    assert read(page, article, lambda: page.goto(article.get_absolute_url())) == 204
    assert counted(article) == 1  # the same reader again within half an hour
    context.close()
