"""What is filed under a topic, supplied by the apps that file things under topics.

focus knows nothing of articles, albums or films (the dependency points the other
way), yet a topic page lists all of them and the topic admin counts them. Each app
whose model has a ``topics`` many-to-many field to :class:`~focus.models.Topic`
registers a :class:`TopicContent` from its ``AppConfig.ready()``; the rules here work
on any such model through that field.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime
from functools import cached_property
from typing import Any

from django.db.models import Count, IntegerField, Model, OuterRef, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce

from focus.models import Topic


@dataclass(frozen=True)
class TopicContent:
    # A short name for the kind of item: "article", "album", "film".
    kind: str
    # The public items of the kind, with what their cards show, in a fixed number of queries.
    listing: Callable[[], QuerySet[Any]]
    # The template of one item's card; it receives ``item`` and ``kind``.
    item_template: str = ""
    # Or: the cards of a page's items of this kind, in their order (stored cards, for example).
    cards: Callable[[list[Any]], list[Any]] | None = None
    # The same cards, the first one as the lead story of a list (a larger picture and title).
    lead_cards: Callable[[list[Any]], list[Any]] | None = None

    @cached_property
    def model(self) -> type[Model]:
        return self.listing().model

    def topic_links(self) -> type[Model]:
        """The model linking items of this kind to topics (the many-to-many's through model)."""
        return self.model._meta.get_field("topics").remote_field.through

    def item_field(self) -> str:
        return self.model._meta.get_field("topics").m2m_field_name()

    def filed_under(self, queryset: QuerySet[Any], topic: Topic, many: bool = False) -> QuerySet[Any]:
        """Items filed under the topic or any of its subtopics, each once (the links in the
        topic's nested-set range); ``many`` for a thousand or more (PublishableQuerySet.among)."""
        in_subtree = self.topic_links().objects.filter(
            topic__tree_id=topic.tree_id, topic__lft__gte=topic.lft, topic__rght__lte=topic.rght
        )
        return queryset.among(in_subtree.values(self.item_field()), many)


_registered: dict[str, TopicContent] = {}


def register(content: TopicContent) -> None:
    _registered[content.kind] = content


def registered() -> list[TopicContent]:
    return list(_registered.values())


@dataclass(frozen=True)
class FiledItem:
    """One entry of a topic page: the item, its kind, and its card (HTML) or card's template."""

    kind: str
    item: Any
    template: str
    card: Any = None

    def get_absolute_url(self) -> str:
        return self.item.get_absolute_url()

    def __str__(self) -> str:
        return str(self.item)


class Stream:
    """(kind, id, published_at) of everything filed under a topic, newest first, for a
    paginator: ``count()`` and a slice, each one query reading narrow rows.

    A slice is one UNION of each kind's newest rows up to its end, each limited on its own:
    PostgreSQL then reads each kind from its newest-first index and stops early, where a
    UNION sorted as a whole first gathers every item of every kind (20 ms for 5,000).
    """

    ordered = True

    def __init__(self, parts: list[QuerySet[Any]]) -> None:
        self.parts = parts

    def count(self) -> int:
        if not self.parts:
            return 0
        first, *others = [part.order_by() for part in self.parts]
        return first.union(*others, all=True).count()

    def __getitem__(self, window: slice) -> list[tuple[str, int, datetime]]:
        if not self.parts or not window.stop:
            return []
        newest = [part.order_by("-published_at", "-id")[: window.stop] for part in self.parts]
        first, *others = newest
        return list(first.union(*others, all=True).order_by("-published_at", "-id")[window])


def stream(topic: Topic, many: bool = False) -> Stream:
    """Everything filed under the topic and its subtopics, newest first (see Stream).
    ``many`` when they are a thousand or more (PublishableQuerySet.among)."""
    return Stream(
        [
            content.filed_under(content.model.objects.published().in_edition(), topic, many)
            .annotate(kind=Value(content.kind))
            .values_list("kind", "id", "published_at")
            for content in registered()
        ]
    )


def materialise(rows: Iterable[tuple[str, int, datetime]], lead: bool = False) -> list[FiledItem]:
    """The items a page of :func:`stream` names, fetched with one listing query per kind
    present, with their cards when the kind makes them; with ``lead``, the first item's card is a
    lead story's when its kind makes those."""
    rows = list(rows)
    leading_kind = rows[0][0] if lead and rows else None
    found: dict[str, dict[int, Any]] = {}
    cards: dict[tuple[str, int], Any] = {}
    for content in registered():
        ids = [pk for kind, pk, _ in rows if kind == content.kind]
        found[content.kind] = content.listing().in_bulk(ids) if ids else {}
        if content.cards and ids:
            items = [found[content.kind][pk] for pk in ids if pk in found[content.kind]]
            make = (
                content.lead_cards if content.kind == leading_kind and content.lead_cards else content.cards
            )
            cards.update(zip(((content.kind, item.pk) for item in items), make(items), strict=True))
    return [
        FiledItem(kind, found[kind][pk], _registered[kind].item_template, cards.get((kind, pk)))
        for kind, pk, _ in rows
        if pk in found.get(kind, {})
    ]


def filed_item_keys(topic: Topic) -> list[str]:
    """The surrogate keys of the pages of everything filed under the topic or its subtopics
    (``article:12``, ``album:3``…), published or not: those pages link to the topic."""
    keys = []
    for content in registered():
        filed = content.filed_under(content.model.objects.order_by(), topic).values_list("pk", flat=True)
        keys += [f"{content.model._meta.model_name}:{pk}" for pk in filed]
    return keys


def annotate_counts(topics: QuerySet[Topic]) -> QuerySet[Topic]:
    """Each topic with ``<kind>_count``: its public items of each kind filed directly under it."""
    for content in registered():
        links = content.topic_links()
        public = content.model.objects.published()
        counts = (
            links.objects.filter(topic=OuterRef("pk"), **{f"{content.item_field()}__in": public})
            .order_by()
            .values("topic")
            .annotate(total=Count("pk"))
            .values("total")
        )
        topics = topics.annotate(
            **{f"{content.kind}_count": Coalesce(Subquery(counts, output_field=IntegerField()), 0)}
        )
    return topics
