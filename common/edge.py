"""Telling the edge caches (Varnish, or a CDN behind a compatible endpoint) what to purge.

Each URL of EDGE_PURGE_URLS receives ``PURGE`` requests carrying the keys in an ``xkey``
header (varnish-modules' xkey; deploy/varnish/default.vcl accepts them from allowed
addresses only). Purges are sent after the change commits; one that fails stays in the
purge log and is sent again by the next purge, or by ``manage.py send_purges`` (cron).
"""

from __future__ import annotations

import http.client
import logging
from collections.abc import Iterable
from urllib.parse import urlsplit

from django.conf import settings
from django.db import DatabaseError, transaction
from django.db.models import F
from django.utils import timezone

from common.models import Purge

logger = logging.getLogger(__name__)

# Keys per PURGE request: Varnish's default limit on a request header is 8 KB.
KEYS_PER_REQUEST = 200
BATCH = 500


class EdgeError(Exception):
    pass


def _chunks(keys: list[str], size: int) -> Iterable[list[str]]:
    for start in range(0, len(keys), size):
        yield keys[start : start + size]


def send_to_edge(url: str, keys: list[str]) -> None:
    """PURGE the keys at one edge; EdgeError unless every request is answered 200."""
    parts = urlsplit(url)
    connection_class = http.client.HTTPSConnection if parts.scheme == "https" else http.client.HTTPConnection
    for chunk in _chunks(sorted(keys), KEYS_PER_REQUEST):
        connection = connection_class(parts.hostname, parts.port, timeout=settings.EDGE_PURGE_TIMEOUT_SECONDS)
        try:
            connection.request("PURGE", parts.path or "/", headers={"xkey": " ".join(chunk)})
            response = connection.getresponse()
            response.read()
        except OSError as error:
            raise EdgeError(f"{url}: {error}") from error
        finally:
            connection.close()
        if response.status != 200:
            raise EdgeError(f"{url}: answered {response.status} {response.reason}")


def send_pending_purges() -> int:
    """Send every purge not sent yet to every edge; returns how many were sent. Purges that
    cannot be sent stay pending (and are logged) for the next attempt."""
    sent = 0
    while True:
        with transaction.atomic():
            pending = list(
                Purge.objects.filter(sent_at__isnull=True)
                .order_by("id")
                .select_for_update(skip_locked=True)[:BATCH]
            )
            if not pending:
                return sent
            keys = sorted({key for purge in pending for key in purge.keys})
            ids = [purge.pk for purge in pending]
            try:
                for url in settings.EDGE_PURGE_URLS:
                    send_to_edge(url, keys)
            except EdgeError as error:
                Purge.objects.filter(pk__in=ids).update(attempts=F("attempts") + 1)
                logger.warning("Edge purge failed, kept for a retry (%d purges): %s", len(ids), error)
                return sent
            Purge.objects.filter(pk__in=ids).update(sent_at=timezone.now())
            sent += len(ids)


def send_pending_purges_safely() -> None:
    """After a commit: try at once, never let a failure reach the editor's request."""
    try:
        send_pending_purges()
    except DatabaseError:
        logger.exception("Could not read the purge log to send purges; they stay pending.")
