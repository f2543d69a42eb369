"""Rebuild the word list of "Did you mean …?" from the published articles (cron, nightly)."""

from typing import Any

from django.core.management.base import BaseCommand

from articles.search_index import rebuild_search_words


class Command(BaseCommand):
    help = (
        "Make the search page's word list (“Did you mean …?”) again from the published articles: "
        "words no article uses any more leave it and every count becomes exact. Run it nightly, "
        "and once after upgrading to a version with the list."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        count = rebuild_search_words()
        self.stdout.write(f"Search word list rebuilt: {count} words.")
