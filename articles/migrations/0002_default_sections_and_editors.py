"""The newsroom's starting sections, and what the Editors group may do with articles."""

from django.db import migrations

from common.roles import EDITORS, grant_permissions, revoke_permissions

DEFAULT_SECTIONS = [
    ("News", "news"),
    ("Analysis", "analysis"),
    ("Interviews", "interviews"),
    ("Opinion", "opinion"),
    ("Reports", "reports"),
]
ACTIONS = ["add", "change", "delete", "view"]
ARTICLE_MODELS = ["article", "section", "author", "editorspick", "relatedarticle"]
ARTICLE_PERMISSIONS = [f"{action}_{model}" for model in ARTICLE_MODELS for action in ACTIONS]
TAG_PERMISSIONS = [f"{action}_tag" for action in ACTIONS]


def create_sections(apps, schema_editor):
    Section = apps.get_model("articles", "Section")
    for position, (name, slug) in enumerate(DEFAULT_SECTIONS, start=1):
        Section.objects.get_or_create(slug=slug, defaults={"name": name, "position": position * 10})


def delete_empty_default_sections(apps, schema_editor):
    Section = apps.get_model("articles", "Section")
    Section.objects.filter(slug__in=[slug for _, slug in DEFAULT_SECTIONS], articles__isnull=True).delete()


def grant_editors(apps, schema_editor):
    grant_permissions(apps, EDITORS, "articles", ARTICLE_PERMISSIONS)
    grant_permissions(apps, EDITORS, "taggit", TAG_PERMISSIONS)


def revoke_editors(apps, schema_editor):
    revoke_permissions(apps, EDITORS, "articles", ARTICLE_PERMISSIONS)
    revoke_permissions(apps, EDITORS, "taggit", TAG_PERMISSIONS)


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0001_initial"),
        ("alwaght", "0001_newsroom_groups"),
        ("taggit", "0006_rename_taggeditem_content_type_object_id_taggit_tagg_content_8fc721_idx"),
    ]

    operations = [
        migrations.RunPython(create_sections, delete_empty_default_sections),
        migrations.RunPython(grant_editors, revoke_editors),
    ]
