"""Fill the database with a believable demo site, built from the seed page."""

from __future__ import annotations

import random
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction

import articles.demo
import articles.demo_editions
import comments.demo
import focus.demo
import gallery.demo
import maps.demo
from alwaght.demo import ensure_demo_accounts, seed_site_pages
from articles.models import Article
from comments.models import Comment
from gallery.models import Album, Film
from maps.models import Map


class Command(BaseCommand):
    help = (
        "Create demo content and the demo editor and moderator accounts. Idempotent: a second "
        "run adds nothing. Refuses to run in production mode."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--if-empty",
            action="store_true",
            help="Only add content when the site has none yet (what `make run` uses).",
        )

    def handle(self, *args: Any, if_empty: bool, **options: Any) -> None:
        if settings.PRODUCTION:
            raise CommandError("seed_demo is for local and demo runs; PRODUCTION is set.")
        # A fixed seed keeps the demo the same on every machine.
        rng = random.Random(20200219)  # noqa: S311 (demo data, not secrets)
        with transaction.atomic():
            logins = ensure_demo_accounts()
            if if_empty and self.site_has_content():
                self.stdout.write("The database already has content; no demo content added.")
            else:
                self.seed_content(rng)
        self.stdout.write(self.style.SUCCESS("Demo logins for /admin/ (unless changed since):"))
        for username, password in logins:
            self.stdout.write(f"  {username:<10} {password}")

    def site_has_content(self) -> bool:
        return Article.objects.exists()

    def seed_content(self, rng: random.Random) -> None:
        """Each app's demo content, in dependency order. Every demo item draws from its
        own named random stream, so a second run meets the same items and adds nothing."""
        stream_seed = rng.getrandbits(32)

        def stream(name: str) -> random.Random:
            return random.Random(f"{stream_seed}-{name}")  # noqa: S311 (demo data, not secrets)

        topics = focus.demo.seed(stream)
        articles.demo.seed(stream, topics)
        articles.demo_editions.seed(stream, topics)
        gallery.demo.seed(stream, topics)
        for language, content in articles.demo_editions.data("gallery").items():
            gallery.demo.seed_edition(stream, topics, language, content)
        articles.demo.seed_views(stream)
        commented: list = [Article.objects.get(title=articles.demo.SEED_ARTICLE["title"])]
        for language, _name in settings.LANGUAGES:
            commented += Article.objects.published().in_edition(language).order_by("-published_at")[:20]
            commented += Album.objects.published().in_edition(language)[:2]
            commented += Film.objects.published().in_edition(language)[:2]
        comments.demo.seed(stream, commented)
        maps.demo.seed(topics)
        seed_site_pages()
        self.stdout.write(
            f"Demo content: {len(topics)} In Focus topics, {Article.objects.count()} articles "
            f"({Article.objects.filter(language='ar').count()} Arabic, "
            f"{Article.objects.filter(language='fa').count()} Persian), "
            f"{Album.objects.count()} albums, {Film.objects.count()} films, {Map.objects.count()} maps, "
            f"{Comment.objects.count()} comments."
        )
