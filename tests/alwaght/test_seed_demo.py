"""`manage.py seed_demo`: the demo site a newcomer sees after `make run`."""

from __future__ import annotations

from io import StringIO

import pytest
from django.contrib.auth import authenticate, get_user_model
from django.contrib.auth.models import Group
from django.core.management import CommandError, call_command

from alwaght.demo import demo_password


def run_seed(*args: str) -> str:
    out = StringIO()
    call_command("seed_demo", *args, stdout=out)
    return out.getvalue()


@pytest.mark.django_db
def test_newsroom_groups_exist_after_migrations() -> None:
    assert set(Group.objects.values_list("name", flat=True)) >= {"Editors", "Moderators"}


@pytest.mark.django_db
def test_seed_demo_creates_accounts_that_can_log_in_and_prints_them() -> None:
    output = run_seed()
    for username in ("admin", "editor", "moderator"):
        password = demo_password(username)
        assert f"{username}" in output and password in output
        user = authenticate(username=username, password=password)
        assert user is not None and user.is_staff
    User = get_user_model()
    assert User.objects.get(username="editor").groups.filter(name="Editors").exists()
    assert User.objects.get(username="moderator").groups.filter(name="Moderators").exists()
    assert not User.objects.get(username="editor").is_superuser


@pytest.mark.django_db
def test_seed_demo_twice_adds_nothing_and_keeps_changed_passwords() -> None:
    run_seed()
    User = get_user_model()
    editor = User.objects.get(username="editor")
    editor.set_password("a-password-the-editor-chose")
    editor.save()
    counts = {model: model.objects.count() for model in (User, Group)}
    run_seed()
    assert {model: model.objects.count() for model in (User, Group)} == counts
    assert authenticate(username="editor", password="a-password-the-editor-chose") is not None


def test_demo_passwords_are_not_guessable_constants(settings) -> None:
    first = demo_password("editor")
    settings.SECRET_KEY = "another-checkout-has-another-key"
    assert demo_password("editor") != first
    assert len(first) == 16


@pytest.mark.django_db
def test_seed_demo_refuses_production(settings) -> None:
    settings.PRODUCTION = True
    with pytest.raises(CommandError, match="PRODUCTION"):
        run_seed()
    assert not get_user_model().objects.filter(username="editor").exists()
