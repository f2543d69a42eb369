"""The breaking-news bar: editors switch it on in admin, it lapses by itself; bad input is refused."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from articles.models import BreakingNews
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

ADD_URL = "/admin/articles/breakingnews/add/"


def bar_form(**values: object) -> dict[str, object]:
    now = timezone.localtime()
    later = now + timedelta(hours=2)
    form = {
        "headline": "Strong earthquake hits eastern Turkey",
        "link": "/news/12/strong-earthquake/",
        "language": "en",
        "starts_at_0": now.strftime("%Y-%m-%d"),
        "starts_at_1": now.strftime("%H:%M:%S"),
        "ends_at_0": later.strftime("%Y-%m-%d"),
        "ends_at_1": later.strftime("%H:%M:%S"),
    }
    return {**form, **values}


def test_an_editor_switches_a_bar_on_and_readers_see_it(editor_client: Client) -> None:
    response = editor_client.post(ADD_URL, bar_form())
    assert response.status_code == 302
    bar = BreakingNews.objects.get()
    assert bar.ends_at > timezone.now()
    editor_client.logout()
    html = editor_client.get("/").content.decode()
    assert "Strong earthquake hits eastern Turkey" in html and 'href="/news/12/strong-earthquake/"' in html


def test_writers_cannot_switch_a_bar_on(client: Client) -> None:
    client.force_login(UserFactory(username="test-writer", groups=["Writers"]))
    assert client.post(ADD_URL, bar_form()).status_code == 403
    assert not BreakingNews.objects.exists()


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("link", "javascript:alert(1)", "Give an address on this site"),
        ("link", "//evil.example/", "Give an address on this site"),
        ("link", "/news/ 12/", "Give an address on this site"),
        ("link", "", "This field is required."),
        ("link", "/" + "x" * 600, "at most 500 characters"),
        ("headline", "", "This field is required."),
        ("headline", "ز" * 161, "at most 160 characters"),
        ("ends_at_0", "yesterday", "Enter a valid date."),
        (
            "ends_at_0",
            (timezone.now() - timedelta(days=2)).strftime("%Y-%m-%d"),
            "The end must come after the start.",
        ),
    ],
)
def test_bad_input_is_a_clear_message(editor_client: Client, field: str, value: str, message: str) -> None:
    response = editor_client.post(ADD_URL, bar_form(**{field: value}))
    assert response.status_code == 200
    assert message in response.content.decode().replace("&quot;", '"')
    assert not BreakingNews.objects.exists()


def test_unicode_and_control_characters_in_a_headline(editor_client: Client) -> None:
    headline = "\u200fزلزله‌ای شدید شرق ترکیه را لرزاند 🚨\x07"
    response = editor_client.post(ADD_URL, bar_form(headline=headline, language="fa", link="/fa/"))
    assert response.status_code == 302
    assert BreakingNews.objects.get().headline == "\u200fزلزله‌ای شدید شرق ترکیه را لرزاند 🚨"
    editor_client.logout()
    assert "زلزله‌ای شدید شرق ترکیه را لرزاند" in editor_client.get("/fa/").content.decode()
