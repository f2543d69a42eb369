"""The pictures now live in the image library: the old file and text fields go."""

from django.db import migrations


class Migration(migrations.Migration):
    # A migration of its own: PostgreSQL cannot alter a table in the transaction that just
    # updated its rows (pending foreign key checks).
    dependencies = [("focus", "0003_pictures_in_the_library")]

    operations = [
        migrations.RemoveField("topic", "image_file"),
        migrations.RemoveField("topic", "image_width"),
        migrations.RemoveField("topic", "image_height"),
    ]
