"""Album covers, photos and film posters move into the image library (common.Image)."""

import django.db.models.deletion
from django.db import migrations, models

from common.library_migration import OldPicture, move_back_from_library, move_to_library

PICTURES = [
    OldPicture(
        model="album", file="cover_file", width="cover_width", height="cover_height", to="cover",
        description_from=("title",),
    ),
    OldPicture(
        model="photo", file="image_file", width="image_width", height="image_height", to="image",
        description_from=("alt", "caption", "album.title"), caption="caption", credit="credit",
    ),
    OldPicture(
        model="film", file="poster_file", width="poster_width", height="poster_height", to="poster",
        description_from=("title",),
    ),
]  # fmt: skip


def forwards(apps, schema_editor):
    move_to_library(apps, "gallery", PICTURES)


def backwards(apps, schema_editor):
    move_back_from_library(apps, "gallery", PICTURES)


def picture(verbose_name, blank, help_text=""):
    return models.ForeignKey(
        blank=blank,
        null=True,
        help_text=help_text,
        on_delete=django.db.models.deletion.PROTECT,
        related_name="+",
        to="common.image",
        verbose_name=verbose_name,
    )


class Migration(migrations.Migration):
    dependencies = [
        ("gallery", "0003_search"),
        ("common", "0001_initial"),
    ]

    operations = [
        migrations.RenameField("album", "cover", "cover_file"),
        migrations.RenameField("photo", "image", "image_file"),
        migrations.RenameField("film", "poster", "poster_file"),
        migrations.AddField(
            "album",
            "cover",
            picture("cover", True, "Optional: the first photo is used when there is no cover."),
        ),
        migrations.AddField("photo", "image", picture("image", False)),
        migrations.AddField("film", "poster", picture("poster", False)),
        migrations.RunPython(forwards, backwards),
    ]
