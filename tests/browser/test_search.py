"""A reader searches from the header and opens a result."""

from __future__ import annotations

import pytest

from tests.browser.conftest import DESKTOP, PHONE, save_screenshot, serious_accessibility_violations
from tests.factories import ArticleFactory, SectionFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE])
def test_reader_searches_from_the_header_and_opens_a_result(open_page, viewport) -> None:
    ArticleFactory(
        title="Ceasefire holds in Daraa",
        lead="Aid convoys entered the city.",
        body="<p>The ceasefire held overnight.</p>",
    )
    ArticleFactory(title="Unrelated story", lead="Nothing to see.")
    page, watch = open_page(viewport)
    page.goto("/")
    searchbox = page.get_by_role("banner").get_by_role("searchbox")
    searchbox.fill("ceasefires")  # another form of the word
    searchbox.press("Enter")
    page.wait_for_url("**/search/?q=ceasefires")
    assert "1 article matches" in page.get_by_role("status").first.inner_text()
    assert page.locator(".search-result mark").first.inner_text().lower() == "ceasefire"
    assert serious_accessibility_violations(page) == []
    page.get_by_role("link", name="Ceasefire holds in Daraa").click()
    assert page.get_by_role("heading", level=1).inner_text() == "Ceasefire holds in Daraa"
    assert watch.foreign_requests == [] and watch.console_errors == []


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE])
def test_reader_narrows_a_misspelt_search_without_javascript_help(open_page, viewport) -> None:
    """The filters are a plain form: choosing a section and a period, then "Did you mean"."""
    analysis = SectionFactory(name="Analysis", slug="analysis")
    ArticleFactory(title="Reconstruction of Aleppo weighed", section=analysis)
    ArticleFactory(title="Reconstruction news in brief")
    page, watch = open_page(viewport)
    page.goto("/search/?q=reconstuction")
    filters = page.get_by_role("group", name="Narrow the results")
    filters.get_by_label("Section").select_option(label="Analysis")
    filters.get_by_label("Publication date").select_option(label="Past week")
    filters.get_by_role("button", name="Apply filters").click()
    page.wait_for_url("**/search/?q=reconstuction&section=analysis&period=week**")
    assert "0 articles match" in page.get_by_role("status").first.inner_text()
    # Nothing overflows the phone's width.
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    assert serious_accessibility_violations(page) == []
    page.get_by_role("link", name="reconstruction").click()
    page.wait_for_url("**/search/?q=reconstruction&section=analysis&period=week")
    assert "1 article matches" in page.get_by_role("status").first.inner_text()
    assert filters.get_by_label("Section").input_value() == "analysis"
    assert filters.get_by_label("Publication date").input_value() == "week"
    save_screenshot(page, f"search-filters-{viewport['width']}")
    page.get_by_role("link", name="Reconstruction of Aleppo weighed").click()
    assert page.get_by_role("heading", level=1).inner_text() == "Reconstruction of Aleppo weighed"
    assert watch.foreign_requests == [] and watch.console_errors == []


def test_persian_reader_gets_a_suggestion_in_persian(open_page) -> None:
    ArticleFactory(title="مذاکرات هسته‌ای در وین", language="fa")
    page, watch = open_page(PHONE)
    page.goto("/fa/search/?q=مذاکرت")
    page.locator(".search-suggestion").get_by_role("link", name="مذاکرات").click()
    page.wait_for_url("**/fa/search/?q=**")
    page.get_by_role("link", name="مذاکرات هسته‌ای در وین").click()
    assert page.get_by_role("heading", level=1).inner_text() == "مذاکرات هسته‌ای در وین"
    assert watch.foreign_requests == [] and watch.console_errors == []
