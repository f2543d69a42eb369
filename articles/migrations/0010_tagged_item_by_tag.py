"""An index for "articles with this tag": taggit's own indexes start with the content type."""

from django.db import migrations

from articles.models import Article  # noqa: F401 (documents what the index serves)


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0009_index_recent_edits"),
        ("taggit", "0006_rename_taggeditem_content_type_object_id_taggit_tagg_content_8fc721_idx"),
    ]

    operations = [
        migrations.RunSQL(
            "CREATE INDEX IF NOT EXISTS taggeditem_by_tag ON taggit_taggeditem (tag_id, content_type_id, object_id)",
            "DROP INDEX IF EXISTS taggeditem_by_tag",
        ),
    ]
