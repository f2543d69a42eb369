"""The moderation desk: decisions one at a time with their context, reversible, blocking the
sender in one click, deletion apart with its confirmation."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.contrib.messages import get_messages
from django.test import Client
from django.utils import timezone

from comments import spam
from comments.models import BlockRule, Comment
from common.models import Purge
from tests.factories import ArticleFactory, CommentFactory
from tests.html import assert_in_html

pytestmark = pytest.mark.django_db

DESK_URL = "/admin/comments/comment/desk/"


@pytest.fixture
def article():
    return ArticleFactory(title="Ceasefire holds in Daraa")


@pytest.fixture
def moderator_client(client: Client, moderator) -> Client:
    client.force_login(moderator)
    return client


def pending(article, minutes_ago: int = 0, **fields) -> Comment:
    return CommentFactory(
        content_object=article,
        status="pending",
        created_at=timezone.now() - timedelta(minutes=minutes_ago),
        **fields,
    )


def messages_of(response) -> list[str]:
    return [str(message) for message in get_messages(response.wsgi_request)]


def test_desk_shows_each_comment_with_its_context(moderator_client: Client, article) -> None:
    CommentFactory(content_object=article, name="First reader", text="The first word on it.")
    CommentFactory(
        content_object=ArticleFactory(title="Another story"), email="sender@example.org", status="spam"
    )
    waiting = pending(
        article, name="Sender", email="Sender@Example.org", text="Line one\nLine two <b>bold?</b>"
    )
    response = moderator_client.get(DESK_URL)
    assert response.status_code == 200
    page = response.content.decode()
    assert_in_html(f'<a href="{article.get_absolute_url()}#comments">Ceasefire holds in Daraa</a>', page)
    assert "Comment 2 of 2 on this page" in page
    assert "The first word on it." in page  # the comment before it in the discussion
    entry = response.context["entries"][0]
    assert [other.status for other in entry.sender_history] == ["spam"]  # the sender's history, any case
    assert "&lt;b&gt;bold?&lt;/b&gt;" in page  # reader text escaped
    assert f'action="/admin/comments/comment/{waiting.pk}/moderate/"' in page
    assert 'value="approve"' in page and 'value="reject"' in page and 'value="spam"' in page


def test_desk_queries_do_not_grow_with_the_queue(
    moderator_client: Client, django_assert_max_num_queries
) -> None:
    articles = ArticleFactory.create_batch(3)
    for index in range(30):
        pending(articles[index % 3], minutes_ago=index, email=f"reader{index % 5}@example.org")
    with django_assert_max_num_queries(20):
        response = moderator_client.get(DESK_URL)
    assert len(response.context["entries"]) == 30


def test_approve_moves_on_to_the_next_and_shows_the_comment(
    moderator_client: Client, client: Client, article
) -> None:
    first = pending(article, minutes_ago=10, text="Worth reading.")
    second = pending(article, minutes_ago=5)
    response = moderator_client.post(f"/admin/comments/comment/{first.pk}/moderate/", {"decision": "approve"})
    assert response.status_code == 302
    assert response["Location"] == f"{DESK_URL}#comment-{second.pk}"
    first.refresh_from_db()
    assert first.status == "approved" and first.moderated_by is not None
    assert "Worth reading." in Client().get(article.get_absolute_url()).content.decode()


def test_the_desk_answers_its_script_in_json(moderator_client: Client, article) -> None:
    first, second = pending(article, minutes_ago=2), pending(article, minutes_ago=1)
    response = moderator_client.post(
        f"/admin/comments/comment/{first.pk}/moderate/",
        {"decision": "spam"},
        headers={"accept": "application/json"},
    )
    assert response.json() == {"ok": True, "message": "Marked as spam.", "next": second.pk}
    bad = moderator_client.post(
        f"/admin/comments/comment/{second.pk}/moderate/",
        {"decision": "delete"},
        headers={"accept": "application/json"},
    )
    assert bad.status_code == 400 and not bad.json()["ok"]
    second.refresh_from_db()
    assert second.status == "pending"


def test_reject_and_spam_are_reversible(moderator_client: Client, article) -> None:
    comment = pending(article)
    moderator_client.post(f"/admin/comments/comment/{comment.pk}/moderate/", {"decision": "reject"})
    page = moderator_client.get(DESK_URL, {"status": "rejected"}).content.decode()
    assert 'value="pending"' in page
    moderator_client.post(f"/admin/comments/comment/{comment.pk}/moderate/", {"decision": "pending"})
    comment.refresh_from_db()
    assert comment.status == "pending"


def test_unapproving_purges_the_article_page(moderator_client: Client, article) -> None:
    comment = CommentFactory(content_object=article)
    Purge.objects.all().delete()
    moderator_client.post(f"/admin/comments/comment/{comment.pk}/moderate/", {"decision": "reject"})
    assert any(f"article:{article.pk}:comments" in purge.keys for purge in Purge.objects.all())


@pytest.mark.parametrize(
    ("kind", "rule_kind", "value"),
    [
        ("email", "email", "spammer@junk.example"),
        ("domain", "email", "@junk.example"),
        ("network", "network", "203.0.113.9/32"),
    ],
)
def test_one_click_blocks_the_sender(moderator_client: Client, article, kind, rule_kind, value) -> None:
    comment = pending(article, email="Spammer@Junk.example", ip_address="203.0.113.9")
    other = pending(article, email="spammer@junk.example", ip_address="203.0.113.9", text="More of the same")
    response = moderator_client.post(
        f"/admin/comments/comment/{comment.pk}/block/", {"kind": kind}, follow=True
    )
    assert BlockRule.objects.filter(kind=rule_kind, value=value).exists()
    assert f"Blocked {value}." in messages_of(response)[0]
    comment.refresh_from_db()
    other.refresh_from_db()
    assert comment.status == other.status == "spam"
    # The next comment from them arrives as spam, by the rule the desk wrote.
    verdict = spam.assess("Someone", "spammer@junk.example", "Hello again", "203.0.113.9")
    assert verdict.status == Comment.Status.SPAM


def test_blocking_an_address_that_was_forgotten_says_so(moderator_client: Client, article) -> None:
    comment = pending(article, ip_address=None)
    response = moderator_client.post(
        f"/admin/comments/comment/{comment.pk}/block/", {"kind": "network"}, follow=True
    )
    assert "no such detail to block" in messages_of(response)[0]
    assert not BlockRule.objects.exists()
    response = moderator_client.post(
        f"/admin/comments/comment/{comment.pk}/block/", {"kind": "nonsense"}, follow=True
    )
    assert not BlockRule.objects.exists()


def test_deletion_is_apart_and_asks_first(moderator_client: Client, article) -> None:
    comment = pending(article)
    page = moderator_client.get(DESK_URL).content.decode()
    assert f'href="/admin/comments/comment/{comment.pk}/delete/"' in page
    confirm = moderator_client.get(f"/admin/comments/comment/{comment.pk}/delete/")
    assert confirm.status_code == 200 and "Are you sure" in confirm.content.decode()
    assert Comment.objects.filter(pk=comment.pk).exists()


def test_only_moderators_use_the_desk(editor_client: Client, article) -> None:
    comment = pending(article)
    assert editor_client.get(DESK_URL).status_code == 403
    assert (
        editor_client.post(
            f"/admin/comments/comment/{comment.pk}/moderate/", {"decision": "approve"}
        ).status_code
        == 403
    )
    assert (
        editor_client.post(f"/admin/comments/comment/{comment.pk}/block/", {"kind": "email"}).status_code
        == 403
    )
    comment.refresh_from_db()
    assert comment.status == "pending"


def test_decisions_need_a_post_and_csrf(moderator, article) -> None:
    comment = pending(article)
    strict = Client(enforce_csrf_checks=True)
    strict.force_login(moderator)
    assert (
        strict.post(f"/admin/comments/comment/{comment.pk}/moderate/", {"decision": "approve"}).status_code
        == 403
    )
    assert strict.get(f"/admin/comments/comment/{comment.pk}/moderate/").status_code == 302
    comment.refresh_from_db()
    assert comment.status == "pending"


@pytest.mark.parametrize("status", ["", "approved", "<script>", "x" * 500])
def test_odd_queue_names_show_the_pending_queue(moderator_client: Client, status: str) -> None:
    response = moderator_client.get(DESK_URL, {"status": status, "page": "abc"})
    assert response.status_code == 200
    assert response.context["status"] == "pending"


def test_admin_index_links_to_the_desk(moderator_client: Client, article) -> None:
    pending(article)
    assert DESK_URL in moderator_client.get("/admin/").content.decode()


def test_the_list_of_comments_links_to_the_desk(moderator_client: Client) -> None:
    assert f'href="{DESK_URL}"' in moderator_client.get("/admin/comments/comment/").content.decode()
