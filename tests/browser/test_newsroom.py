"""The newsroom at work in a browser: two editors on one article, a writer's draft reviewed and
published by an editor, a moderator clearing the queue with the keyboard."""

from __future__ import annotations

import re

import pytest

from articles.models import Article, EditorsPick
from comments.models import Comment
from common import editing
from common.models import AutosavedDraft
from tests.browser.conftest import DESKTOP, save_screenshot, serious_accessibility_violations
from tests.factories import ArticleFactory, CommentFactory, EditorsPickFactory, SectionFactory, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

PASSWORD = "correct horse battery staple"


def log_in(open_page, username: str, next_url: str):
    page, watch = open_page(DESKTOP)
    page.goto(f"/admin/login/?next={next_url}")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(f"**{next_url}")
    return page, watch


def test_two_editors_on_one_article_the_second_keeps_their_text(open_page) -> None:
    UserFactory(username="amina", groups=["Editors"])
    UserFactory(username="bahram", groups=["Editors"])
    article = ArticleFactory(title="Ceasefire holds in Daraa", lead="Convoys entered on Sunday.")
    url = f"/admin/articles/article/{article.pk}/change/"

    first, _ = log_in(open_page, "amina", url)
    second, watch = log_in(open_page, "bahram", url)
    assert "amina" in second.locator(".newsroom-notice--presence").inner_text()  # who else is here

    first.locator("#id_lead").fill("Convoys entered on Monday.")
    first.locator("input[name=_save]").first.click()
    first.wait_for_url("**/admin/articles/article/")

    second.locator("#id_title").fill("Ceasefire holds in Daraa for a third day")
    second.locator("input[name=_save]").first.click()
    conflict = second.get_by_role("alert").filter(has_text="Not saved")
    conflict.wait_for()
    assert "amina saved this" in conflict.inner_text()
    assert conflict.locator("ins", has_text="Monday").is_visible()  # what the other editor changed
    assert second.locator("#id_title").input_value() == "Ceasefire holds in Daraa for a third day"
    save_screenshot(second, "admin-edit-conflict")
    assert serious_accessibility_violations(second) == []

    second.get_by_label("Save mine over theirs", exact=False).check()
    second.locator("#id_lead").fill("Convoys entered on Monday.")  # brought their change into mine
    second.locator("input[name=_save]").first.click()
    second.wait_for_url("**/admin/articles/article/")
    article.refresh_from_db()
    assert (article.title, article.lead) == (
        "Ceasefire holds in Daraa for a third day",
        "Convoys entered on Monday.",
    )
    assert watch.console_errors == []


def choose_section(page, name: str) -> None:
    page.locator("#id_section").locator("xpath=..").locator(".select2-selection").click()
    page.locator(".select2-container--open .select2-search__field").fill(name)
    page.locator(".select2-results__option", has_text=name).first.click()


def test_a_writer_submits_and_an_editor_publishes(open_page) -> None:
    SectionFactory(name="News", slug="news")
    UserFactory(username="writer-wafa", groups=["Writers"])
    UserFactory(username="editor-elham", groups=["Editors"])

    writer, watch = log_in(open_page, "writer-wafa", "/admin/articles/article/add/")
    assert writer.locator("#id_status option[value=published]").count() == 0
    assert serious_accessibility_violations(writer) == []
    writer.locator("#id_title").fill("Farmers return to the Ghab plain")
    choose_section(writer, "News")
    writer.locator("#id_lead").fill("The first harvest in years is under way.")
    body = writer.locator(".prose-editor [contenteditable=true]")
    body.click()
    body.type("Tractors were out before dawn.")
    writer.get_by_role("button", name="Save and submit for review").first.click()
    writer.wait_for_url("**/admin/articles/article/")
    article = Article.objects.get(title="Farmers return to the Ghab plain")
    assert article.status == Article.Status.REVIEW and not article.is_public
    assert watch.console_errors == []

    editor, watch = log_in(open_page, "editor-elham", "/admin/")
    queue = editor.locator(".review-queue")
    assert "1 article awaits review." in queue.inner_text()
    queue.get_by_role("link", name="Review now").first.click()
    editor.get_by_role("link", name="Farmers return to the Ghab plain").click()
    editor.locator("#id_status").select_option("published")
    editor.locator("input[name=_save]").first.click()
    editor.wait_for_url(re.compile(r"/admin/articles/article/(\?.*)?$"))  # back to the review queue
    article.refresh_from_db()
    assert article.is_public

    reader, _ = open_page(DESKTOP)
    reader.goto(article.get_absolute_url())
    assert reader.get_by_role("heading", level=1).inner_text() == "Farmers return to the Ghab plain"
    assert watch.console_errors == []


def test_a_moderator_clears_a_queue_of_twenty_with_the_keyboard(open_page) -> None:
    UserFactory(username="mod-mina", groups=["Moderators"])
    article = ArticleFactory(title="Ceasefire holds in Daraa")
    for number in range(20):
        CommentFactory(
            content_object=article,
            status="pending",
            text=f"Comment number {number}",
            email=f"r{number}@example.org",
        )
    page, watch = log_in(open_page, "mod-mina", "/admin/comments/comment/desk/")
    cards = page.locator("[data-comment]")
    assert cards.count() == 20
    assert serious_accessibility_violations(page) == []
    save_screenshot(page, "moderation-desk")
    keys = ["a"] * 18 + ["r", "s"]
    for done, key in enumerate(keys, start=1):
        page.keyboard.press("j")
        page.keyboard.press("k")  # moving around the queue, then back to the current comment
        page.keyboard.press(key)
        page.wait_for_function(f"document.querySelectorAll('[data-comment]').length === {20 - done}")
    assert "This page of the queue is done." in page.locator("[data-desk-status]").inner_text()
    statuses = list(Comment.objects.order_by("created_at", "id").values_list("status", flat=True))
    assert statuses == ["approved"] * 18 + ["rejected", "spam"]
    assert watch.console_errors == []


def test_an_editor_reorders_editors_choice_from_the_keyboard(open_page) -> None:
    UserFactory(username="editor-ezra", groups=["Editors"])
    for position, title in enumerate(["Oldest pick", "Middle pick", "Newest pick"], start=1):
        EditorsPickFactory(position=position, article=ArticleFactory(title=title))
    page, watch = log_in(open_page, "editor-ezra", "/admin/articles/editorspick/")
    move_up = page.get_by_role("button", name="Move “Newest pick” up")
    move_up.focus()
    page.keyboard.press("Enter")
    page.keyboard.press("Enter")  # the button keeps the focus: up twice, to the top
    assert "Moved Newest pick to place 1." in page.locator("[data-order-status]").inner_text()
    page.get_by_role("button", name="Save").click()
    page.wait_for_url("**/admin/articles/editorspick/")
    assert [pick.article.title for pick in EditorsPick.objects.order_by("position")] == [
        "Newest pick",
        "Oldest pick",
        "Middle pick",
    ]
    home = open_page(DESKTOP)[0]
    home.goto("/")
    titles = home.locator(".block--editors-choice .card__title").all_inner_texts()
    assert [title.strip() for title in titles] == ["Newest pick", "Oldest pick", "Middle pick"]
    assert watch.console_errors == []


def test_a_draft_is_kept_while_writing_and_restored_later(open_page, monkeypatch) -> None:
    monkeypatch.setattr(editing, "AUTOSAVE_SECONDS", 5)
    UserFactory(username="editor-ines", groups=["Editors"])
    article = ArticleFactory(title="Talks resume in Muscat", lead="Delegations met on Sunday.")
    url = f"/admin/articles/article/{article.pk}/change/"
    page, watch = log_in(open_page, "editor-ines", url)
    page.locator("#id_lead").fill("Delegations met on Sunday and again on Monday, half-written")
    status = page.locator(".newsroom-autosave")
    status.filter(has_text="Draft kept at").wait_for(timeout=15_000)
    article.refresh_from_db()
    assert article.lead == "Delegations met on Sunday."  # nothing saved to the article, nothing published
    assert AutosavedDraft.objects.get().data["lead"] == [
        "Delegations met on Sunday and again on Monday, half-written"
    ]

    page.goto(url)  # the tab was closed by mistake
    page.get_by_role("link", name="Restore my draft into the form").click()
    assert (
        page.locator("#id_lead").input_value()
        == "Delegations met on Sunday and again on Monday, half-written"
    )
    assert watch.console_errors == []
