"""Hero images and author photos move into the image library (common.Image)."""

import django.db.models.deletion
from django.db import migrations, models

from common.library_migration import OldPicture, move_back_from_library, move_to_library

PICTURES = [
    OldPicture(
        model="article",
        file="hero_image_file",
        width="hero_image_width",
        height="hero_image_height",
        to="hero_image",
        description_from=("hero_alt", "hero_caption", "title"),
        caption="hero_caption",
        credit="hero_credit",
    ),
    OldPicture(
        model="author",
        file="photo_file",
        width="photo_width",
        height="photo_height",
        to="photo",
        description_from=("name",),
    ),
]


def forwards(apps, schema_editor):
    move_to_library(apps, "articles", PICTURES)


def backwards(apps, schema_editor):
    move_back_from_library(apps, "articles", PICTURES)


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0010_tagged_item_by_tag"),
        ("common", "0001_initial"),
    ]

    operations = [
        migrations.RenameField("article", "hero_image", "hero_image_file"),
        migrations.RenameField("author", "photo", "photo_file"),
        migrations.AddField(
            model_name="article",
            name="hero_image",
            field=models.ForeignKey(
                blank=True,
                help_text="Choose from the image library, or upload a new picture below.",
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="common.image",
                verbose_name="hero image",
            ),
        ),
        migrations.AddField(
            model_name="author",
            name="photo",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="common.image",
                verbose_name="photo",
            ),
        ),
        migrations.RunPython(forwards, backwards),
    ]
