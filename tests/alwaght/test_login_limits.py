"""Logging into /admin/: guessing passwords stops after a few tries, for the account and for the address."""

from __future__ import annotations

from datetime import timedelta

import pytest
import time_machine
from axes.models import AccessAttempt
from django.test import Client
from django.utils import timezone

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

LOGIN_URL = "/admin/login/?next=/admin/"
PASSWORD = "correct horse battery staple"
READER = "198.51.100.20"


def log_in(client: Client, username: str, password: str, ip: str = READER, **headers: str):
    return client.post(
        LOGIN_URL, {"username": username, "password": password}, REMOTE_ADDR=ip, headers=headers
    )


def logged_in(response) -> bool:
    return response.status_code == 302 and response["Location"] == "/admin/"


@pytest.fixture
def editor_account():
    return UserFactory(username="editor", groups=["Editors"])


def test_the_right_password_works(client: Client, editor_account) -> None:
    assert logged_in(log_in(client, "editor", PASSWORD))


def test_after_five_wrong_passwords_the_account_is_locked_even_for_the_right_one(
    client: Client, editor_account, settings
) -> None:
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        response = log_in(client, "editor", "wrong guess")
        assert response.status_code == 200  # the form again, with Django's message
    response = log_in(client, "editor", "wrong guess")
    assert response.status_code == 429
    page = response.content.decode()
    assert "Too many failed logins" in page and "15 minutes" in page
    response = log_in(client, "editor", PASSWORD)
    assert response.status_code == 429
    # From another address too: the account itself is locked.
    assert log_in(Client(), "editor", PASSWORD, ip="203.0.113.9").status_code == 429


def test_guessing_many_accounts_from_one_address_locks_the_address(client: Client, editor_account) -> None:
    for number in range(5):
        log_in(client, f"someone{number}", "wrong guess")
    assert log_in(client, "editor", PASSWORD).status_code == 429
    # The account was never guessed at: from its owner's own address it still works.
    assert logged_in(log_in(Client(), "editor", PASSWORD, ip="203.0.113.9"))


def test_the_lock_lapses_after_the_cool_off(client: Client, editor_account) -> None:
    with time_machine.travel(timezone.now(), tick=False) as clock:
        for _ in range(5):
            log_in(client, "editor", "wrong guess")
        assert log_in(client, "editor", PASSWORD).status_code == 429
        clock.shift(timedelta(minutes=16))
        assert logged_in(log_in(client, "editor", PASSWORD))


def test_a_superuser_unlocks_an_account_in_admin(client: Client, editor_account) -> None:
    for _ in range(5):
        log_in(client, "editor", "wrong guess")
    admin = UserFactory(username="chief", is_staff=True, is_superuser=True)
    chief = Client()
    chief.force_login(admin)
    attempts = chief.get("/admin/axes/accessattempt/?locked_out=yes")
    assert attempts.status_code == 200 and "editor" in attempts.content.decode()
    ids = [str(pk) for pk in AccessAttempt.objects.values_list("pk", flat=True)]
    response = chief.post(
        "/admin/axes/accessattempt/", {"action": "delete_selected", "_selected_action": ids, "post": "yes"}
    )
    assert response.status_code == 302
    assert logged_in(log_in(Client(), "editor", PASSWORD))


def test_editors_cannot_unlock_anyone(editor_client: Client) -> None:
    assert editor_client.get("/admin/axes/accessattempt/").status_code == 403


def test_behind_the_proxies_the_readers_own_address_is_locked(
    client: Client, editor_account, settings
) -> None:
    """With CLIENT_IP_HEADER the address is the one our proxies saw (common.client_address),
    not whatever the client wrote at the left of X-Forwarded-For, nor the proxy's own."""
    settings.CLIENT_IP_HEADER = "X-Forwarded-For"
    settings.CLIENT_IP_PROXY_COUNT = 2
    for number in range(5):
        forged = f"10.0.0.{number}"  # a new forged address each time, in front of what the proxies added
        log_in(
            client,
            f"someone{number}",
            "wrong",
            ip="127.0.0.1",
            x_forwarded_for=f"{forged}, {READER}, 10.9.9.9",
        )
    assert set(AccessAttempt.objects.values_list("ip_address", flat=True)) == {READER}
    blocked = log_in(client, "editor", PASSWORD, ip="127.0.0.1", x_forwarded_for=f"{READER}, 10.9.9.9")
    assert blocked.status_code == 429
    other_reader = log_in(client, "editor", PASSWORD, ip="127.0.0.1", x_forwarded_for="203.0.113.9, 10.9.9.9")
    assert logged_in(other_reader)


def test_rotating_addresses_within_ones_ipv6_network_does_not_escape_the_lock(
    client: Client, editor_account
) -> None:
    for number in range(5):
        log_in(client, f"someone{number}", "wrong guess", ip=f"2001:db8:3:4::{number + 1:x}")
    assert log_in(client, "editor", PASSWORD, ip="2001:db8:3:4::abcd").status_code == 429
    assert logged_in(log_in(Client(), "editor", PASSWORD, ip="2001:db8:3:5::1"))
