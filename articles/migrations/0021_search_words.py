"""The word list of "Did you mean …?" on the search page (articles/models/search_words.py).

Empty at first: ``python manage.py refresh_search_words`` fills it from the published
articles (saves add their words from now on)."""

import django.contrib.postgres.fields
import django.contrib.postgres.indexes
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0020_breaking_news"),
    ]

    operations = [
        migrations.CreateModel(
            name="SearchWord",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("language", models.CharField(max_length=8, verbose_name="edition")),
                ("key", models.CharField(max_length=40, verbose_name="key")),
                ("word", models.CharField(max_length=80, verbose_name="word")),
                ("articles", models.PositiveIntegerField(default=1, verbose_name="articles")),
                (
                    "variants",
                    django.contrib.postgres.fields.ArrayField(
                        base_field=models.TextField(), size=None, verbose_name="variants"
                    ),
                ),
            ],
            options={
                "verbose_name": "search word",
                "verbose_name_plural": "search words",
                "indexes": [
                    django.contrib.postgres.indexes.GinIndex(
                        fields=["variants"], name="search_word_variants", fastupdate=False
                    )
                ],
                "constraints": [
                    models.UniqueConstraint(fields=("language", "key"), name="search_word_unique_per_edition")
                ],
            },
        ),
    ]
