"""Send the purges the edges have not acknowledged yet, and forget old ones (cron, every minute)."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.core.management.base import BaseCommand
from django.utils import timezone

from common.edge import send_pending_purges
from common.models import Purge

KEEP = timedelta(days=1)


class Command(BaseCommand):
    help = (
        "Send pending purges to every EDGE_PURGE_URLS (a failed send is retried here), and delete "
        "sent purges older than a day. Run it every minute."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        sent = send_pending_purges()
        pending = Purge.objects.filter(sent_at__isnull=True).count()
        deleted, _ = Purge.objects.filter(sent_at__lt=timezone.now() - KEEP).delete()
        self.stdout.write(f"Sent {sent} purges; {pending} still pending; forgot {deleted} old ones.")
