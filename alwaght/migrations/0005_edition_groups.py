"""Each edition's newsroom: writers and editors in one of these groups work on that edition's
content only (common.edition_admin). The groups hold no permissions: the roles (Writers,
Editors) do."""

from django.db import migrations

from common.roles import EDITION_GROUPS


def create_groups(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    for name in EDITION_GROUPS.values():
        Group.objects.get_or_create(name=name)


def delete_groups(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=EDITION_GROUPS.values()).delete()


class Migration(migrations.Migration):
    dependencies = [("alwaght", "0004_writers_and_publishing")]

    operations = [migrations.RunPython(create_groups, delete_groups)]
