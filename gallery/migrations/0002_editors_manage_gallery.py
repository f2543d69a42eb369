"""Editors publish photo albums and films."""

from django.db import migrations

from common.roles import EDITORS, grant_permissions, revoke_permissions

ACTIONS = ["add", "change", "delete", "view"]
GALLERY_PERMISSIONS = [f"{action}_{model}" for model in ("album", "photo", "film") for action in ACTIONS]


def grant_editors(apps, schema_editor):
    grant_permissions(apps, EDITORS, "gallery", GALLERY_PERMISSIONS)


def revoke_editors(apps, schema_editor):
    revoke_permissions(apps, EDITORS, "gallery", GALLERY_PERMISSIONS)


class Migration(migrations.Migration):
    dependencies = [
        ("gallery", "0001_initial"),
        ("alwaght", "0001_newsroom_groups"),
    ]

    operations = [migrations.RunPython(grant_editors, revoke_editors)]
