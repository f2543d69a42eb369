"""Journeys across the editions: a reader goes from an English story to its Persian version and
comments there on a phone; an Arabic desk's editor translates an English story from admin and
a reader finds it from the English page."""

from __future__ import annotations

import re

import pytest
from django.utils import translation
from playwright.sync_api import expect

from articles.models import Article
from comments.models import Comment
from tests.browser.conftest import DESKTOP, PHONE, save_screenshot, serious_accessibility_violations
from tests.factories import ArticleFactory, TopicFactory, UserFactory, library_image

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

PASSWORD = "correct horse battery staple"
PERSIAN_DIGITS = re.compile("[۰-۹]")


def persian(text: str) -> str:
    with translation.override("fa"):
        return translation.gettext(text)


def test_a_reader_moves_to_the_persian_version_and_comments_in_persian(open_page, settings) -> None:
    settings.COMMENTS_MIN_SECONDS = 1
    original = ArticleFactory(title="Aid enters Gaza through Rafah", language="en")
    version = ArticleFactory(
        title="ورود کمک‌ها به غزه از گذرگاه رفح (UN)",
        lead="کاروان‌های سازمان ملل (UN) روز یکشنبه وارد شدند.",
        language="fa",
        translation_of=original,
    )

    reader, watch = open_page(PHONE)
    reader.goto(original.get_absolute_url())
    reader.get_by_role("navigation", name="Languages").get_by_role("link", name="فارسی").click()
    reader.wait_for_url(f"**{version.get_absolute_url()}")
    html = reader.locator("html")
    expect(html).to_have_attribute("lang", "fa")
    expect(html).to_have_attribute("dir", "rtl")
    assert reader.get_by_role("heading", level=1).inner_text() == version.title
    assert PERSIAN_DIGITS.search(reader.locator(".article__meta time").first.inner_text())
    # No sideways scrolling on the phone.
    assert reader.evaluate("document.documentElement.scrollWidth <= window.innerWidth")

    form = reader.locator("form.comment-form")
    form.get_by_label(persian("Name")).fill("مریم احمدی")
    form.get_by_label(persian("Email")).fill("maryam@example.ir")
    text = "گزارش خوبی بود؛ ممنون. 👏\u200fلطفاً ادامه بدهید."
    form.get_by_label(persian("Text")).fill(text)
    expect(form.locator('input[name="token"]')).not_to_have_value("")
    reader.wait_for_timeout(1100)
    form.get_by_role("button", name=persian("Send")).click()
    reader.wait_for_url("**/fa/comments/sent/**")
    status = reader.get_by_role("status").inner_text()
    assert status == persian("Your comment awaits moderation and will appear once a moderator approves it.")
    expect(reader.locator("html")).to_have_attribute("dir", "rtl")
    comment = Comment.objects.get()
    assert comment.text == text and comment.content_object == version
    assert serious_accessibility_violations(reader) == []
    assert watch.foreign_requests == [] and watch.console_errors == []
    save_screenshot(reader, "editions-fa-comment-sent-phone")


def test_an_arabic_desk_translates_an_english_story_and_readers_find_it(open_page) -> None:
    UserFactory(username="arabic-desk", groups=["Editors", "Arabic edition"])
    picture = library_image("rafah.jpg", size=(1200, 700), description="Trucks at the Rafah crossing.")
    topic = TopicFactory(name="Gaza", slug="gaza", name_ar="غزة")
    original = ArticleFactory(title="Aid enters Gaza through Rafah", language="en", hero_image=picture)
    original.topics.set([topic])

    editor, watch = open_page(DESKTOP)
    editor.goto("/admin/login/?next=/admin/articles/article/")
    editor.get_by_label("Username").fill("arabic-desk")
    editor.get_by_label("Password").fill(PASSWORD)
    editor.get_by_role("button", name="Log in").click()
    editor.wait_for_url("**/admin/articles/article/")
    # The desk's own list is empty; the English edition's, asked for with the filter, has the story.
    editor.goto("/admin/articles/article/?language__exact=en")
    editor.get_by_role("link", name="Aid enters Gaza through Rafah").click()
    editor.get_by_role("link", name="Translate into Arabic").click()
    editor.wait_for_url("**/admin/articles/article/add/?translation_of=*")

    title = editor.locator("#id_title")
    expect(title).to_have_attribute("dir", "rtl")  # the Arabic edition's words run right to left
    expect(editor.locator("#id_language")).to_have_value("ar")
    title.fill("دخول المساعدات إلى غزة عبر رفح")
    editor.locator("#id_lead").fill("عبرت قوافل الأمم المتحدة معبر رفح يوم الأحد.")
    body = editor.locator(".prose-editor [contenteditable=true]")
    expect(body).to_have_attribute("dir", "rtl")
    body.click()
    body.type("اصطف السكان على الطريق عند وصول الشاحنات الأولى.")
    editor.get_by_label("Description (alt text)").fill("شاحنات عند معبر رفح.")
    editor.locator("#id_tags").fill("غزة، رفح")
    editor.locator("#id_status").select_option("published")
    assert serious_accessibility_violations(editor) == []
    editor.get_by_role("button", name="Save", exact=True).last.click()
    editor.wait_for_url("**/admin/articles/article/")
    assert "was added successfully" in editor.locator(".messagelist").inner_text()

    translation_ = Article.objects.get(language="ar")
    assert translation_.translation_of == original and translation_.is_public
    assert translation_.section == original.section and translation_.hero_image == picture
    assert list(translation_.topics.all()) == [topic]
    assert watch.console_errors == []

    reader, reader_watch = open_page(PHONE)
    reader.goto(original.get_absolute_url())
    reader.get_by_role("navigation", name="Languages").get_by_role("link", name="العربية").click()
    reader.wait_for_url(f"**{translation_.get_absolute_url()}")
    assert reader.get_by_role("heading", level=1).inner_text() == "دخول المساعدات إلى غزة عبر رفح"
    assert "غزة" in reader.locator(".article__section").inner_text()
    assert serious_accessibility_violations(reader) == []
    assert reader_watch.foreign_requests == [] and reader_watch.console_errors == []
    save_screenshot(reader, "editions-ar-translation-phone")


@pytest.mark.parametrize("language", ["ar", "fa"])
def test_the_admin_in_arabic_and_persian_is_right_to_left_and_accessible(open_page, language: str) -> None:
    UserFactory(username="desk-editor", groups=["Editors"])
    ArticleFactory(title="Aid enters Gaza", language="en")
    page, watch = open_page(DESKTOP)
    page.goto("/admin/login/?next=/admin/")
    page.get_by_label("Username").fill("desk-editor")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url("**/admin/")
    page.locator("#admin-language").select_option(language)
    page.locator(".admin-language button").click()
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    expect(page.locator("html")).to_have_attribute("lang", language)
    for url in ("/admin/", "/admin/articles/article/", "/admin/articles/article/add/"):
        page.goto(url)
        assert serious_accessibility_violations(page) == [], url
    assert watch.console_errors == []
    save_screenshot(page, f"editions-admin-{language}-article-form")
