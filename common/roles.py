"""Newsroom roles (Django groups) and the permissions they hold.

Groups are made by data migrations; apps grant permissions on their own models
from their migrations with :func:`grant_permissions`.
"""

from __future__ import annotations

from typing import Any

EDITORS = "Editors"
# Write and edit drafts and submit them for review; never publish.
WRITERS = "Writers"
MODERATORS = "Moderators"


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
