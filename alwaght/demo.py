"""Demo accounts for local runs: an administrator, an editor, a writer and a moderator.

Passwords are derived from the local SECRET_KEY, so they are stable across runs
of the same checkout, differ between checkouts, and never live in the repository.
"""

from __future__ import annotations

import base64
import hashlib
import hmac

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from common import roles

# username -> (group, is_superuser)
DEMO_ACCOUNTS: dict[str, tuple[str | None, bool]] = {
    "admin": (None, True),
    "editor": (roles.EDITORS, False),
    "writer": (roles.WRITERS, False),
    "moderator": (roles.MODERATORS, False),
}


def demo_password(username: str) -> str:
    digest = hmac.new(settings.SECRET_KEY.encode(), f"demo-account:{username}".encode(), hashlib.sha256)
    return base64.b32encode(digest.digest()).decode()[:16].lower()


def ensure_demo_accounts() -> list[tuple[str, str]]:
    """Create the demo accounts that are missing; return (username, password) of each.

    An existing account is left as it is: its password may have been changed.
    """
    User = get_user_model()
    logins = []
    for username, (group_name, is_superuser) in DEMO_ACCOUNTS.items():
        user, created = User.objects.get_or_create(
            username=username,
            defaults={"is_staff": True, "is_superuser": is_superuser, "email": f"{username}@example.com"},
        )
        if created:
            user.set_password(demo_password(username))
            user.save(update_fields=["password"])
            if group_name:
                user.groups.add(Group.objects.get(name=group_name))
        logins.append((username, demo_password(username)))
    return logins
