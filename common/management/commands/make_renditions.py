"""Prepare, here and now, every library image the job queue has not: after restoring media
from a backup, after new crop shapes, or after upgrading (originals stored before they were
cleaned get cleaned and renamed)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from common.images import generate_renditions
from common.models import Image


class Command(BaseCommand):
    help = (
        "Clean the originals not cleaned yet and make every missing rendition, crop and share image "
        "of the images in the library."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        pending = Image.objects.needing_work().order_by("pk")
        prepared = failed = 0
        for image in pending.iterator(chunk_size=100):
            image.process()
            image.refresh_from_db(fields=["processing_error"])
            if image.processing_error:
                failed += 1
                self.stderr.write(f"Image {image.pk} could not be prepared: {image.processing_error}")
            else:
                prepared += 1
        checked = 0
        for image in Image.objects.exclude(file="").filter(width__gt=0).iterator(chunk_size=500):
            source = image.rendered_source
            if source is not None:
                generate_renditions(source)  # only what is missing on disk
                checked += 1
        self.stdout.write(
            f"Prepared {prepared} images ({failed} could not be read); checked the renditions of {checked}."
        )
