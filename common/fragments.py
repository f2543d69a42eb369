"""Pieces of pages rendered once per change, shared by every process: cards, stories, lists.

A card of an article looks the same on the home page, its section, its tags and its
author's page, and stays the same until the article, its section, picture or authors
change. So it is rendered once and kept in PostgreSQL (:class:`common.models.Fragment`)
with the surrogate keys of what it shows; a purge of any of those keys deletes it in the
purge's own transaction (common/surrogate_keys.py), and the next page that needs it renders it again.
A page then reads its twenty cards in one query instead of building twenty articles with
their sections, pictures and authors and rendering them.

Kept in the database rather than the cache: every worker and machine shares it without
Redis, it survives restarts, and it is exactly as current as the data (a fragment rendered
while a change was being committed is not stored: :func:`store`). A fragment also carries
the version of the code and templates that rendered it: a deploy renders pieces anew.
"""

from __future__ import annotations

import functools
import hashlib
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

from django.conf import settings
from django.db import connection
from django.db.models import Model
from django.utils import timezone
from django.utils.translation import get_language
from markupsafe import Markup

from common import surrogate_keys

# Seconds a fragment is kept at most unless the caller says otherwise (None: until a purge).
FOREVER: int | None = None


@functools.cache
def code_version() -> str:
    """A digest of the project's templates and Python source: fragments rendered by other
    code are not used (each process computes it once, when it first needs it)."""
    root = Path(settings.BASE_DIR)
    digest = hashlib.sha1(usedforsecurity=False)
    folders = [Path(folder) for engine in settings.TEMPLATES for folder in engine.get("DIRS", [])]
    files = sorted(
        path for folder in folders if folder.is_dir() for path in folder.rglob("*") if path.is_file()
    )
    files += sorted(
        path
        for path in root.glob("*/**/*.py")
        if not path.relative_to(root).parts[0].startswith((".", "var", "tests", "bench", "node_modules"))
    )
    for path in files:
        digest.update(str(path.relative_to(root)).encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def keys_of(instance: Model) -> set[str]:
    """The surrogate keys of an object and of everything read with it: its select_related
    objects and prefetched (or inline-prefetched) lists, at any depth. A fragment showing the
    object is out of date when any of them changes."""
    keys = {surrogate_keys.key_of(instance)}
    # Django keeps select_related objects in _state.fields_cache and prefetched lists in
    # _prefetched_objects_cache; reading them here loads nothing.
    for related in instance._state.fields_cache.values():
        if isinstance(related, Model) and related.pk is not None:
            keys |= keys_of(related)
    for related_list in getattr(instance, "_prefetched_objects_cache", {}).values():
        for related in related_list:
            keys |= keys_of(related)
    return keys


def fetch(names: Sequence[str]) -> dict[str, Markup]:
    """The stored, current HTML of these fragments, in one query; their keys go to the page."""
    if not names:
        return {}
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT name, html, keys, position FROM common_fragment "
            "WHERE name = ANY(%s) AND version = %s AND (expires_at IS NULL OR expires_at > %s)",
            [list(names), code_version(), timezone.now()],
        )
        rows = cursor.fetchall()
    found: dict[str, Markup] = {}
    for name, html, keys, position in rows:
        if surrogate_keys.is_current(keys, position):
            found[name] = Markup(html)  # noqa: S704 (our own templates' output, escaped when rendered)
            surrogate_keys.add(*keys)
    return found


def store(
    pieces: Iterable[tuple[str, str, set[str]]],
    position: int,
    seconds: int | Sequence[int | None] | None = FOREVER,
) -> None:
    """Keep freshly rendered fragments (name, html, keys), rendered from what was current at
    purge ``position``, for ``seconds`` (one for all, or one each; None: until a purge). One
    that a purge since ``position`` concerns is not kept (it may show what that change replaced)."""
    rows = [(name, html, sorted(keys | {surrogate_keys.ALL_KEY})) for name, html, keys in pieces]
    if not rows:
        return
    now = timezone.now()
    each = seconds if isinstance(seconds, Sequence) else [seconds] * len(rows)
    expiries = [now + timedelta(seconds=value) if value is not None else None for value in each]
    names, htmls, keys = zip(*rows, strict=True)
    with connection.cursor() as cursor:
        # The keys travel as one text per fragment (PostgreSQL cannot unnest an array of arrays).
        cursor.execute(
            """
            INSERT INTO common_fragment (name, version, html, keys, position, expires_at)
            SELECT piece.name, %(version)s, piece.html, string_to_array(piece.keys, ' '), %(position)s,
                   piece.expires_at
            FROM unnest(%(names)s::text[], %(htmls)s::text[], %(keys)s::text[], %(expiries)s::timestamptz[])
                AS piece(name, html, keys, expires_at)
            WHERE NOT EXISTS (
                SELECT 1 FROM common_purge AS purge
                WHERE purge.id > %(position)s AND purge.keys && string_to_array(piece.keys, ' ')::varchar[]
            )
            ON CONFLICT (name) DO UPDATE SET version = EXCLUDED.version, html = EXCLUDED.html,
                keys = EXCLUDED.keys, position = EXCLUDED.position, expires_at = EXCLUDED.expires_at
            """,
            {
                "version": code_version(),
                "position": position,
                "expiries": expiries,
                "names": list(names),
                "htmls": list(htmls),
                "keys": [" ".join(item) for item in keys],
            },
        )


def pieces(
    names: Sequence[str],
    render: Callable[[list[int]], dict[int, tuple[str, set[str]]]],
    seconds: int | Sequence[int | None] | None = FOREVER,
) -> list[Markup]:
    """The fragment of each name, from the store or rendered now, in order.

    ``render(indexes)`` renders the missing ones (their indexes in ``names``) all at once (so it
    can read what they show in one query) and returns, for each index, the HTML and the keys
    of what it shows (:func:`keys_of`). Names must say everything the HTML depends on besides
    the objects: the kind of piece, its style, the language.
    """
    found = fetch(names)
    missing = [index for index, name in enumerate(names) if name not in found]
    if missing:
        position = surrogate_keys.newest_recorded()
        rendered = render(missing)
        new = [(names[index], *rendered[index]) for index in missing if index in rendered]
        for name, html, keys in new:
            found[name] = Markup(html)  # noqa: S704 (our own templates' output)
            surrogate_keys.add(*keys)
        each = seconds if isinstance(seconds, Sequence) else [seconds] * len(names)
        store(new, position, [each[index] for index in missing if index in rendered])
    return [found.get(name, Markup("")) for name in names]


@dataclass(frozen=True)
class CardGroup:
    """The cards of one list of a page: (item, style) entries, how to load the items whose
    cards are not stored (``load(model, ids)``, with what their cards show, one query per
    model) and how to draw one (``render(item, style)``). Only the items' model and id are
    read from ``entries``."""

    entries: Sequence[tuple[Model, str]]
    load: Callable[[type[Model], list[int]], dict[int, Model]]
    render: Callable[[Model, str], str]


def cards(
    entries: Sequence[tuple[Model, str]],
    load: Callable[[type[Model], list[int]], dict[int, Model]],
    render: Callable[[Model, str], str],
) -> list[Markup]:
    """The card of each (item, style) in order: stored ones in one query, the others loaded
    and rendered (see :class:`CardGroup`)."""
    return card_groups(CardGroup(entries, load, render))[0]


def card_groups(*groups: CardGroup) -> list[list[Markup]]:
    """The cards of several lists of a page (articles, albums and films, say), each list's in
    order, read from the store in one query for all of them."""
    language = get_language()
    flat = [(group, item, style) for group in groups for item, style in group.entries]
    names = [f"card:{item._meta.model_name}:{style}:{language}:{item.pk}" for _, item, style in flat]

    def render_missing(indexes: list[int]) -> dict[int, tuple[str, set[str]]]:
        by_loader: dict[tuple[int, type[Model]], list[int]] = {}
        for index in indexes:
            group, item, _style = flat[index]
            by_loader.setdefault((id(group), type(item)), []).append(index)
        rendered = {}
        for (_group, model), model_indexes in by_loader.items():
            group = flat[model_indexes[0]][0]
            found = group.load(model, [flat[index][1].pk for index in model_indexes])
            for index in model_indexes:
                item = found.get(flat[index][1].pk)
                if item is not None:
                    rendered[index] = (str(group.render(item, flat[index][2])), keys_of(item))
        return rendered

    every_card = pieces(names, render_missing)
    lists, start = [], 0
    for group in groups:
        lists.append(every_card[start : start + len(group.entries)])
        start += len(group.entries)
    return lists
