"""Readers comment, spam stays out, moderators decide."""

from __future__ import annotations

import time
from datetime import timedelta
from html.parser import HTMLParser
from io import StringIO

import pytest
import time_machine
from django.contrib.messages import get_messages
from django.core import mail
from django.core.management import call_command
from django.test import Client, RequestFactory
from django.utils import timezone

from comments import spam, targets
from comments.models import BlockRule, Comment
from common.client_address import client_ip
from tests.factories import ArticleFactory, CommentFactory
from tests.html import assert_in_html

pytestmark = pytest.mark.django_db

POST_URL = "/comments/post/"
START_URL = "/comments/start/"
BROWSER = "TestBrowser/1.0"
FROM_OUR_PAGE = {"origin": "http://testserver", "user-agent": BROWSER}


def token_for(article, age: float = 10, ip: str = "198.51.100.7", browser: str = BROWSER) -> str:
    """The token the form would have asked for ``age`` seconds ago, as this reader."""
    reader = spam.reader_fingerprint(ip, browser)
    return spam.form_token(targets.target_key(article), reader, issued_at=time.time() - age)


def comment_data(article, age: float = 10, ip: str = "198.51.100.7", **fields) -> dict[str, str]:
    data = {
        "target": targets.target_key(article),
        "name": "Leila",
        "email": "leila@example.com",
        "text": "A thoughtful remark about the article.",
        "website": "",
        "token": token_for(article, age=age, ip=ip),
    }
    data.update(fields)
    return data


def send(
    client: Client, article, age: float = 10, ip: str = "198.51.100.7", headers: dict | None = None, **fields
):
    return client.post(
        POST_URL,
        comment_data(article, age=age, ip=ip, **fields),
        REMOTE_ADDR=ip,
        headers={**FROM_OUR_PAGE, **(headers or {})},
    )


class MarkupFinder(HTMLParser):
    """The elements and attributes a browser would build from a piece of HTML."""

    def __init__(self) -> None:
        super().__init__()
        self.elements: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.elements.append((tag, dict(attrs)))


@pytest.fixture
def article():
    return ArticleFactory(title="Ceasefire holds in Daraa")


def test_comment_awaits_moderation(client: Client, article) -> None:
    CommentFactory(content_object=article, text="An earlier, approved comment.")
    response = send(client, article)
    assert response.status_code == 303
    comment = Comment.objects.get(status=Comment.Status.PENDING)
    assert comment.content_object == article
    assert (comment.ip_address, comment.user_agent) == ("198.51.100.7", "TestBrowser/1.0")
    page = client.get(response["Location"])
    assert "private" in page["Cache-Control"] and "no-store" in page["Cache-Control"]  # this reader's alone
    html = page.content.decode()
    assert "Your comment awaits moderation" in html
    assert "An earlier, approved comment." in html  # next to the page's comments
    assert f'href="{article.get_absolute_url()}#comments"' in html
    assert "A thoughtful remark" not in html
    # The article's own page, the copy every reader gets, says nothing of it.
    assert "awaits moderation" not in client.get(article.get_absolute_url()).content.decode()


def test_approved_comments_show_oldest_first_with_name_date_and_count(client: Client, article) -> None:
    now = timezone.now()
    CommentFactory(
        content_object=article, name="Second", text="Later words", created_at=now - timedelta(hours=1)
    )
    CommentFactory(
        content_object=article, name="First", text="Earlier words", created_at=now - timedelta(hours=2)
    )
    CommentFactory(content_object=article, name="Waiting", status=Comment.Status.PENDING)
    CommentFactory(content_object=article, name="Junk", status=Comment.Status.SPAM)
    html = client.get(article.get_absolute_url()).content.decode()
    section = html.split('id="comments"')[1]
    assert section.index("Earlier words") < section.index("Later words")
    assert "Waiting" not in section and "Junk" not in section
    assert_in_html('<span class="comments__count">(2)</span>', html)


@pytest.mark.parametrize(
    "field, payload",
    [
        ("name", "<script>alert('name')</script>"),
        ("name", '<img src=x onerror="alert(1)">'),
        ("text", "<script>alert('text')</script>"),
        ("text", '<a href="javascript:alert(1)">click</a>'),
        ("text", "javascript:alert(document.cookie)"),
        ("text", '"><svg onload=alert(1)>'),
        ("text", "\u202eevil\u202c <b>bold</b> \u200f"),
    ],
)
def test_reader_html_never_reaches_the_page_as_markup(
    client: Client, article, field: str, payload: str
) -> None:
    CommentFactory(content_object=article, **{field: payload})
    html = client.get(article.get_absolute_url()).content.decode()
    comments = html.split('<ol class="comment-list">')[1].split("</ol>")[0]
    finder = MarkupFinder()
    finder.feed(comments)
    tags = {tag for tag, _ in finder.elements}
    assert tags <= {"li", "p", "bdi", "time", "div", "br", "a"}, tags
    for tag, attrs in finder.elements:
        assert not any(name.startswith("on") for name in attrs), (tag, attrs)
        assert not (attrs.get("href") or "").lower().startswith("javascript"), attrs


def test_line_breaks_kept_and_bare_urls_linked_without_credit(client: Client, article) -> None:
    CommentFactory(
        content_object=article, text="First line\nSecond line\n\nSee https://example.org/report?a=1&b=2 now"
    )
    section = client.get(article.get_absolute_url()).content.decode().split('id="comments"')[1]
    assert "First line<br>Second line" in section
    assert_in_html(
        '<a href="https://example.org/report?a=1&amp;b=2" rel="nofollow ugc noopener">'
        "https://example.org/report?a=1&amp;b=2</a>",
        section.split("</section>")[0],
    )


def test_commenters_email_never_appears_in_the_page(client: Client, article) -> None:
    CommentFactory(content_object=article, email="private.person@example.net")
    html = client.get(article.get_absolute_url()).content.decode()
    assert "private.person" not in html and "example.net" not in html


@pytest.mark.parametrize(
    "fields, field, message",
    [
        ({"name": ""}, "name", "Please write your name."),
        ({"name": "   "}, "name", "Please write your name."),
        ({"email": ""}, "email", "Please give your email address"),
        ({"email": "not-an-email"}, "email", "does not look like an email address"),
        ({"text": ""}, "text", "Please write your comment."),
        ({"name": "n" * 81}, "name", "at most 80 characters"),
        ({"text": "t" * 3001}, "text", "Please keep your comment under 3000 characters (it has 3001)."),
        ({"text": "null\x00byte"}, "text", "Null characters are not allowed."),
    ],
)
def test_bad_input_reshows_the_form_with_what_was_typed_and_a_plain_message(
    client: Client, article, fields, field, message
) -> None:
    response = send(client, article, **fields)
    assert response.status_code == 400
    html = response.content.decode()
    assert message in str(response.context["form"].errors[field])
    assert "Please correct what is marked below" in html
    typed = {**comment_data(article), **fields}
    if field != "name" and typed["name"].strip():
        assert f'value="{typed["name"]}"' in html
    assert not Comment.objects.exists()


def test_persian_arabic_and_emoji_comments_are_welcome(client: Client, article) -> None:
    text = "این تحلیل بسیار خوب بود 👏 — تحليل ممتاز \u200f"
    assert send(client, article, name="مریم", text=text).status_code == 303
    comment = Comment.objects.get()
    assert (comment.name, comment.text) == ("مریم", text.strip())


def test_honeypot_filled_is_refused_and_nothing_is_stored(client: Client, article) -> None:
    response = send(client, article, website="https://spam.example")
    assert response.status_code == 400
    assert "could not be accepted" in response.content.decode()
    assert not Comment.objects.exists()


def form_token_in(response) -> str:
    return response.content.decode().split('name="token" value="')[1].split('"')[0]


def post_as_reader(client: Client, data: dict, ip: str = "198.51.100.7", **headers):
    return client.post(POST_URL, data, REMOTE_ADDR=ip, headers={**FROM_OUR_PAGE, **headers})


def test_form_sent_faster_than_a_human_could_is_refused(client: Client, article) -> None:
    response = send(client, article, age=0.5)
    assert response.status_code == 400
    assert "That was very fast" in response.content.decode()
    assert not Comment.objects.exists()


def test_a_token_expires_and_the_reader_gets_a_fresh_one_with_their_words(
    client: Client, article, settings
) -> None:
    response = send(client, article, age=settings.COMMENTS_TOKEN_MAX_AGE_SECONDS + 60)
    assert response.status_code == 400
    html = response.content.decode()
    assert "open for a long time" in html
    assert form_token_in(response) and "A thoughtful remark" in html
    assert not Comment.objects.exists()


@pytest.mark.parametrize("token", ["", "garbage", "eyJ0YXJnZXQiOiJ4In0:forged:signature"])
def test_without_a_good_token_the_reader_confirms_and_nothing_is_lost(
    client: Client, article, token: str
) -> None:
    """What a reader without JavaScript meets: the comment comes back to be sent once more."""
    with time_machine.travel(timezone.now(), tick=False) as clock:
        first = post_as_reader(client, {**comment_data(article), "token": token})
        assert first.status_code == 200
        assert "no-store" in first["Cache-Control"]
        html = first.content.decode()
        assert "Please check your comment, then press Send" in html and "A thoughtful remark" in html
        assert not Comment.objects.exists()
        clock.shift(5)  # the reader reads it again and presses Send
        second = post_as_reader(client, {**comment_data(article), "token": form_token_in(first)})
    assert second.status_code == 303
    assert Comment.objects.get().text == "A thoughtful remark about the article."


def test_a_robot_pressing_send_at_once_on_the_confirm_step_is_refused(client: Client, article) -> None:
    first = post_as_reader(client, {**comment_data(article), "token": ""})
    again = post_as_reader(client, {**comment_data(article), "token": form_token_in(first)})
    assert again.status_code == 400 and "That was very fast" in again.content.decode()
    assert not Comment.objects.exists()


def test_a_token_is_good_for_one_comment(client: Client, article) -> None:
    data = comment_data(article)
    assert post_as_reader(client, data).status_code == 303
    again = post_as_reader(client, {**data, "text": "Another comment"})
    assert again.status_code == 400
    assert Comment.objects.count() == 1


def test_a_token_is_good_for_the_reader_it_was_given_to(client: Client, article) -> None:
    stolen = comment_data(article, ip="198.51.100.7")
    elsewhere = post_as_reader(client, stolen, ip="203.0.113.50")
    assert elsewhere.status_code == 200 and "Please check your comment" in elsewhere.content.decode()
    other_browser = post_as_reader(client, stolen, **{"user-agent": "OtherBrowser/2"})
    assert other_browser.status_code == 200
    assert not Comment.objects.exists()


def test_a_token_for_other_content_is_not_enough(client: Client, article) -> None:
    other = ArticleFactory()
    assert post_as_reader(client, {**comment_data(article), "token": token_for(other)}).status_code == 200
    assert not Comment.objects.exists()


def test_the_form_asks_for_its_token_when_the_reader_starts_writing(client: Client, article) -> None:
    target = {"target": targets.target_key(article)}
    answer = client.post(START_URL, target, REMOTE_ADDR="198.51.100.7", headers=FROM_OUR_PAGE)
    assert answer.status_code == 200
    assert "no-store" in answer["Cache-Control"]
    token = spam.read_form_token(answer.json()["token"])
    assert token.target == targets.target_key(article)
    assert token.reader == spam.reader_fingerprint("198.51.100.7", BROWSER)
    assert client.get(START_URL).status_code == 405
    assert client.post(START_URL, {"target": "nonsense"}, headers=FROM_OUR_PAGE).status_code == 404
    assert client.post(START_URL, target).status_code == 403  # no origin: not from our page


def test_target_that_takes_no_comments_is_a_404(client: Client, article, editor) -> None:
    data = {**comment_data(article), "target": f"auth.user:{editor.pk}"}
    assert post_as_reader(client, data).status_code == 404


def test_get_on_the_post_address_is_refused(client: Client) -> None:
    assert client.get(POST_URL).status_code == 405


def test_the_sent_page_needs_its_own_fresh_link(client: Client, article) -> None:
    response = send(client, article)
    assert client.get(response["Location"]).status_code == 200
    assert client.get("/comments/sent/?to=forged").status_code == 404
    with time_machine.travel(timezone.now() + timedelta(hours=1)):
        assert client.get(response["Location"]).status_code == 404


def test_rate_limit_per_address_answers_429_with_a_message(client: Client, article, settings) -> None:
    settings.COMMENTS_RATE_LIMIT = 5
    for number in range(5):
        assert send(client, article, text=f"Comment number {number}").status_code == 303
    response = send(client, article, text="One too many")
    assert response.status_code == 429
    assert "Please wait a few minutes" in response.content.decode()
    assert Comment.objects.count() == 5
    assert send(client, article, text="From another reader", ip="203.0.113.9").status_code == 303


def test_rotating_addresses_within_ones_ipv6_network_does_not_escape_the_limit(
    client: Client, article, settings
) -> None:
    settings.COMMENTS_RATE_LIMIT = 3
    for number in range(3):
        ip = f"2001:db8:5:9::{number + 1:x}"
        assert send(client, article, ip=ip, text=f"Comment number {number}").status_code == 303
    assert send(client, article, ip="2001:db8:5:9::ff", text="One too many").status_code == 429
    assert send(client, article, ip="2001:db8:5:a::1", text="Another network").status_code == 303


def test_a_form_another_site_posts_is_refused_whatever_its_origin_header(client: Client, article) -> None:
    response = send(client, article, headers={"sec-fetch-site": "cross-site"})
    assert response.status_code == 403 and not Comment.objects.exists()


def test_forwarded_address_is_trusted_only_when_configured(client: Client, article, settings) -> None:
    send(client, article, text="Via proxy", headers={"x-forwarded-for": "1.2.3.4, 192.0.2.50"})
    assert Comment.objects.get(text="Via proxy").ip_address == "198.51.100.7"
    settings.CLIENT_IP_HEADER = "X-Forwarded-For"
    # Behind the proxy, the reader is the address it forwarded, and so is the form's token.
    data = comment_data(article, ip="192.0.2.50", text="Via trusted proxy")
    post_as_reader(client, data, **{"x-forwarded-for": "1.2.3.4, 192.0.2.50"})
    assert Comment.objects.get(text="Via trusted proxy").ip_address == "192.0.2.50"


@pytest.mark.parametrize(
    ("proxies", "forwarded", "reader"),
    [
        # A TLS terminator then Varnish: the terminator wrote the reader, Varnish wrote the terminator.
        (2, "203.0.113.66, 192.0.2.50, 127.0.0.1", "192.0.2.50"),
        (2, "192.0.2.50, 127.0.0.1", "192.0.2.50"),
        # Fewer hops than proxies (a request from inside): the first proxy's view.
        (2, "192.0.2.50", "192.0.2.50"),
        (1, "203.0.113.66, 192.0.2.50", "192.0.2.50"),
        # Garbage where an address should be: no address rather than a made-up one.
        (1, "192.0.2.50, not-an-address", None),
        (2, "\u202e\u0661\u0662\u0663, 127.0.0.1", None),
    ],
)
def test_the_reader_is_as_many_hops_from_the_right_as_we_have_proxies(
    settings, proxies: int, forwarded: str, reader: str | None
) -> None:
    settings.CLIENT_IP_HEADER = "X-Forwarded-For"
    settings.CLIENT_IP_PROXY_COUNT = proxies
    request = RequestFactory().get("/", HTTP_X_FORWARDED_FOR=forwarded, REMOTE_ADDR="127.0.0.1")
    assert client_ip(request) == reader


def test_too_many_links_is_stored_as_spam_and_the_reader_is_not_told(client: Client, article) -> None:
    text = "Buy http://a.example http://b.example www.c.example"
    response = send(client, article, text=text)
    assert response.status_code == 303
    comment = Comment.objects.get()
    assert comment.status == Comment.Status.SPAM
    assert "3 links" in comment.spam_reason


def test_duplicate_comment_is_refused(client: Client, article) -> None:
    assert send(client, article, text="Same words").status_code == 303
    response = send(client, article, text="  same   WORDS \u200b", email="LEILA@example.com")
    assert response.status_code == 400
    assert "You have already sent this comment." in response.content.decode()
    assert Comment.objects.count() == 1
    other = ArticleFactory()
    assert send(client, other, text="Same words").status_code == 303


@pytest.mark.parametrize(
    "kind, value, fields",
    [
        (BlockRule.Kind.WORD, "casino", {"text": "Best CASINO bonuses"}),
        (BlockRule.Kind.WORD, "casino", {"name": "Casino King"}),
        (BlockRule.Kind.EMAIL, "spammer@example.com", {"email": "Spammer@Example.com"}),
        (BlockRule.Kind.EMAIL, "@spam.example", {"email": "anyone@spam.example"}),
        (BlockRule.Kind.NETWORK, "198.51.100.0/24", {}),
    ],
)
def test_block_list_sends_comments_to_spam(client: Client, article, kind, value, fields) -> None:
    BlockRule.objects.create(kind=kind, value=value)
    assert send(client, article, **fields).status_code == 303
    comment = Comment.objects.get()
    assert comment.status == Comment.Status.SPAM
    assert value in comment.spam_reason


def test_block_rules_are_validated(moderator) -> None:
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError, match="IP address or a range"):
        BlockRule(kind=BlockRule.Kind.NETWORK, value="not-a-network").full_clean()
    with pytest.raises(ValidationError, match="email address"):
        BlockRule(kind=BlockRule.Kind.EMAIL, value="nobody").full_clean()
    rule = BlockRule(kind=BlockRule.Kind.NETWORK, value="203.0.113.7/24")
    rule.full_clean()
    assert rule.value == "203.0.113.0/24"


@pytest.mark.parametrize(
    "headers",
    [
        {"origin": "https://evil.example"},
        {"referer": "https://evil.example/page"},
        {"origin": "null"},
        {},  # neither: a forged request that hides where it comes from
    ],
)
def test_forms_from_other_sites_are_refused(article, headers) -> None:
    strict = Client(enforce_csrf_checks=True)
    response = strict.post(
        POST_URL,
        comment_data(article),
        REMOTE_ADDR="198.51.100.7",
        headers={"user-agent": BROWSER, **headers},
    )
    assert response.status_code == 403
    assert "not sent from our site" in response.content.decode()
    assert not Comment.objects.exists()


def test_a_reader_posts_from_our_page_with_no_csrf_token_in_it(article) -> None:
    strict = Client(enforce_csrf_checks=True)
    page = strict.get(article.get_absolute_url(), REMOTE_ADDR="198.51.100.7", headers={"user-agent": BROWSER})
    html = page.content.decode()
    assert "csrfmiddlewaretoken" not in html and not page.cookies  # one copy for every reader
    assert 'name="token" value=""' in html
    referer = {"referer": f"http://testserver{article.get_absolute_url()}", "user-agent": BROWSER}
    response = strict.post(POST_URL, comment_data(article), REMOTE_ADDR="198.51.100.7", headers=referer)
    assert response.status_code == 303


def test_editors_close_comments_on_an_article(client: Client, article) -> None:
    article.comments_enabled = False
    article.save()
    html = client.get(article.get_absolute_url()).content.decode()
    assert "Comments are closed." in html
    assert 'action="/comments/post/"' not in html
    response = send(client, article)
    assert response.status_code == 403
    assert "Comments are closed on this page." in response.content.decode()
    assert not Comment.objects.exists()


def test_comments_close_by_themselves_after_the_configured_days(client: Client, settings) -> None:
    settings.COMMENTS_CLOSE_AFTER_DAYS = 30
    old = ArticleFactory(published_at=timezone.now() - timedelta(days=31))
    recent = ArticleFactory(published_at=timezone.now() - timedelta(days=29))
    assert "Comments are closed." in client.get(old.get_absolute_url()).content.decode()
    assert send(client, old).status_code == 403
    assert send(client, recent).status_code == 303


def test_comment_on_an_unpublished_article_is_a_404(client: Client) -> None:
    from articles.models import Article

    draft = ArticleFactory(status=Article.Status.DRAFT)
    assert send(client, draft).status_code == 404


# The article's address and title, its stored story, and the page of approved comments with
# their count: on a running site, whose menu and purge log are in memory.
ARTICLE_WITH_COMMENTS_QUERIES = 3


@pytest.mark.parametrize("count", [1, 200])
def test_article_page_queries_do_not_grow_with_comments(
    client: Client, django_assert_num_queries, article, count: int
) -> None:
    Comment.objects.bulk_create(
        [
            Comment(
                content_object=article,
                name=f"Reader {n}",
                email="r@example.com",
                text=f"Words {n}",
                text_html=f"<p>Words {n}</p>",
                status="approved",
            )
            for n in range(count)
        ]
    )
    client.get(article.get_absolute_url())
    with django_assert_num_queries(ARTICLE_WITH_COMMENTS_QUERIES):
        response = client.get(article.get_absolute_url())
    assert response.content.decode().count('class="comment"') == min(count, 50)  # 50 a page


# --- moderation -------------------------------------------------------------------------


def test_moderation_queue_shows_pending_first_then_newest(client: Client, article, moderator) -> None:
    now = timezone.now()
    old_pending = CommentFactory(content_object=article, status="pending", created_at=now - timedelta(days=2))
    new_pending = CommentFactory(
        content_object=article, status="pending", created_at=now - timedelta(hours=1)
    )
    approved = CommentFactory(content_object=article, status="approved", created_at=now)
    client.force_login(moderator)
    response = client.get("/admin/comments/comment/")
    assert list(response.context["cl"].result_list) == [new_pending, old_pending, approved]
    html = response.content.decode()
    assert article.get_absolute_url() in html and old_pending.email in html


def test_moderator_approves_in_bulk_and_the_comment_appears(client: Client, article, moderator) -> None:
    waiting = [
        CommentFactory(content_object=article, status="pending", text=f"Pending {n}") for n in range(3)
    ]
    client.force_login(moderator)
    response = client.post(
        "/admin/comments/comment/",
        {"action": "approve", "_selected_action": [c.pk for c in waiting[:2]]},
        follow=True,
    )
    assert "2 comments were approved." in [str(m) for m in get_messages(response.wsgi_request)]
    approved = Comment.objects.get(pk=waiting[0].pk)
    assert approved.moderated_by == moderator and approved.moderated_at is not None
    client.logout()
    html = client.get(article.get_absolute_url()).content.decode()
    assert "Pending 0" in html and "Pending 1" in html and "Pending 2" not in html


@pytest.mark.parametrize(
    "action, status, message",
    [
        ("reject", "rejected", "1 comment was rejected."),
        ("mark_as_spam", "spam", "1 comment was marked as spam."),
    ],
)
def test_moderator_rejects_or_marks_spam(client: Client, article, moderator, action, status, message) -> None:
    comment = CommentFactory(content_object=article, status="pending")
    client.force_login(moderator)
    response = client.post(
        "/admin/comments/comment/", {"action": action, "_selected_action": [comment.pk]}, follow=True
    )
    assert message in [str(m) for m in get_messages(response.wsgi_request)]
    assert Comment.objects.get(pk=comment.pk).status == status


def test_admin_index_shows_how_many_comments_wait(client: Client, article, moderator) -> None:
    CommentFactory.create_batch(3, content_object=article, status="pending")
    client.force_login(moderator)
    assert "3 comments await moderation." in client.get("/admin/").content.decode()


def test_moderators_moderate_and_nothing_else(client: Client, moderator) -> None:
    client.force_login(moderator)
    for url in ("/admin/comments/comment/", "/admin/comments/blockrule/", "/admin/comments/blockrule/add/"):
        assert client.get(url).status_code == 200, url
    for url in (
        "/admin/articles/article/",
        "/admin/focus/topic/",
        "/admin/auth/user/",
        "/admin/comments/comment/add/",
    ):
        assert client.get(url).status_code == 403, url


def test_editors_do_not_moderate(editor_client: Client) -> None:
    assert editor_client.get("/admin/comments/comment/").status_code == 403
    assert "await moderation" not in editor_client.get("/admin/").content.decode()


def test_moderators_are_emailed_when_configured(client: Client, article, settings) -> None:
    settings.COMMENTS_MODERATOR_EMAILS = ["desk@example.com"]
    send(client, article, text="Please look at this")
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["desk@example.com"]
    assert "Please look at this" in mail.outbox[0].body
    send(client, article, text="http://a.example http://b.example http://c.example")
    assert len(mail.outbox) == 1  # spam does not wake anyone


def test_purge_forgets_old_addresses_and_browsers(article) -> None:
    old = CommentFactory(
        content_object=article,
        ip_address="198.51.100.1",
        user_agent="Old",
        created_at=timezone.now() - timedelta(days=100),
    )
    recent = CommentFactory(content_object=article, ip_address="198.51.100.2", user_agent="New")
    out = StringIO()
    call_command("purge_comment_personal_data", "--days", "90", stdout=out)
    assert "1 comments" in out.getvalue()
    old.refresh_from_db()
    recent.refresh_from_db()
    assert (old.ip_address, old.user_agent) == (None, "")
    assert (recent.ip_address, recent.user_agent) == ("198.51.100.2", "New")


def test_long_discussions_show_fifty_comments_a_page_oldest_first(client: Client, article) -> None:
    now = timezone.now()
    Comment.objects.bulk_create(
        [
            Comment(
                content_object=article,
                name=f"Reader {n}",
                email="r@example.com",
                text=f"Words {n}",
                text_html=f"<p>Words {n}.</p>",
                status="approved",
                created_at=now - timedelta(minutes=200 - n),
            )
            for n in range(120)
        ]
    )
    first = client.get(article.get_absolute_url()).content.decode()
    assert_in_html('<span class="comments__count">(120)</span>', first)
    assert "Words 0." in first and "Words 49." in first and "Words 50." not in first
    assert f'href="{article.get_absolute_url()}?comments=2#comments"' in first
    third = client.get(f"{article.get_absolute_url()}?comments=3").content.decode()
    assert "Words 100." in third and "Words 119." in third and "Words 99." not in third
    assert f'rel="prev" href="{article.get_absolute_url()}?comments=2#comments"' in third
    second = client.get(f"{article.get_absolute_url()}?comments=2").content.decode()
    # Back to the first page of comments: the article's own address, with no parameter.
    assert f'rel="prev" href="{article.get_absolute_url()}#comments"' in second
    for bad in ("0", "99", "abc", "-1", "9" * 20, "184467440737095517", "9" * 5000):
        assert client.get(f"{article.get_absolute_url()}?comments={bad}").status_code == 200
