"""Editors make maps: editions, their developments and areas, and the legend's kinds and parties."""

from django.db import migrations

from common.roles import EDITORS, grant_permissions, revoke_permissions

ACTIONS = ["add", "change", "delete", "view"]
MODELS = ("map", "development", "area", "developmentkind", "party")
MAP_PERMISSIONS = [f"{action}_{model}" for model in MODELS for action in ACTIONS]


def grant_editors(apps, schema_editor):
    grant_permissions(apps, EDITORS, "maps", MAP_PERMISSIONS)


def revoke_editors(apps, schema_editor):
    revoke_permissions(apps, EDITORS, "maps", MAP_PERMISSIONS)


class Migration(migrations.Migration):
    dependencies = [
        ("maps", "0001_initial"),
        ("alwaght", "0001_newsroom_groups"),
    ]

    operations = [migrations.RunPython(grant_editors, revoke_editors)]
