"""Writers write and submit for review; only Editors publish (the publish_* permissions)."""

from django.db import migrations

from common.roles import EDITORS, WRITERS, grant_permissions, revoke_permissions

PUBLISHING = {
    "articles": ["publish_article"],
    "gallery": ["publish_album", "publish_film"],
    "maps": ["publish_map"],
}
WRITING = {
    "articles": [
        "add_article", "change_article", "view_article", "view_section", "view_author",
        "add_articletopic", "change_articletopic", "delete_articletopic", "view_articletopic",
        "add_relatedarticle", "change_relatedarticle", "delete_relatedarticle", "view_relatedarticle",
    ],
    "gallery": [
        "add_album", "change_album", "view_album", "add_film", "change_film", "view_film",
        "add_photo", "change_photo", "delete_photo", "view_photo",
    ],
    "common": ["add_image", "view_image"],
    "focus": ["view_topic"],
}  # fmt: skip


def create_writers(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Group.objects.get_or_create(name=WRITERS)
    for app_label, codenames in WRITING.items():
        grant_permissions(apps, WRITERS, app_label, codenames)
    for app_label, codenames in PUBLISHING.items():
        grant_permissions(apps, EDITORS, app_label, codenames)


def delete_writers(apps, schema_editor):
    for app_label, codenames in PUBLISHING.items():
        revoke_permissions(apps, EDITORS, app_label, codenames)
    apps.get_model("auth", "Group").objects.filter(name=WRITERS).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("alwaght", "0003_cache_generation_moved_to_common"),
        ("articles", "0015_review_and_publish_permission"),
        ("gallery", "0009_review_and_publish_permission"),
        ("maps", "0005_review_and_publish_permission"),
        ("common", "0008_editing_presence_drafts_held_uploads"),
        ("focus", "0006_one_order_the_trees"),
    ]

    operations = [migrations.RunPython(create_writers, delete_writers)]
