"""The content generation now lives in the base layer (common.CacheGeneration). The number
only versions cache keys, so starting it again from zero loses nothing."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("alwaght", "0002_cache_generation"),
        ("common", "0001_initial"),
    ]

    operations = [
        migrations.DeleteModel(name="CacheGeneration"),
    ]
