"""Editors keep the image library: upload, describe, set focal points, delete unused images."""

from django.db import migrations

from common.roles import EDITORS, grant_permissions, revoke_permissions

CODENAMES = ["add_image", "change_image", "delete_image", "view_image"]


def grant(apps, schema_editor):
    grant_permissions(apps, EDITORS, "common", CODENAMES)


def revoke(apps, schema_editor):
    revoke_permissions(apps, EDITORS, "common", CODENAMES)


class Migration(migrations.Migration):
    dependencies = [
        ("common", "0001_initial"),
        ("alwaght", "0001_newsroom_groups"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
