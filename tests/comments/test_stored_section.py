"""The comments section of a public page is rendered once and stored (comments/blocks.py):
every way what it shows can change must reach readers at once, and nothing of one reader's
address may reach another's copy."""

from __future__ import annotations

from datetime import timedelta

import pytest
import time_machine
from django.test import Client
from django.utils import timezone

from comments.models import Comment
from common.models import Fragment
from tests.factories import AlbumFactory, ArticleFactory, CommentFactory

pytestmark = pytest.mark.django_db


def comments_of(client: Client, url: str) -> str:
    page = client.get(url).content.decode()
    return page.split('id="comments"')[1].split("</section>")[0]


def test_the_section_is_stored_and_serves_the_next_reader_unchanged(client: Client) -> None:
    article = ArticleFactory()
    CommentFactory(content_object=article, text="Well reported.")
    first = comments_of(client, article.get_absolute_url())
    assert Fragment.objects.filter(name__startswith="comments:").count() == 1
    assert comments_of(client, article.get_absolute_url()) == first
    assert "Well reported." in first and "Write a comment" in first


def test_a_moderators_approval_reaches_the_stored_section(client: Client, moderator) -> None:
    article = ArticleFactory()
    waiting = CommentFactory(
        content_object=article, text="Awaiting a moderator.", status=Comment.Status.PENDING
    )
    assert "Awaiting a moderator." not in comments_of(client, article.get_absolute_url())
    desk = Client()
    desk.force_login(moderator)
    response = desk.post(f"/admin/comments/comment/{waiting.pk}/moderate/", {"decision": "approve"})
    assert response.status_code == 302
    section = comments_of(client, article.get_absolute_url())
    assert "Awaiting a moderator." in section and "(1)" in section
    # And back: a rejected comment leaves the page again.
    desk.post(f"/admin/comments/comment/{waiting.pk}/moderate/", {"decision": "reject"})
    assert "Awaiting a moderator." not in comments_of(client, article.get_absolute_url())


def test_closing_comments_by_hand_or_by_time_reaches_the_stored_section(client: Client) -> None:
    article = ArticleFactory(published_at=timezone.now() - timedelta(days=29, hours=23))
    album = AlbumFactory()
    assert "Write a comment" in comments_of(client, article.get_absolute_url())
    assert "Write a comment" in comments_of(client, album.get_absolute_url())
    with time_machine.travel(timezone.now() + timedelta(hours=2)):  # 30 days after publication
        assert "Comments are closed." in comments_of(client, article.get_absolute_url())
    album.comments_enabled = False
    album.save()
    assert "Comments are closed." in comments_of(client, album.get_absolute_url())


def test_addresses_with_a_query_get_their_own_section_and_never_store_it(client: Client) -> None:
    article = ArticleFactory()
    for number in range(55):  # two pages of comments
        CommentFactory(content_object=article, text=f"Comment number {number}.")
    tracked = comments_of(client, f"{article.get_absolute_url()}?utm_source=newsletter")
    assert "utm_source=newsletter" in tracked  # its page links keep the reader's parameters
    assert not Fragment.objects.filter(name__startswith="comments:").exists()
    plain = comments_of(client, article.get_absolute_url())
    assert "utm_source" not in plain and "?comments=2#comments" in plain
    assert "Comment number 54." in comments_of(client, f"{article.get_absolute_url()}?comments=2")


def test_a_preview_is_never_stored(client: Client, editor) -> None:
    draft = ArticleFactory(status="draft", published_at=None)
    client.force_login(editor)
    assert client.get(draft.get_absolute_url()).status_code == 200
    assert not Fragment.objects.filter(name__startswith="comments:").exists()
