"""Tags saved before names were checked: one whose name had no letter or digit ("!!!") has an
empty slug (or taggit's "_1"), which broke every page linking to it. Each gets "tag-<id>"."""

import re

from django.db import migrations

_UNIQUE_SUFFIX = re.compile(r"_\d+$")


def give_every_tag_an_address(apps, schema_editor):
    Tag = apps.get_model("taggit", "Tag")
    for tag in Tag.objects.only("id", "slug"):
        if not any(character.isalnum() for character in _UNIQUE_SUFFIX.sub("", tag.slug)):
            tag.slug = f"tag-{tag.pk}"
            tag.save(update_fields=["slug"])


class Migration(migrations.Migration):
    dependencies = [
        ("common", "0004_rate_counts"),
        ("taggit", "0006_rename_taggeditem_content_type_object_id_taggit_tagg_content_8fc721_idx"),
    ]

    operations = [migrations.RunPython(give_every_tag_an_address, migrations.RunPython.noop)]
