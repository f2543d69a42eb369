"""In Focus: a tree of topics (django-mptt), each with an image and a description.

This app knows nothing of articles: articles point at topics.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVectorField
from django.db import connection, models, transaction
from django.db.models import Exists, OuterRef
from django.utils.translation import gettext_lazy as _
from mptt.exceptions import InvalidMove
from mptt.managers import TreeManager
from mptt.models import MPTTModel, TreeForeignKey
from mptt.querysets import TreeQuerySet

from common import editions
from common.models import Image
from common.plain_text import LineField, LinesField
from common.publishing import PublicationStatus, can_preview
from common.reversing import cached_reverse
from common.sanitize import sanitize_html
from common.text_search import SEARCH_CONFIGS, ranked_matches, weighted_vector

# Any number: the advisory lock that serialises edits of the topic tree.
TREE_LOCK_KEY = 74_300_001


def lock_topic_tree() -> None:
    """Serialise tree edits until the end of the current transaction.

    django-mptt rewrites the left/right values of many rows on each insert or
    move; two concurrent edits could interleave and corrupt them.
    """
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_advisory_xact_lock(%s)", [TREE_LOCK_KEY])


class TopicQuerySet(TreeQuerySet):
    def public(self) -> TopicQuerySet:
        """What readers may see: published topics none of whose ancestors is a draft (a topic
        under a draft topic would lead to a breadcrumb and a tree readers cannot see)."""
        draft_ancestor = Topic.objects.filter(
            tree_id=OuterRef("tree_id"), lft__lt=OuterRef("lft"), rght__gt=OuterRef("rght")
        ).exclude(status=PublicationStatus.PUBLISHED)
        return self.filter(status=PublicationStatus.PUBLISHED).filter(~Exists(draft_ancestor))

    def visible_to(self, user: Any) -> TopicQuerySet:
        """Public topics, plus drafts for staff who may preview them."""
        return self if can_preview(user, self.model) else self.public()

    def family(self, topic: Topic) -> tuple[list[Topic], list[Topic]]:
        """The topic's ancestors (the root first) and its subtopics (in the tree's order), in one query."""
        relatives = self.filter(tree_id=topic.tree_id).filter(
            models.Q(lft__lt=topic.lft, rght__gt=topic.rght) | models.Q(parent=topic)
        )
        ancestors, subtopics = [], []
        for relative in relatives.order_by("lft"):
            (ancestors if relative.lft < topic.lft else subtopics).append(relative)
        return ancestors, subtopics


class TopicManager(TreeManager.from_queryset(TopicQuerySet)):
    def featured(self) -> models.QuerySet[Topic]:
        """Public topics for the home page's In Focus block, in the tree's order (the one editors
        arrange by dragging, and the topic index's)."""
        return self.public().filter(featured=True).select_related("image").order_by("tree_id", "lft")

    def search(self, text: str) -> models.QuerySet[Topic]:
        return ranked_matches(self.public(), text, "name")

    def listing_keys(self, topic_ids: Iterable[int]) -> list[str]:
        """The surrogate keys of the topic pages that list what is filed under these topics:
        theirs and their ancestors' (a topic page lists its subtopics' items too)."""
        ids = list(topic_ids)
        if not ids:
            return []
        topics = self.get_queryset_ancestors(self.filter(pk__in=ids), include_self=True).values_list(
            "pk", flat=True
        )
        return [f"topic:{pk}:items" for pk in topics]

    def move_node(self, node: Topic, target: Topic | None, position: str = "last-child") -> None:
        """django-mptt's move (what the drag-and-drop admin calls), one tree edit at a time,
        refusing in plain words to put a topic under itself or one of its own subtopics."""
        with transaction.atomic():
            lock_topic_tree()
            if target is not None:
                target.refresh_from_db(fields=["tree_id", "lft", "rght"])
                node.refresh_from_db(fields=["tree_id", "lft", "rght"])
                if target.is_descendant_of(node, include_self=True):
                    raise InvalidMove(
                        _("“%(topic)s” cannot be moved under itself or under one of its own subtopics.")
                        % {"topic": node.name}
                    )
            super().move_node(node, target, position)


class Topic(editions.LocalNames, MPTTModel):
    Status = PublicationStatus

    name = LineField(_("name"), max_length=120)
    slug = models.SlugField(
        _("slug"),
        max_length=120,
        unique=True,
        allow_unicode=True,
        help_text=_("The end of the topic's address: /focus/ansarullah/. Letters of any alphabet are fine."),
    )
    parent = TreeForeignKey(
        "self",
        verbose_name=_("parent topic"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
    )
    description = LinesField(
        _("short description"),
        max_length=600,
        help_text=_("One paragraph, shown with the topic on the home page and at the top of its page."),
    )
    # Every edition has the topic: its words in each edition's language (common/editions.py).
    name_ar = LineField(_("name in Arabic"), max_length=120, blank=True)
    name_fa = LineField(_("name in Persian"), max_length=120, blank=True)
    description_ar = LinesField(_("short description in Arabic"), max_length=600, blank=True)
    description_fa = LinesField(_("short description in Persian"), max_length=600, blank=True)
    introduction = models.TextField(
        _("introduction"),
        blank=True,
        help_text=_("Optional longer text for the topic's page. Cleaned on save like article bodies."),
    )
    image = models.ForeignKey(
        Image, verbose_name=_("image"), on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    status = models.CharField(
        _("status"),
        max_length=10,
        # Topics are set up by editors: no review step.
        choices=[
            (status.value, status.label) for status in (PublicationStatus.DRAFT, PublicationStatus.PUBLISHED)
        ],
        default=PublicationStatus.DRAFT,
        help_text=_(
            "A draft topic is seen only here and in previews. A published topic appears on the site "
            "(its page and feed, the In Focus index, the home page when featured, search, the sitemap "
            "and the pages filed under it) once every topic above it is published too; its page lists "
            "what is published under it."
        ),
    )
    featured = models.BooleanField(
        _("featured on the home page"),
        default=False,
        help_text=_("Featured topics appear in the home page's In Focus block in the tree's order."),
    )
    search_vector = models.GeneratedField(
        # Each language's words with its edition's configuration (common/text_search.py), so
        # each edition's searches find them.
        expression=weighted_vector(("name", "A"), ("description", "B"))
        + weighted_vector(("name_ar", "A"), ("description_ar", "B"), config=SEARCH_CONFIGS["ar"])
        + weighted_vector(("name_fa", "A"), ("description_fa", "B"), config=SEARCH_CONFIGS["fa"]),
        output_field=SearchVectorField(),
        db_persist=True,
    )

    objects = TopicManager()

    class Meta:
        verbose_name = _("topic")
        verbose_name_plural = _("topics")
        indexes = [
            GinIndex(fields=["search_vector"], name="topic_search"),
        ]

    def __str__(self) -> str:
        return self.name

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.introduction = sanitize_html(self.introduction)
        # Whether readers may now see it or no longer (pages filed under it are purged after).
        self.publication_changed = getattr(self, "_status_as_loaded", None) != self.status
        with transaction.atomic():
            lock_topic_tree()
            super().save(*args, **kwargs)
        self._status_as_loaded = self.status

    @classmethod
    def from_db(cls, db: str | None, field_names: list[str], values: list[Any]) -> Topic:
        instance = super().from_db(db, field_names, values)
        instance._status_as_loaded = instance.__dict__.get("status")
        return instance

    @property
    def is_public(self) -> bool:
        """The instance's answer to public(): published, with every ancestor published (one
        query when the topic has a parent)."""
        if self.status != PublicationStatus.PUBLISHED:
            return False
        return (
            self.is_root_node()
            or not self.get_ancestors().exclude(status=PublicationStatus.PUBLISHED).exists()
        )

    def delete(self, *args: Any, **kwargs: Any) -> Any:
        with transaction.atomic():
            lock_topic_tree()
            return super().delete(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return cached_reverse("focus:topic", slug=self.slug)
