"""What "published" means, written once for every kind of content readers see.

Articles, photo albums and films inherit :class:`PublishableModel`: a status, a
publication moment and the constraint tying them, and a QuerySet whose
``published()`` is the only definition of "public" in the project. Rankings,
sitemaps, feeds and the page cache ask it, never a condition of their own.
"""

from __future__ import annotations

import functools
import operator
from datetime import datetime
from typing import Any

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import BooleanField, Exists, Expression, ExpressionWrapper, OuterRef, Q, QuerySet, Value
from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from taggit.models import Tag, TaggedItem

from common import editions


class PublicationStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    # A writer's draft handed to the editors; readers see it no more than a draft.
    REVIEW = "review", _("Awaiting review")
    PUBLISHED = "published", _("Published")


class PublicationState(models.TextChoices):
    """What an item is to readers now: its status, with "published" for a moment still to
    come told apart as "scheduled" (admin lists and forms show this)."""

    DRAFT = "draft", _("Draft")
    REVIEW = "review", _("Awaiting review")
    SCHEDULED = "scheduled", _("Scheduled")
    PUBLISHED = "published", _("Published")


def can_preview(user: Any, model: type[models.Model]) -> bool:
    """Staff who may view this kind of content in admin also see its drafts and scheduled
    items on the site (never cached, marked as previews)."""
    if not getattr(user, "is_staff", False):
        return False
    return user.has_perm(f"{model._meta.app_label}.view_{model._meta.model_name}")


# From this many items a list is read by walking the newest items (PublishableQuerySet.among).
MANY_ITEMS = 1000


class PublishableQuerySet(models.QuerySet):
    def published(self, now: datetime | None = None) -> PublishableQuerySet:
        """What the public may see: published, and its publication moment has come.

        A scheduled item (published with a future date) appears by itself when its
        time comes; nothing has to run.
        """
        return self.filter(status=PublicationStatus.PUBLISHED, published_at__lte=now or timezone.now())

    def scheduled(self, now: datetime | None = None) -> PublishableQuerySet:
        """Published with a moment still to come."""
        return self.filter(status=PublicationStatus.PUBLISHED, published_at__gt=now or timezone.now())

    def in_state(self, state: str, now: datetime | None = None) -> PublishableQuerySet:
        """Items in one of PublicationState's states (scheduled and published told apart)."""
        if state == PublicationState.SCHEDULED:
            return self.scheduled(now)
        if state == PublicationState.PUBLISHED:
            return self.published(now)
        return self.filter(status=state)

    def visible_to(self, user: Any) -> PublishableQuerySet:
        """Published items, plus drafts and scheduled ones for staff who may preview them."""
        return self if can_preview(user, self.model) else self.published()

    def in_edition(self, language: str | None = None) -> PublishableQuerySet:
        """Items of one edition: the one being shown, unless another is named."""
        return self.filter(language=language or editions.current())

    def newest_first(self) -> PublishableQuerySet:
        return self.order_by("-published_at", "-id")

    def among(self, ids: models.QuerySet, many: bool) -> PublishableQuerySet:
        # (A list is "many" from MANY_ITEMS items: callers decide from its cached count.)
        """These items whose id is in ``ids`` (a query of ids). With ``many`` (a thousand or
        more), PostgreSQL is led to walk the newest-first index and test each item against a
        hash of the ids, so a page of twenty stops after a few hundred rows; otherwise it reads
        the few matches first and sorts them. (An OR keeps PostgreSQL from turning the first
        into the second, which reads every match: 17 ms for a topic of 5,000 articles.)"""
        if many:
            return self.filter(Q(pk__in=ids) | Q(pk__lt=0))
        return self.filter(pk__in=ids)

    def next_publication(self, now: datetime | None = None) -> datetime | None:
        """When the next scheduled item goes live, if any."""
        return self.scheduled(now).order_by("published_at").values_list("published_at", flat=True).first()

    def related_to(self, item: models.Model) -> PublishableQuerySet:
        """Items of the same kind that share a tag or an In Focus topic with ``item``, not
        ``item`` itself. For models with ``tags`` (taggit) and ``topics`` (many-to-many);
        reads both from the prefetch cache when the caller prefetched them."""
        tag_ids = [tag.pk for tag in item.tags.all()]
        topic_ids = [topic.pk for topic in item.topics.all()]
        if not tag_ids and not topic_ids:
            return self.none()
        shares_a_tag = TaggedItem.objects.filter(
            content_type=ContentType.objects.get_for_model(self.model),
            object_id=OuterRef("pk"),
            tag_id__in=tag_ids,
        )
        topics = self.model._meta.get_field("topics")
        shares_a_topic = topics.remote_field.through.objects.filter(
            **{topics.m2m_field_name(): OuterRef("pk"), f"{topics.m2m_reverse_field_name()}__in": topic_ids}
        )
        return self.filter(Exists(shares_a_tag) | Exists(shares_a_topic)).exclude(pk=item.pk)


class PublishableModel(models.Model):
    """Content with a publication status and moment. Published without a date means
    published now; a future date schedules it."""

    Status = PublicationStatus

    status = models.CharField(
        _("status"), max_length=10, choices=PublicationStatus.choices, default=PublicationStatus.DRAFT
    )
    published_at = models.DateTimeField(
        _("publication date"),
        null=True,
        blank=True,
        help_text=_(
            "Leave empty to publish now. A future date schedules it: it appears by itself at that moment."
        ),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    modified_at = models.DateTimeField(_("last edited"), auto_now=True)
    language = editions.edition_field()

    objects = PublishableQuerySet.as_manager()

    class Meta:
        abstract = True
        ordering = ["-published_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status="published") | Q(published_at__isnull=False),
                name="%(class)s_published_has_date",
            ),
        ]
        indexes = [
            # Listings, feeds and sitemaps: an edition's newest published items.
            models.Index(
                fields=["language", "-published_at", "-id"],
                name="%(class)s_published_recent",
                condition=Q(status="published"),
            ),
        ]

    def save(self, *args: Any, **kwargs: Any) -> None:
        self._date_if_publishing_now()
        # Whether this save may move the item into or out of lists (for purges, after it).
        self.publication_changed = getattr(self, "_publication_as_loaded", None) != (
            self.status,
            self.published_at,
        )
        super().save(*args, **kwargs)
        self._publication_as_loaded = (self.status, self.published_at)

    @classmethod
    def from_db(cls, db: str | None, field_names: list[str], values: list[Any]) -> PublishableModel:
        instance = super().from_db(db, field_names, values)
        instance._publication_as_loaded = (
            instance.__dict__.get("status"),
            instance.__dict__.get("published_at"),
        )
        return instance

    def clean(self) -> None:
        # Before constraint validation, which would refuse a published item without a date.
        self._date_if_publishing_now()

    def listing_keys(self) -> list[str]:
        """The surrogate keys of the lists this item appears in (a section, its tags…), which
        change when it is published, unpublished or rescheduled. Models override it."""
        return []

    def _date_if_publishing_now(self) -> None:
        if self.status == PublicationStatus.PUBLISHED and self.published_at is None:
            self.published_at = timezone.now()

    @property
    def publication_state(self) -> PublicationState:
        if self.status == PublicationStatus.PUBLISHED:
            if self.published_at is not None and self.published_at > timezone.now():
                return PublicationState.SCHEDULED
            return PublicationState.PUBLISHED
        return PublicationState(self.status)

    @property
    def is_public(self) -> bool:
        """The instance's answer to ``published()``, for one object already in hand."""
        return (
            self.status == PublicationStatus.PUBLISHED
            and self.published_at is not None
            and self.published_at <= timezone.now()
        )


def publish_permission(model: type[models.Model]) -> str:
    """The permission to publish, schedule and unpublish this kind of content (writers lack it)."""
    return f"{model._meta.app_label}.publish_{model._meta.model_name}"


def can_publish(user: Any, model: type[models.Model]) -> bool:
    return bool(getattr(user, "is_active", False)) and user.has_perm(publish_permission(model))


def publishable_models() -> list[type[PublishableModel]]:
    return [model for model in apps.get_models() if issubclass(model, PublishableModel)]


def tag_is_public(language: str | None = None) -> Expression:
    """Whether a tag (taggit's Tag, in a query) has a public page, feed and sitemap entry:
    something published carries it (in the edition ``language``, when named). A tag used only by
    drafts or scheduled items tells nothing; a tag belongs to the editions whose items carry it."""

    def public(model: type[models.Model]) -> QuerySet:
        items = model.objects.published()
        return items.in_edition(language) if language else items

    carried = [
        Exists(
            TaggedItem.objects.filter(
                tag=OuterRef("pk"),
                content_type__app_label=model._meta.app_label,
                content_type__model=model._meta.model_name,
                object_id__in=public(model).values("pk"),
            )
        )
        for model in publishable_models()
        if hasattr(model, "tags")
    ]
    condition = functools.reduce(operator.or_, carried) if carried else Value(False)
    return ExpressionWrapper(condition, output_field=BooleanField())


def public_tags(language: str | None = None) -> QuerySet[Tag]:
    """Tags that something published carries (in the edition ``language``, when named)."""
    return Tag.objects.annotate(is_public=tag_is_public(language)).filter(is_public=True)


def next_publication(now: datetime | None = None) -> datetime | None:
    """The next moment any scheduled content goes live: pages change then without a save."""
    moments = [model.objects.next_publication(now) for model in publishable_models()]
    return min(filter(None, moments), default=None)


def keep_previews_private(response: HttpResponse, user: Any, item: PublishableModel) -> HttpResponse:
    """Pages of unpublished items, and every page staff who may preview see (with edit links
    and banners), never go to a shared cache."""
    if not item.is_public or can_preview(user, type(item)):
        response["Cache-Control"] = "private, no-store"
    return response
