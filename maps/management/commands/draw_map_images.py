"""Draw the shared pictures of maps again: after restoring media, or after the drawing changed."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from maps import share_image
from maps.models import Map


class Command(BaseCommand):
    help = "Draw each map's 1200×630 picture (social sites, feeds, lists). Only missing ones with --missing."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--missing", action="store_true", help="Only maps without a picture.")

    def handle(self, *args: Any, missing: bool, **options: Any) -> None:
        maps = Map.objects.order_by("pk")
        if missing:
            maps = maps.filter(share_image="")
        count = 0
        for pk in maps.values_list("pk", flat=True).iterator():
            share_image.redraw(pk)
            count += 1
        self.stdout.write(f"Drew {count} map picture(s).")
