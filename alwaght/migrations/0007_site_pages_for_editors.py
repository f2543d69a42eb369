"""Editors write the site's own pages (About us, Contact, Privacy policy); writers do not."""

from django.db import migrations

from common.roles import EDITORS, grant_permissions, revoke_permissions

SITE_PAGES = ["add_sitepage", "change_sitepage", "delete_sitepage", "view_sitepage"]


def grant(apps, schema_editor):
    grant_permissions(apps, EDITORS, "alwaght", SITE_PAGES)


def revoke(apps, schema_editor):
    revoke_permissions(apps, EDITORS, "alwaght", SITE_PAGES)


class Migration(migrations.Migration):
    dependencies = [("alwaght", "0006_site_pages")]

    operations = [migrations.RunPython(grant, revoke)]
