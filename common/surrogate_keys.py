"""Surrogate keys: what a page shows, so that a change refreshes exactly the pages that showed it.

While a reader page renders, every content object loaded from the database adds its key
(``article:12``, ``image:7``…; see :func:`record_loaded`), and views add the keys of the
lists they show (``section:3:articles``, ``articles``, ``most-viewed``…). The page carries
them in its ``xkey`` and ``Surrogate-Key`` headers.

A change records the keys of what it touched with :func:`purge`, in the database and in
the change's own transaction: the purge exists exactly when the change does. After the
commit the keys go to every edge (common/edge.py), and every process of the site stops
using its cached copies that carry them (:func:`is_current`, :func:`cached`): each process
reads new purges at most every PURGE_POLL_SECONDS.
"""

from __future__ import annotations

import functools
import logging
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from datetime import timedelta
from typing import Any, TypeVar

from django.conf import settings
from django.core.cache import cache
from django.db import DatabaseError, connection, models, transaction
from django.utils import timezone

from common import edge
from common.models import Purge

logger = logging.getLogger(__name__)

# Carried by every reader page: purging it empties every cache (after a change of templates).
ALL_KEY = "all"
# A page listing more objects of one kind than this carries the kind's key instead
# (``articles`` for a sitemap of 50,000): headers stay small, purges stay right.
MAX_KEYS_PER_KIND = 64

T = TypeVar("T")


def key_of(instance: models.Model) -> str:
    """The key of one object: ``article:12``."""
    return f"{instance._meta.model_name}:{instance.pk}"


def collection_key(model: type[models.Model]) -> str:
    """The key of every list of a kind (a sitemap, the gallery, search): ``articles``."""
    return f"{model._meta.model_name}s"


def listing_key(owner: models.Model, listed: str) -> str:
    """The key of a list belonging to an object: ``section:3:articles``, ``article:12:comments``."""
    return f"{key_of(owner)}:{listed}"


# --- collecting the keys of a page ----------------------------------------------------------

_page_keys: ContextVar[set[str] | None] = ContextVar("surrogate_keys", default=None)


@contextmanager
def collecting() -> Iterator[set[str]]:
    """Collect the keys of what is rendered inside the block (nested blocks add to theirs)."""
    keys: set[str] = set()
    token = _page_keys.set(keys)
    try:
        yield keys
    finally:
        _page_keys.reset(token)


def add(*keys: str) -> None:
    """Say that the page being rendered shows these."""
    collected = _page_keys.get()
    if collected is not None:
        collected.update(keys)


def record_loaded(sender: type[models.Model], instance: models.Model, **kwargs: Any) -> None:
    """A post_init receiver: an object loaded while a page renders is shown by it."""
    if instance.pk is not None and _page_keys.get() is not None:
        add(key_of(instance))


def header_value(keys: Iterable[str]) -> str:
    """The keys for a response header, space-separated; kinds with too many objects collapse
    into their collection key."""
    by_kind: dict[str, list[str]] = {}
    others: set[str] = set()
    for key in keys:
        kind, _, rest = key.partition(":")
        if rest and ":" not in rest:  # an object's key, not a list's
            by_kind.setdefault(kind, []).append(key)
        else:
            others.add(key)
    for kind, objects in by_kind.items():
        if len(objects) > MAX_KEYS_PER_KIND:
            others.add(f"{kind}s")
        else:
            others.update(objects)
    return " ".join(sorted(others))


def with_keys(*keys: str) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """Decorate a view (one of Django's, in a URLconf) with the list keys of what it shows."""

    def decorate(view: Callable[..., Any]) -> Callable[..., Any]:
        @functools.wraps(view)
        def keyed_view(*args: Any, **kwargs: Any) -> Any:
            add(*keys)
            return view(*args, **kwargs)

        return keyed_view

    return decorate


# --- recording changes ----------------------------------------------------------------------


def purge(*keys: str) -> None:
    """Record that pages carrying these keys are out of date. In the caller's transaction; the
    edges are told after it commits (a failed send is kept and retried, the change stands)."""
    wanted = sorted({key for key in keys if key})
    if not wanted:
        return
    recorded = Purge.objects.create(keys=wanted)
    # Stored fragments of pages that show any of these (common/fragments.py) go with the change.
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM common_fragment WHERE keys && %s::varchar[]", [wanted])
    # This process knows at once (should the change roll back, a page is rendered once more for
    # nothing); the others within PURGE_POLL_SECONDS; the edges once the change is committed.
    watch.note(recorded.pk, wanted)
    transaction.on_commit(edge.send_pending_purges_safely)


# --- what each process knows of purges ------------------------------------------------------


class _PurgeWatch:
    """The newest purge this process has read, and the last purge of each recent key."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.position: int | None = None
        self.read_at = 0.0
        self.last_purge: dict[str, tuple[int, float]] = {}  # key -> (purge id, when it was read)
        self.newest_purge = 0  # the highest purge id in last_purge, ever

    def lookback_seconds(self) -> float:
        # No cached copy stays fresh longer than this: purges older than it cannot matter.
        return (
            max(settings.PAGE_CACHE_SECONDS, settings.EDGE_MAX_AGE_SECONDS)
            + 2 * settings.PURGE_POLL_SECONDS
            + 60
        )

    def refresh(self) -> None:
        now = time.monotonic()
        if self.position is not None and now - self.read_at < settings.PURGE_POLL_SECONDS:
            return
        with self.lock:
            if self.position is not None and now - self.read_at < settings.PURGE_POLL_SECONDS:
                return
            self.read_at = now
            try:
                if self.position is None:
                    since = timezone.now() - timedelta(seconds=self.lookback_seconds())
                    rows = Purge.objects.filter(created_at__gte=since)
                    newest = Purge.objects.order_by("-id").values_list("id", flat=True).first() or 0
                else:
                    rows = Purge.objects.filter(id__gt=self.position)
                    newest = self.position
                for purge_id, keys in rows.order_by("id").values_list("id", "keys"):
                    for key in keys:
                        self.last_purge[key] = (purge_id, now)
                    newest = max(newest, purge_id)
                    self.newest_purge = max(self.newest_purge, purge_id)
            except DatabaseError:
                # The database is away: keep what is known, so cached pages keep being served.
                logger.warning("Could not read new purges; cached pages are served as they are.")
                return
            self.position = newest
            horizon = now - self.lookback_seconds()
            if len(self.last_purge) > 10_000 or any(seen < horizon for _, seen in self.last_purge.values()):
                self.last_purge = {
                    key: value for key, value in self.last_purge.items() if value[1] >= horizon
                }

    def note(self, purge_id: int, keys: Iterable[str]) -> None:
        """A purge this process made: its own cached copies go at once. The position stays
        where it is, since purges other processes made before it may not have been read yet."""
        now = time.monotonic()
        with self.lock:
            for key in keys:
                self.last_purge[key] = (purge_id, now)
            self.newest_purge = max(self.newest_purge, purge_id)

    def current_position(self) -> int:
        self.refresh()
        return self.position or 0

    def is_current(self, keys: Iterable[str], position: int) -> bool:
        self.refresh()
        if position >= self.newest_purge:
            return True  # nothing purged since: the common case, whatever the number of keys
        return all(self.last_purge.get(key, (0, 0.0))[0] <= position for key in keys)

    def forget(self) -> None:
        with self.lock:
            self.position, self.read_at, self.last_purge, self.newest_purge = None, 0.0, {}, 0


watch = _PurgeWatch()


def current_position() -> int:
    """The newest purge this process knows of: stamp it on anything cached *before* computing it."""
    return watch.current_position()


def newest_recorded() -> int:
    """The newest purge in the database now (one query): what a render starting now reflects,
    where current_position() may lag by up to PURGE_POLL_SECONDS."""
    return Purge.objects.order_by("-id").values_list("id", flat=True).first() or 0


def is_current(keys: Iterable[str], position: int) -> bool:
    """Whether something cached at ``position`` and carrying ``keys`` is still up to date."""
    return watch.is_current(keys, position)


@dataclass(frozen=True)
class CachedValue:
    value: Any
    keys: frozenset[str]
    position: int


def cached(name: str, compute: Callable[[], T], timeout: int) -> T:
    """``compute()``'s result, kept in the cache until ``timeout`` or until a purge of any key
    it collected; its keys are added to the page being rendered either way."""
    stored = cache.get(name)
    if isinstance(stored, CachedValue) and is_current(stored.keys, stored.position):
        add(*stored.keys)
        return stored.value
    position = current_position()
    with collecting() as keys:
        value = compute()
    add(*keys)
    cache.set(name, CachedValue(value, frozenset(keys | {ALL_KEY}), position), timeout)
    return value
