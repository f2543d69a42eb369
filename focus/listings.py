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
from typing import Any

from django.db.models import Count, Exists, IntegerField, Model, OuterRef, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce

from focus.models import Topic


@dataclass(frozen=True)
class TopicContent:
    # A short name for the kind of item: "article", "album", "film".
    kind: str
    # The public items of the kind, with what their cards show, in a fixed number of queries.
    listing: Callable[[], QuerySet[Any]]
    # The template of one item's card; it receives ``item`` (and ``article`` for article cards).
    item_template: str

    @property
    def model(self) -> type[Model]:
        return self.listing().model

    def topic_links(self) -> type[Model]:
        """The model linking items of this kind to topics (the many-to-many's through model)."""
        return self.model._meta.get_field("topics").remote_field.through

    def item_field(self) -> str:
        return self.model._meta.get_field("topics").m2m_field_name()

    def filed_under(self, queryset: QuerySet[Any], topic: Topic) -> QuerySet[Any]:
        """Items filed under the topic or any of its subtopics, each once (an EXISTS over
        the topic's nested-set range)."""
        in_subtree = self.topic_links().objects.filter(
            **{self.item_field(): OuterRef("pk")},
            topic__tree_id=topic.tree_id,
            topic__lft__gte=topic.lft,
            topic__rght__lte=topic.rght,
        )
        return queryset.filter(Exists(in_subtree))


_registered: dict[str, TopicContent] = {}


def register(content: TopicContent) -> None:
    _registered[content.kind] = content


def registered() -> list[TopicContent]:
    return list(_registered.values())


@dataclass(frozen=True)
class FiledItem:
    """One entry of a topic page: the item, its kind and the template of its card."""

    kind: str
    item: Any
    template: str

    def get_absolute_url(self) -> str:
        return self.item.get_absolute_url()

    def __str__(self) -> str:
        return str(self.item)


def stream(topic: Topic) -> QuerySet[Any]:
    """(kind, id, published_at) of everything filed under the topic and its subtopics,
    newest first, as one UNION query: counting and paging it reads narrow rows only."""
    parts = [
        content.filed_under(content.model.objects.published(), topic)
        .order_by()
        .annotate(kind=Value(content.kind))
        .values_list("kind", "id", "published_at")
        for content in registered()
    ]
    if not parts:
        return Topic.objects.none()
    first, *others = parts
    return first.union(*others, all=True).order_by("-published_at", "-id")


def materialise(rows: Iterable[tuple[str, int, datetime]]) -> list[FiledItem]:
    """The items a page of :func:`stream` names, fetched with one listing query per kind."""
    rows = list(rows)
    found: dict[str, dict[int, Any]] = {}
    for content in registered():
        ids = [pk for kind, pk, _ in rows if kind == content.kind]
        found[content.kind] = content.listing().in_bulk(ids) if ids else {}
    return [
        FiledItem(kind, found[kind][pk], _registered[kind].item_template)
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
