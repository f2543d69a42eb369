"""An editor writes an article with a hero image in admin and publishes it; a reader reads it."""

from __future__ import annotations

import pytest

from articles.models import Article
from tests.browser.conftest import DESKTOP, PHONE, save_screenshot, serious_accessibility_violations
from tests.factories import ArticleFactory, UserFactory, image_bytes, library_image
from tests.jobs import run_queued_jobs

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

PASSWORD = "correct horse battery staple"


def test_editor_publishes_with_hero_image_and_reader_reads_it(open_page) -> None:
    editor = UserFactory(username="desk-editor", groups=["Editors"])
    assert editor.has_perm("articles.add_article"), list(
        editor.groups.values_list("name", "permissions__codename")
    )[:5]
    ArticleFactory(title="An older story already on the site", tags=["Syria"])

    page, _ = open_page(DESKTOP)
    page.goto("/admin/login/?next=/admin/articles/article/add/")
    page.get_by_label("Username").fill("desk-editor")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url("**/admin/articles/article/add/")

    page.locator("#id_title").fill("Aid convoys reach Daraa as ceasefire holds")
    # The section is an autocomplete (select2) field.
    page.locator("#id_section").locator("xpath=..").locator(".select2-selection").click()
    page.locator(".select2-container--open .select2-search__field").fill("News")
    page.locator(".select2-results__option", has_text="News").first.click()
    page.locator("#id_lead").fill("Trucks carrying food and medicine entered the city on Sunday.")
    editor = page.locator(".prose-editor [contenteditable=true]")
    editor.click()
    editor.type("Residents lined the road as the first trucks arrived.")
    # A new picture for the library, with its alt text, from the article form itself.
    page.get_by_label("Upload a new image").set_input_files(
        files=[{"name": "convoy.jpg", "mimeType": "image/jpeg", "buffer": image_bytes("JPEG", (1600, 900))}]
    )
    page.get_by_label("Description (alt text)").fill("Lorries queue at the gate of Daraa.")
    page.get_by_label("Caption").fill("The first convoy at the city gate.")
    page.locator("#id_tags").fill("Syria, Ceasefire")
    page.locator("#id_status").select_option("published")
    page.get_by_role("button", name="Save", exact=True).last.click()  # the form has one at the top too
    page.wait_for_url("**/admin/articles/article/")
    assert "was added successfully" in page.locator(".messagelist").inner_text()

    article = Article.objects.get(title="Aid convoys reach Daraa as ceasefire holds")
    assert article.is_public
    assert "Residents lined the road" in article.body
    assert article.hero_image.is_pending
    assert run_queued_jobs() == 1  # the job queue's worker prepares the picture (make run starts it)

    reader, watch = open_page(PHONE)
    reader.goto("/")
    news_block = reader.locator(
        "section.block--section", has=reader.get_by_role("heading", name="News", exact=True)
    )
    link = news_block.get_by_role("link", name="Aid convoys reach Daraa as ceasefire holds")
    assert link.is_visible()
    link.click()
    reader.wait_for_url(f"**{article.get_absolute_url()}")
    assert reader.get_by_role("heading", level=1).inner_text() == "Aid convoys reach Daraa as ceasefire holds"
    hero = reader.locator(".article__hero img")
    assert hero.is_visible()
    hero.scroll_into_view_if_needed()  # lazy images load near the viewport
    assert hero.evaluate("image => image.decode().then(() => image.naturalWidth > 0)")
    assert hero.get_attribute("alt") == "Lorries queue at the gate of Daraa."
    assert "The first convoy at the city gate." in reader.locator(".article__hero figcaption").inner_text()
    assert (
        "Residents lined the road as the first trucks arrived."
        in reader.locator(".article__body").inner_text()
    )
    related = reader.locator(".related")
    assert related.get_by_role("link", name="An older story already on the site").is_visible()
    save_screenshot(reader, "article-phone")
    assert watch.foreign_requests == []
    assert watch.console_errors == []
    assert serious_accessibility_violations(reader) == []


def test_editor_sets_a_focal_point_by_clicking_and_crops_follow(open_page) -> None:
    UserFactory(username="picture-editor", groups=["Editors"])
    picture = library_image("square.jpg", size=(1000, 1000), description="A square street scene")
    before = [item.url for item in picture.renditions("wide")]

    page, watch = open_page(DESKTOP)
    page.goto(f"/admin/login/?next=/admin/common/image/{picture.pk}/change/")
    page.get_by_label("Username").fill("picture-editor")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(f"**/admin/common/image/{picture.pk}/change/")
    assert serious_accessibility_violations(page) == []

    shown = page.locator("[data-focal-picker] img")
    shown.scroll_into_view_if_needed()
    box = shown.bounding_box()
    # A click a quarter of the way across and a fifth of the way down.
    page.mouse.click(box["x"] + box["width"] * 0.25, box["y"] + box["height"] * 0.2)
    assert page.get_by_label("Focal point across (%)").input_value() == "25"
    assert page.get_by_label("Focal point down (%)").input_value() == "20"
    marker = page.locator(".focal-picker__marker")
    assert marker.is_visible()
    save_screenshot(page, "image-focal-point-desktop")
    page.get_by_role("button", name="Save", exact=True).click()
    page.wait_for_url("**/admin/common/image/")

    run_queued_jobs()
    picture.refresh_from_db()
    assert (picture.focal_x, picture.focal_y) == (25, 20)
    after = [item.url for item in picture.renditions("wide")]
    assert after != before  # new crops, cut around the new point
    assert watch.console_errors == []
