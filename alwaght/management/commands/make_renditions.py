"""Make any missing renditions of every stored image (after a restore, or new rendition sizes)."""

from __future__ import annotations

from typing import Any

from django.apps import apps
from django.core.management.base import BaseCommand

from alwaght.images import PictureField, generate_renditions


class Command(BaseCommand):
    help = "Generate the missing renditions and share images of every image stored through PictureField."

    def handle(self, *args: Any, **options: Any) -> None:
        made = 0
        for model in apps.get_models():
            fields = [field for field in model._meta.get_fields() if isinstance(field, PictureField)]
            for field in fields:
                seen: set[str] = set()
                queryset = model._default_manager.exclude(**{field.name: ""}).only(
                    "pk", field.name, field.width_field, field.height_field
                )
                for instance in queryset.iterator(chunk_size=500):
                    image = getattr(instance, field.name)
                    if image.name in seen:  # many items may share one file
                        continue
                    seen.add(image.name)
                    generate_renditions(image)
                    made += 1
        self.stdout.write(f"Checked the renditions of {made} images.")
