"""Passwords staff may choose: long, not built from their own names, not a common one."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.test import Client

from alwaght.demo import DEMO_ACCOUNTS, demo_password
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def refusal(password: str, username: str = "editor", **fields: str) -> str:
    user = get_user_model()(username=username, email=f"{username}@example.com", **fields)
    with pytest.raises(ValidationError) as error:
        validate_password(password, user)
    return " ".join(error.value.messages)


@pytest.mark.parametrize(
    "password, username, fields",
    [
        ("editoreditor", "editor", {}),
        ("Editor2026!!", "editor", {}),
        ("my-rotidE-password", "editor", {}),  # the name backwards is still the name
        ("leila.karimi99", "lk", {"first_name": "Leila", "last_name": "Karimi"}),
        ("karimi-newsroom", "lk", {"first_name": "Leila", "last_name": "Karimi"}),
        ("newsdesk@example.com", "newsdesk", {}),
    ],
)
def test_passwords_built_from_the_users_own_names_are_refused(
    password: str, username: str, fields: dict
) -> None:
    assert "too similar" in refusal(password, username, **fields)


def test_short_and_common_passwords_are_refused() -> None:
    assert "at least 12 characters" in refusal("h7#Lq!v2Zp")
    assert "too common" in refusal("1qaz2wsx3edc")


def test_a_long_unrelated_password_is_accepted() -> None:
    validate_password("correct horse battery staple", get_user_model()(username="editor"))


def test_the_demo_logins_satisfy_the_rules() -> None:
    for username in DEMO_ACCOUNTS:
        validate_password(
            demo_password(username), get_user_model()(username=username, email=f"{username}@example.com")
        )


def test_the_admin_refuses_a_weak_password_with_a_message(client: Client) -> None:
    chief = UserFactory(username="chief", is_staff=True, is_superuser=True)
    editor = UserFactory(username="editor")
    client.force_login(chief)
    response = client.post(
        f"/admin/auth/user/{editor.pk}/password/",
        {"password1": "editoreditor", "password2": "editoreditor", "usable_password": "true"},
    )
    assert response.status_code == 200
    assert "too similar" in response.content.decode()
