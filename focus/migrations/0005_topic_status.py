"""Topics get a publication status: new topics start as drafts; every topic that existed before
was public, and stays published."""

from django.db import migrations, models


def publish_existing_topics(apps, schema_editor):
    Topic = apps.get_model("focus", "Topic")
    Topic.objects.update(status="published")


class Migration(migrations.Migration):
    dependencies = [
        ("focus", "0004_old_picture_fields_removed"),
    ]

    operations = [
        migrations.AddField(
            model_name="topic",
            name="status",
            field=models.CharField(
                choices=[("draft", "Draft"), ("published", "Published")],
                default="draft",
                help_text="A draft topic is seen only here and in previews. A published topic appears on the site (its page and feed, the In Focus index, the home page when featured, search, the sitemap and the pages filed under it) once every topic above it is published too; its page lists what is published under it.",
                max_length=10,
                verbose_name="status",
            ),
        ),
        migrations.RunPython(publish_existing_topics, migrations.RunPython.noop),
    ]
