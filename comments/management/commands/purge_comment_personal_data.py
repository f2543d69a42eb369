"""Forget commenters' IP addresses and browsers once moderators no longer need them."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandParser
from django.utils import timezone

from comments.models import Comment, UsedFormToken


class Command(BaseCommand):
    help = (
        "Blank the IP address and browser of comments older than --days (COMMENTS_KEEP_PERSONAL_DATA_DAYS), "
        "and forget used comment form tokens that have expired."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--days", type=int, default=settings.COMMENTS_KEEP_PERSONAL_DATA_DAYS)

    def handle(self, *args: Any, days: int, **options: Any) -> None:
        cutoff = timezone.now() - timedelta(days=days)
        purged = (
            Comment.objects.filter(created_at__lt=cutoff)
            .exclude(ip_address__isnull=True, user_agent="")
            .update(ip_address=None, user_agent="")
        )
        self.stdout.write(f"Purged the IP address and browser of {purged} comments older than {days} days.")
        expired = timezone.now() - timedelta(seconds=settings.COMMENTS_TOKEN_MAX_AGE_SECONDS)
        forgotten, _ = UsedFormToken.objects.filter(used_at__lt=expired).delete()
        self.stdout.write(f"Forgot {forgotten} used comment form tokens that had expired anyway.")
