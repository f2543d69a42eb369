"""Topic images move into the image library (common.Image)."""

import django.db.models.deletion
from django.db import migrations, models

from common.library_migration import OldPicture, move_back_from_library, move_to_library

PICTURES = [
    OldPicture(
        model="topic", file="image_file", width="image_width", height="image_height", to="image",
        description_from=("name",),
    ),
]  # fmt: skip


def forwards(apps, schema_editor):
    move_to_library(apps, "focus", PICTURES)


def backwards(apps, schema_editor):
    move_back_from_library(apps, "focus", PICTURES)


class Migration(migrations.Migration):
    dependencies = [
        ("focus", "0002_topic_search"),
        ("common", "0001_initial"),
    ]

    operations = [
        migrations.RenameField("topic", "image", "image_file"),
        migrations.AddField(
            model_name="topic",
            name="image",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="common.image",
                verbose_name="image",
            ),
        ),
        migrations.RunPython(forwards, backwards),
    ]
