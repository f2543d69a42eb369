"""A reader opens the front page on a desktop and on a phone."""

from __future__ import annotations

import pytest

from tests.browser.conftest import DESKTOP, PHONE, save_screenshot, serious_accessibility_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


@pytest.mark.parametrize("viewport_name, viewport", [("desktop", DESKTOP), ("phone", PHONE)])
def test_home_page_renders_accessibly_from_this_host_only(open_page, viewport_name, viewport) -> None:
    page, watch = open_page(viewport)
    response = page.goto("/")
    assert response is not None and response.status == 200

    header = page.get_by_role("banner")
    assert header.is_visible()
    assert header.get_by_role("link", name="Alwaght").is_visible()
    navigation = page.get_by_role("navigation", name="Main")
    for name in ("In Focus", "Gallery", "Most Viewed"):
        assert navigation.get_by_role("link", name=name).count() == 1
    assert page.get_by_role("search").get_by_role("searchbox").is_visible()

    # Nothing sticks out sideways on a phone.
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0

    save_screenshot(page, f"home-{viewport_name}")
    assert watch.foreign_requests == []
    assert watch.console_errors == []
    assert serious_accessibility_violations(page) == []


def test_keyboard_user_can_skip_to_content_and_sees_focus(open_page) -> None:
    page, _ = open_page(DESKTOP)
    page.goto("/")
    page.keyboard.press("Tab")
    skip_link = page.get_by_role("link", name="Skip to main content")
    assert skip_link.evaluate("element => element === document.activeElement")
    outline = skip_link.evaluate("element => getComputedStyle(element).outlineStyle")
    assert outline != "none"
    assert skip_link.is_visible()
    page.keyboard.press("Enter")
    assert page.evaluate("location.hash") == "#main"


@pytest.mark.parametrize("path", ["/news/", "/tags/syria/", "/no-such-page/"])
def test_listing_and_error_pages_are_accessible_on_a_phone(open_page, path) -> None:
    from tests.factories import ArticleFactory, library_image

    ArticleFactory.create_batch(3, tags=["Syria"], hero_image=library_image("syria.jpg"))
    page, watch = open_page(PHONE)
    page.goto(path)
    assert page.get_by_role("heading", level=1).is_visible()
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0
    assert watch.foreign_requests == []
    assert serious_accessibility_violations(page) == []
