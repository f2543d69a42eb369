"""Recompute the Most Viewed rankings now (cron every minute keeps them warm)."""

from typing import Any

from django.core.management.base import BaseCommand

from articles.ranking import refresh_all


class Command(BaseCommand):
    help = "Recompute the Day, Week and Month rankings and store them in the cache."

    def handle(self, *args: Any, **options: Any) -> None:
        refresh_all()
        self.stdout.write("Rankings refreshed.")
