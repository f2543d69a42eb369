"""Newsroom roles (Django groups) and the permissions they hold.

Groups are made by data migrations; apps grant permissions on their own models
from their migrations with :func:`grant_permissions`.
"""

from __future__ import annotations

from typing import Any

from common import editions

EDITORS = "Editors"
# Write and edit drafts and submit them for review; never publish.
WRITERS = "Writers"
MODERATORS = "Moderators"
# Each edition's newsroom: a writer or editor in one of these works on that edition's content
# only; people in none of them work on every edition.
EDITION_GROUPS = {"en": "English edition", "ar": "Arabic edition", "fa": "Persian edition"}


def editions_of(user: Any) -> list[str]:
    """The editions this person works on: their edition groups', or every edition.
    Remembered on the user object: the admin asks many times per request."""
    cached = getattr(user, "_alwaght_editions", None)
    if cached is not None:
        return cached
    codes = editions.codes()
    mine: list[str] = []
    if not getattr(user, "is_superuser", False) and getattr(user, "pk", None):
        names = set(user.groups.values_list("name", flat=True))
        mine = [code for code in codes if EDITION_GROUPS.get(code) in names]
    user._alwaght_editions = mine or codes
    return user._alwaght_editions


def grant_permissions(apps: Any, group_name: str, app_label: str, codenames: list[str]) -> None:
    """Give ``group_name`` the named permissions of ``app_label``, creating them first.

    Permissions are normally created after ``migrate`` finishes; a fresh database
    has none yet when this migration runs, so they are created here.
    """
    from django.apps import apps as global_apps
    from django.contrib.auth.management import create_permissions

    create_permissions(global_apps.get_app_config(app_label), apps=apps, verbosity=0)
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name=group_name)
    permissions = list(Permission.objects.filter(content_type__app_label=app_label, codename__in=codenames))
    missing = set(codenames) - {permission.codename for permission in permissions}
    if missing:
        raise LookupError(f"Unknown permissions for {app_label}: {sorted(missing)}")
    group.permissions.add(*permissions)


def revoke_permissions(apps: Any, group_name: str, app_label: str, codenames: list[str]) -> None:
    """Reverse of :func:`grant_permissions`."""
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group = Group.objects.filter(name=group_name).first()
    if group is not None:
        group.permissions.remove(
            *Permission.objects.filter(content_type__app_label=app_label, codename__in=codenames)
        )
