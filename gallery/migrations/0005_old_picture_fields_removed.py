"""The pictures now live in the image library: the old file and text fields go."""

import django.db.models.deletion
from django.db import migrations, models

import common.images


def old_file_field(upload_to, verbose_name, dimension):
    """The old required file field, made optional before it goes: undoing this migration
    adds the column back empty, and the previous migration's undo fills it."""
    return common.images.PictureField(
        blank=True,
        height_field=f"{dimension}_height",
        max_length=255,
        upload_to=upload_to,
        verbose_name=verbose_name,
        width_field=f"{dimension}_width",
    )


class Migration(migrations.Migration):
    # A migration of its own: PostgreSQL cannot alter a table in the transaction that just
    # updated its rows (pending foreign key checks).
    dependencies = [("gallery", "0004_pictures_in_the_library")]

    operations = [
        migrations.AlterField(
            "photo", "image_file", old_file_field("gallery/photos/%Y/%m/", "image", "image")
        ),
        migrations.AlterField("film", "poster_file", old_file_field("gallery/posters/", "poster", "poster")),
        migrations.RemoveField("album", "cover_file"),
        migrations.RemoveField("album", "cover_width"),
        migrations.RemoveField("album", "cover_height"),
        migrations.RemoveField("photo", "image_file"),
        migrations.RemoveField("photo", "image_width"),
        migrations.RemoveField("photo", "image_height"),
        migrations.RemoveField("photo", "alt"),
        migrations.RemoveField("photo", "caption"),
        migrations.RemoveField("photo", "credit"),
        migrations.RemoveField("film", "poster_file"),
        migrations.RemoveField("film", "poster_width"),
        migrations.RemoveField("film", "poster_height"),
        migrations.AlterField(
            "photo",
            "image",
            models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="common.image",
                verbose_name="image",
            ),
        ),
        migrations.AlterField(
            "film",
            "poster",
            models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="common.image",
                verbose_name="poster",
            ),
        ),
    ]
