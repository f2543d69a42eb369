"""The pictures now live in the image library: the old file and text fields go."""

from django.db import migrations


class Migration(migrations.Migration):
    # A migration of its own: PostgreSQL cannot alter a table in the transaction that just
    # updated its rows (pending foreign key checks).
    dependencies = [("articles", "0011_pictures_in_the_library")]

    operations = [
        migrations.RemoveField("article", "hero_image_file"),
        migrations.RemoveField("article", "hero_image_width"),
        migrations.RemoveField("article", "hero_image_height"),
        migrations.RemoveField("article", "hero_alt"),
        migrations.RemoveField("article", "hero_caption"),
        migrations.RemoveField("article", "hero_credit"),
        migrations.RemoveField("author", "photo_file"),
        migrations.RemoveField("author", "photo_width"),
        migrations.RemoveField("author", "photo_height"),
    ]
