"""A reader searches from the header and opens a result."""

from __future__ import annotations

import pytest

from tests.browser.conftest import DESKTOP, PHONE, serious_accessibility_violations
from tests.factories import ArticleFactory

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
