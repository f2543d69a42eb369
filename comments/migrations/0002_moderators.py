"""Moderators moderate comments and keep the block list, and do nothing else."""

from django.db import migrations

from common.roles import MODERATORS, grant_permissions, revoke_permissions

MODERATOR_PERMISSIONS = [
    "view_comment", "change_comment", "delete_comment",
    "view_blockrule", "add_blockrule", "change_blockrule", "delete_blockrule",
]  # fmt: skip


def grant_moderators(apps, schema_editor):
    grant_permissions(apps, MODERATORS, "comments", MODERATOR_PERMISSIONS)


def revoke_moderators(apps, schema_editor):
    revoke_permissions(apps, MODERATORS, "comments", MODERATOR_PERMISSIONS)


class Migration(migrations.Migration):
    dependencies = [
        ("comments", "0001_initial"),
        ("alwaght", "0001_newsroom_groups"),
    ]

    operations = [migrations.RunPython(grant_moderators, revoke_moderators)]
