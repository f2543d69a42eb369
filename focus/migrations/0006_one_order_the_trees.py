"""In Focus has one order, the tree's: the home page's block follows it like the topic index.

Going forward nothing is copied: the tree editors arrange by dragging is kept as it is and
becomes the home page's order too. Going back, each featured topic's old "home page
position" is filled from its place in the tree, so the home page keeps the same order.
"""

from django.db import migrations, models


def positions_from_the_tree(apps, schema_editor):
    Topic = apps.get_model("focus", "Topic")
    featured = Topic.objects.filter(featured=True).order_by("tree_id", "lft")
    for position, topic in enumerate(featured, start=1):
        Topic.objects.filter(pk=topic.pk).update(featured_position=position)


class Migration(migrations.Migration):
    dependencies = [("focus", "0005_topic_status")]

    operations = [
        # Reversed last: the column exists again when the positions are filled in.
        migrations.RunPython(migrations.RunPython.noop, positions_from_the_tree),
        migrations.RemoveIndex(model_name="topic", name="topic_featured"),
        migrations.RemoveField(model_name="topic", name="featured_position"),
        migrations.AlterField(
            model_name="topic",
            name="featured",
            field=models.BooleanField(
                default=False,
                help_text="Featured topics appear in the home page's In Focus block in the tree's order.",
                verbose_name="featured on the home page",
            ),
        ),
    ]
