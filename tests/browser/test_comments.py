"""A reader comments; a moderator approves; the reader sees the comment."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from comments.models import Comment
from tests.browser.conftest import DESKTOP, PHONE, save_screenshot, serious_accessibility_violations
from tests.factories import ArticleFactory, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_reader_comments_moderator_approves_reader_sees_it(open_page, settings) -> None:
    settings.COMMENTS_MIN_SECONDS = 1
    article = ArticleFactory(title="Talks resume in Muscat")
    UserFactory(username="night-moderator", groups=["Moderators"])

    reader, watch = open_page(PHONE)
    reader.goto(article.get_absolute_url())
    form = reader.locator("form.comment-form")
    form.get_by_label("Name").fill("مریم")
    form.get_by_label("Email").fill("maryam@example.com")
    form.get_by_label("Text").fill("A fair account of the talks.\nThank you. 👏")
    # Typing asked the site for this reader's token; a person takes longer than the robot threshold.
    expect(form.locator('input[name="token"]')).not_to_have_value("")
    reader.wait_for_timeout(1100)
    form.get_by_role("button", name="Send").click()
    reader.wait_for_url("**/comments/sent/**")
    assert "Your comment awaits moderation" in reader.get_by_role("status").inner_text()
    expect(reader.get_by_role("status")).to_be_in_viewport()  # where the reader looks, not above
    assert reader.locator("form.comment-form").count() == 0  # nothing invites sending it again
    assert "A fair account of the talks." not in reader.locator("#comments").inner_text()
    assert serious_accessibility_violations(reader) == []
    assert watch.foreign_requests == [] and watch.console_errors == []
    reader.get_by_role("link", name="Back to the page").click()
    reader.wait_for_url(f"**{article.get_absolute_url()}#comments")

    moderator, _ = open_page(DESKTOP)
    moderator.goto("/admin/login/?next=/admin/")
    moderator.get_by_label("Username").fill("night-moderator")
    moderator.get_by_label("Password").fill("correct horse battery staple")
    moderator.get_by_role("button", name="Log in").click()
    assert "1 comment awaits moderation." in moderator.locator(".pending-comments").inner_text()
    moderator.get_by_role("link", name="Moderate now").click()  # the moderation desk
    card = moderator.locator("[data-comment]", has_text="A fair account of the talks.")
    card.get_by_role("button", name="Approve").click()
    moderator.wait_for_function("document.querySelectorAll('[data-comment]').length === 0")
    assert "Approved: it shows on the site." in moderator.locator("[data-desk-status]").inner_text()
    assert Comment.objects.get().status == Comment.Status.APPROVED

    reader.reload()
    comments = reader.locator("#comments")
    assert "A fair account of the talks." in comments.inner_text()
    assert "مریم" in comments.inner_text()
    assert "maryam@example.com" not in reader.content()
    save_screenshot(reader, "comments-phone")


def test_name_and_email_boxes_line_up_side_by_side_from_640px(open_page) -> None:
    article = ArticleFactory()
    page, _watch = open_page(DESKTOP)
    page.goto(article.get_absolute_url())
    form = page.locator("form.comment-form")
    name, email = form.get_by_label("Name").bounding_box(), form.get_by_label("Email").bounding_box()
    assert abs(name["y"] - email["y"]) < 1 and abs(name["height"] - email["height"]) < 1
    assert name["x"] + name["width"] < email["x"]
    page.set_viewport_size({"width": 640, "height": 900})
    name, email = form.get_by_label("Name").bounding_box(), form.get_by_label("Email").bounding_box()
    assert abs(name["y"] - email["y"]) < 1


def test_comment_form_errors_are_shown_beside_the_fields_without_javascript(
    browser, live_site, settings
) -> None:
    settings.COMMENTS_MIN_SECONDS = 0
    article = ArticleFactory()
    context = browser.new_context(viewport=PHONE, base_url=live_site, java_script_enabled=False)
    page = context.new_page()
    page.goto(article.get_absolute_url())
    form = page.locator("form.comment-form")
    form.get_by_label("Name").fill("Omar")
    form.get_by_label("Email").fill("omar@b")  # the browser accepts it; the server does not
    form.get_by_label("Text").fill("Words I do not want to type twice.")
    form.get_by_role("button", name="Send").click()
    page.wait_for_url("**/comments/post/")
    assert "This does not look like an email address." in page.locator("form.comment-form").inner_text()
    assert page.get_by_label("Text").input_value() == "Words I do not want to type twice."
    assert page.get_by_label("Name").input_value() == "Omar"
    assert not Comment.objects.exists()
    context.close()


def test_without_javascript_a_reader_confirms_the_comment_once(browser, live_site, settings) -> None:
    settings.COMMENTS_MIN_SECONDS = 1
    article = ArticleFactory(title="Talks resume in Muscat")
    context = browser.new_context(viewport=PHONE, base_url=live_site, java_script_enabled=False)
    page = context.new_page()
    page.goto(article.get_absolute_url())
    form = page.locator("form.comment-form")
    form.get_by_label("Name").fill("Omar")
    form.get_by_label("Email").fill("omar@example.com")
    form.get_by_label("Text").fill("Written without JavaScript.")
    form.get_by_role("button", name="Send").click()
    page.wait_for_url("**/comments/post/")
    assert "Please check your comment, then press Send" in page.get_by_role("alert").inner_text()
    assert page.get_by_label("Text").input_value() == "Written without JavaScript."
    page.wait_for_timeout(1100)  # a person reads it again before pressing Send
    page.locator("form.comment-form").get_by_role("button", name="Send").click()
    page.wait_for_url("**/comments/sent/**")
    assert "Your comment awaits moderation" in page.get_by_role("status").inner_text()
    assert Comment.objects.get().text == "Written without JavaScript."
    context.close()
