"""The newsroom's admin pages pass axe without serious or critical findings: the scripted
widgets (autocomplete selects, the body editor, date and time inputs) carry accessible names."""

from __future__ import annotations

import pytest
from reversion.models import Version

from articles.models import Correction
from tests.browser.conftest import serious_accessibility_violations
from tests.browser.test_newsroom import log_in
from tests.factories import (
    AlbumFactory,
    ArticleFactory,
    CommentFactory,
    EditorsPickFactory,
    FilmFactory,
    PhotoFactory,
    TopicFactory,
    UserFactory,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_editors_admin_pages_have_no_serious_accessibility_findings(open_page) -> None:
    UserFactory(username="axe-editor", groups=["Editors"])
    article = ArticleFactory(title="Ceasefire holds in Daraa")
    Correction.objects.create(article=article, text="A date was wrong.")
    EditorsPickFactory(article=article)
    album = AlbumFactory()
    PhotoFactory(album=album)
    film = FilmFactory()
    topic = TopicFactory()
    page, watch = log_in(open_page, "axe-editor", f"/admin/articles/article/{article.pk}/change/")
    # Two saves: two versions to compare.
    page.locator("#id_lead").fill("Convoys entered on Monday.")
    page.locator("input[name=_continue]").first.click()
    page.wait_for_load_state()
    page.locator("input[name=_continue]").first.click()
    page.wait_for_load_state()
    newest, older = Version.objects.get_for_object(article).order_by("-pk")[:2]
    urls = [
        f"/admin/articles/article/{article.pk}/change/",
        "/admin/articles/article/add/",
        "/admin/articles/article/",
        "/admin/articles/editorspick/",
        f"/admin/articles/article/{article.pk}/history/",
        f"/admin/articles/article/{article.pk}/history/compare/?before={older.pk}&after={newest.pk}",
        f"/admin/gallery/album/{album.pk}/change/",
        f"/admin/gallery/film/{film.pk}/change/",
        f"/admin/focus/topic/{topic.pk}/change/",
        "/admin/",
    ]
    found = {}
    for url in urls:
        page.goto(url)
        page.wait_for_load_state("networkidle")
        violations = serious_accessibility_violations(page)
        if violations:
            found[url] = violations
    assert found == {}
    assert watch.console_errors == []


def test_the_moderation_desk_has_no_serious_accessibility_findings(open_page) -> None:
    UserFactory(username="axe-moderator", groups=["Moderators"])
    CommentFactory.create_batch(3, status="pending", ip_address="198.51.100.4")
    page, watch = log_in(open_page, "axe-moderator", "/admin/comments/comment/desk/")
    assert serious_accessibility_violations(page) == []
    page.goto("/admin/comments/comment/desk/?status=spam")
    assert serious_accessibility_violations(page) == []
    assert watch.console_errors == []
