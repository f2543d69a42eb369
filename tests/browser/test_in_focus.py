"""A reader goes from the home page's In Focus block to a topic page and into an article."""

from __future__ import annotations

import pytest

from tests.browser.conftest import DESKTOP, PHONE, save_screenshot, serious_accessibility_violations
from tests.factories import (
    AlbumFactory,
    ArticleFactory,
    FilmFactory,
    PhotoFactory,
    TopicFactory,
    library_image,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


@pytest.mark.parametrize("viewport_name, viewport", [("desktop", DESKTOP), ("phone", PHONE)])
def test_reader_follows_a_topic_from_the_home_page_into_an_article(
    open_page, viewport_name, viewport
) -> None:
    yemen = TopicFactory(
        name="Ansarullah",
        slug="ansarullah",
        featured=True,
        description="A Zaidi Shiite movement operating in Yemen.",
        image=library_image("ansarullah.jpg", size=(800, 600), description="A rally in Sana'a"),
    )
    subtopic = TopicFactory(name="Sana'a government", slug="sanaa-government", parent=yemen)
    article = ArticleFactory(title="Talks resume in Muscat", hero_image=library_image("muscat.jpg"))
    article.topics.set([subtopic])
    album = AlbumFactory(title="Sana'a under siege")
    PhotoFactory(album=album)
    album.topics.set([yemen])
    FilmFactory(title="Inside the Marib front").topics.set([subtopic])

    page, watch = open_page(viewport)
    page.goto("/")
    block = page.locator("section.block--in-focus")
    # Compact: the name with a small picture; the description is on the topic's page.
    assert "A Zaidi Shiite movement operating in Yemen." not in block.inner_text()
    block.locator("img").scroll_into_view_if_needed()  # lazy images load near the viewport
    assert block.locator("img").evaluate("image => image.decode().then(() => image.naturalWidth > 0)")
    block.get_by_role("link", name="Ansarullah").click()

    page.wait_for_url("**/focus/ansarullah/")
    assert page.get_by_role("heading", level=1).inner_text() == "Ansarullah"
    assert "A Zaidi Shiite movement operating in Yemen." in page.get_by_role("main").inner_text()
    assert page.get_by_role("navigation", name="Breadcrumb").get_by_role("link", name="In Focus").is_visible()
    assert page.get_by_role("link", name="Sana'a government").is_visible()
    # Everything filed under the topic or its subtopic: the article, the album and the film.
    listing = page.locator("section", has=page.get_by_role("heading", name="Latest"))
    for title in ("Talks resume in Muscat", "Sana'a under siege", "Inside the Marib front"):
        assert listing.get_by_role("link", name=title).first.is_visible(), title
    save_screenshot(page, f"topic-{viewport_name}")
    assert serious_accessibility_violations(page) == []

    page.get_by_role("link", name="Talks resume in Muscat").click()
    page.wait_for_url(f"**{article.get_absolute_url()}")
    assert page.get_by_role("heading", level=1).inner_text() == "Talks resume in Muscat"
    assert page.locator(".article__topics").get_by_role("link", name="Sana'a government").is_visible()
    assert watch.foreign_requests == []
    assert watch.console_errors == []


def test_topic_index_tree_is_accessible(open_page) -> None:
    root = TopicFactory(name="Resistance", slug="resistance", featured=True)
    TopicFactory(name="Hezbollah", slug="hezbollah", parent=root)
    page, watch = open_page(PHONE)
    page.goto("/focus/")
    assert page.get_by_role("link", name="Hezbollah").is_visible()
    assert serious_accessibility_violations(page) == []
    assert watch.console_errors == []
