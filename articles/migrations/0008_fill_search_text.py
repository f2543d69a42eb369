"""Fill the search text of articles written before full-text search existed."""

from django.db import migrations

from common.sanitize import plain_text


def fill(apps, schema_editor):
    Article = apps.get_model("articles", "Article")
    batch = []
    for article in Article.objects.only("id", "body").iterator(chunk_size=2000):
        article.body_text = plain_text(article.body)
        batch.append(article)
        if len(batch) == 2000:
            Article.objects.bulk_update(batch, ["body_text"])
            batch = []
    Article.objects.bulk_update(batch, ["body_text"])
    schema_editor.execute(
        """
        UPDATE articles_article AS article SET search_extra = concat_ws(' ',
            (SELECT string_agg(tag.name, ' ' ORDER BY tag.name)
               FROM taggit_taggeditem AS item
               JOIN taggit_tag AS tag ON tag.id = item.tag_id
               JOIN django_content_type AS type ON type.id = item.content_type_id
              WHERE item.object_id = article.id AND type.app_label = 'articles' AND type.model = 'article'),
            (SELECT string_agg(author.name, ' ' ORDER BY author.name)
               FROM articles_article_authors AS link JOIN articles_author AS author ON author.id = link.author_id
              WHERE link.article_id = article.id))
        """
    )


class Migration(migrations.Migration):
    dependencies = [("articles", "0007_article_search")]

    operations = [migrations.RunPython(fill, migrations.RunPython.noop)]
