"""Small to-many relations read inside the main query instead of by queries of their own.

``prefetch_related("authors")`` costs a second query for every list of articles: a round
trip to PostgreSQL, and in Django more time building and compiling the query than running
it. An article's authors, tags and topics are a few short rows; :class:`InlinePrefetch`
brings them in the main query as a JSON array (``ARRAY(SELECT json_build_object(…))``) and
turns each element into a model instance, put where ``prefetch_related`` would have put it:
``article.authors.all()`` then reads no more rows, so templates and helpers need no change.

The instances are made with ``Model.from_db`` (so post_init runs: the page's surrogate keys
learn of them) from the JSON's values: use it for fields whose JSON value is the Python
value (numbers, text, booleans), not dates.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.contrib.postgres.expressions import ArraySubquery
from django.db.models import Model, OuterRef, QuerySet
from django.db.models.functions import JSONObject
from django.db.models.query import ModelIterable
from taggit.models import Tag, TaggedItem


class InlinePrefetch(ArraySubquery):
    """The rows of ``queryset`` (filtered on ``OuterRef("pk")``, in its order) for the
    relation ``relation``, as instances of its model with the given fields.

    ``fields`` maps each field of the instances to the lookup that reads it from
    ``queryset``: ``{"id": "tag_id", "name": "tag__name"}``; a sequence of names reads them
    as they are. ``model`` is the instances' model when ``queryset`` reads them through
    links (tags through their TaggedItem rows). With ``to_attr`` the list is that
    attribute of the instance, as ``Prefetch(to_attr=…)`` would make it.
    """

    def __init__(
        self,
        relation: str,
        queryset: QuerySet,
        fields: Mapping[str, str] | tuple[str, ...],
        model: type[Model] | None = None,
        to_attr: str = "",
    ) -> None:
        self.relation = relation
        self.fields = dict(fields) if isinstance(fields, Mapping) else {name: name for name in fields}
        self.related_model: type[Model] = model or queryset.model
        self.to_attr = to_attr
        super().__init__(queryset.values(item=JSONObject(**self.fields)))

    def instances(self, rows: list[dict[str, Any]] | None) -> list[Model]:
        names = list(self.fields)
        return [self.related_model.from_db(None, names, [row[name] for name in names]) for row in rows or ()]


class InlinePrefetchIterable(ModelIterable):
    """Model instances as usual, each with its inline relations where prefetch_related puts them."""

    def __iter__(self) -> Iterator[Model]:
        inline = [
            (alias, expression)
            for alias, expression in self.queryset.query.annotations.items()
            if isinstance(expression, InlinePrefetch)
        ]
        for instance in super().__iter__():
            cache = instance.__dict__.setdefault("_prefetched_objects_cache", {})
            for alias, expression in inline:
                instances = expression.instances(instance.__dict__.pop(alias, None))
                if expression.to_attr:
                    setattr(instance, expression.to_attr, instances)
                    continue
                related = expression.related_model._default_manager.none()
                related._result_cache = instances
                related._prefetch_done = True
                cache[expression.relation] = related
            yield instance


def with_inline(queryset: QuerySet, *prefetches: InlinePrefetch) -> QuerySet:
    """``queryset`` whose instances come with these relations already read."""
    queryset = queryset.annotate(**{f"_inline_{prefetch.relation}": prefetch for prefetch in prefetches})
    queryset._iterable_class = InlinePrefetchIterable
    return queryset


def inline_tags(model: type[Model]) -> InlinePrefetch:
    """An item's tags (django-taggit), by name."""
    links = TaggedItem.objects.filter(
        content_type=ContentType.objects.get_for_model(model), object_id=OuterRef("pk")
    )
    fields = {"id": "tag_id", "name": "tag__name", "slug": "tag__slug"}
    return InlinePrefetch("tags", links.order_by("tag__name", "tag_id"), fields, model=Tag)
