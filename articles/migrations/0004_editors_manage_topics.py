"""Editors arrange the In Focus tree and file articles under topics."""

from django.db import migrations

from common.roles import EDITORS, grant_permissions, revoke_permissions

ACTIONS = ["add", "change", "delete", "view"]
TOPIC_PERMISSIONS = [f"{action}_topic" for action in ACTIONS]
ARTICLE_TOPIC_PERMISSIONS = [f"{action}_articletopic" for action in ACTIONS]


def grant_editors(apps, schema_editor):
    grant_permissions(apps, EDITORS, "focus", TOPIC_PERMISSIONS)
    grant_permissions(apps, EDITORS, "articles", ARTICLE_TOPIC_PERMISSIONS)


def revoke_editors(apps, schema_editor):
    revoke_permissions(apps, EDITORS, "focus", TOPIC_PERMISSIONS)
    revoke_permissions(apps, EDITORS, "articles", ARTICLE_TOPIC_PERMISSIONS)


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0003_article_topics"),
        ("focus", "0001_initial"),
    ]

    operations = [migrations.RunPython(grant_editors, revoke_editors)]
