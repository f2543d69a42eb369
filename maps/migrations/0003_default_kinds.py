"""The legend every newsroom starts with; editors rename, recolour, reorder or add to it."""

from django.db import migrations

# (name, symbol, colour): each colour carries a white number at 4.5:1 or more.
KINDS = [
    ("Clash", "circle", "#b3261e"),
    ("Air strike", "triangle", "#6b2fa3"),
    ("Shelling", "diamond", "#a14500"),
    ("Advance", "pentagon", "#1b5e20"),
    ("Withdrawal", "hexagon", "#37474f"),
    ("Humanitarian", "square", "#0b57a4"),
    ("Political", "circle", "#4e342e"),
]


def add_kinds(apps, schema_editor):
    DevelopmentKind = apps.get_model("maps", "DevelopmentKind")
    for position, (name, symbol, colour) in enumerate(KINDS, start=1):
        DevelopmentKind.objects.get_or_create(
            name=name, defaults={"symbol": symbol, "colour": colour, "position": position}
        )


def remove_unused_kinds(apps, schema_editor):
    DevelopmentKind = apps.get_model("maps", "DevelopmentKind")
    DevelopmentKind.objects.filter(
        name__in=[name for name, _, _ in KINDS], developments__isnull=True
    ).delete()


class Migration(migrations.Migration):
    dependencies = [("maps", "0002_editors_manage_maps")]

    operations = [migrations.RunPython(add_kinds, remove_unused_kinds)]
