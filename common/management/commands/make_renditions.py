"""Make any missing renditions of every library image (after a restore, or new crop shapes)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from common.images import generate_renditions
from common.models import Image


class Command(BaseCommand):
    help = "Generate the missing renditions, crops and share images of every image in the library."

    def handle(self, *args: Any, **options: Any) -> None:
        images = Image.objects.exclude(file="").only("id", "file", "width", "height", "focal_x", "focal_y")
        checked = 0
        for image in images.iterator(chunk_size=500):
            if image.width and image.height:
                generate_renditions(image.source)
                checked += 1
        self.stdout.write(f"Checked the renditions of {checked} images.")
