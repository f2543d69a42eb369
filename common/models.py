"""The image library, the purge log that keeps cached pages current, and what the admin keeps
while editors work (who has a form open, autosaved drafts, files held for a form with errors)."""

from __future__ import annotations

import os
import secrets
from typing import Any

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.contrib.postgres.fields import ArrayField
from django.core.validators import MaxValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from common.images import (
    DEFAULT_CROP,
    PictureField,
    RenditionURL,
    SourceImage,
    generate_renditions,
    rendition_urls,
    share_image_url,
)


def library_upload_path(image: Image, filename: str) -> str:
    """images/2026/11/<readable-stem>-<random>.<ext>: an address nobody can guess."""
    stem, extension = os.path.splitext(filename)
    readable = slugify(stem)[:40].strip("-") or "image"
    return f"images/{timezone.now():%Y/%m}/{readable}-{secrets.token_urlsafe(9)}{extension.lower()}"


class ImageQuerySet(models.QuerySet):
    def newest_first(self) -> ImageQuerySet:
        return self.order_by("-created_at", "-id")


class Image(models.Model):
    """One picture in the library: the file with what readers and editors need to know about
    it. Articles, authors, topics, photos and film posters point at library images."""

    file = PictureField(
        _("image file"),
        upload_to=library_upload_path,
        width_field="width",
        height_field="height",
        help_text=_("A JPEG, PNG, WebP or GIF. It is stored upright and without camera or location data."),
    )
    width = models.PositiveIntegerField(_("width"), editable=False, default=0)
    height = models.PositiveIntegerField(_("height"), editable=False, default=0)
    description = models.CharField(
        _("description (alt text)"),
        max_length=250,
        help_text=_(
            "What the picture shows, for readers who cannot see it: who, what, where. "
            "Not the caption, and not “photo of”."
        ),
    )
    caption = models.CharField(_("caption"), max_length=300, blank=True)
    credit = models.CharField(
        _("credit"), max_length=150, blank=True, help_text=_("Photographer or agency: “AFP”, “Reuters”.")
    )
    focal_x = models.PositiveSmallIntegerField(
        _("focal point across (%)"),
        default=50,
        validators=[MaxValueValidator(100)],
        help_text=_("0 is the left edge, 100 the right. Crops keep this point in the picture."),
    )
    focal_y = models.PositiveSmallIntegerField(
        _("focal point down (%)"),
        default=50,
        validators=[MaxValueValidator(100)],
        help_text=_("0 is the top edge, 100 the bottom."),
    )
    created_at = models.DateTimeField(_("added"), auto_now_add=True)

    objects = ImageQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("image")
        verbose_name_plural = _("images")
        constraints = [
            models.CheckConstraint(
                condition=Q(focal_x__lte=100) & Q(focal_y__lte=100), name="image_focal_point_inside"
            ),
        ]
        indexes = [models.Index(fields=["-created_at", "-id"], name="image_newest_first")]

    def __str__(self) -> str:
        return self.description

    def save(self, *args: Any, **kwargs: Any) -> None:
        super().save(*args, **kwargs)
        # Every shape the site shows, cut around the focal point; files that exist are skipped,
        # so a new focal point makes new crops and an edited caption makes nothing.
        if self.file and self.width and self.height:
            generate_renditions(self.source)

    @property
    def source(self) -> SourceImage:
        return SourceImage(
            self.file.name, self.file.storage, self.width, self.height, self.focal_x, self.focal_y
        )

    def renditions(self, crop: str = DEFAULT_CROP) -> tuple[RenditionURL, ...]:
        """This image's renditions in one of common.images.CROPS, smallest first. No disk access."""
        if not self.file or not self.width or not self.height:
            return ()
        return rendition_urls(self.source, crop)

    @property
    def share_image(self) -> RenditionURL | None:
        if not self.file or not self.width or not self.height:
            return None
        return share_image_url(self.source)


class Purge(models.Model):
    """One change readers can see, as the surrogate keys of the pages that showed it.

    Recorded in the transaction of the change itself (common/surrogate_keys.py), so a purge
    exists exactly when the change does. Every process of the site reads new purges and stops
    using its cached copies that carry those keys; after commit the keys are sent to every
    edge (EDGE_PURGE_URLS), and ``sent_at`` says they arrived.
    """

    keys = ArrayField(models.CharField(max_length=120))
    created_at = models.DateTimeField(default=timezone.now)
    sent_at = models.DateTimeField(null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)

    class Meta:
        indexes = [
            # What is still to be sent to the edges, oldest first.
            models.Index(fields=["id"], name="purge_unsent", condition=Q(sent_at__isnull=True)),
            # Each process's look back at recent purges when it starts.
            models.Index(fields=["created_at"], name="purge_recent"),
        ]

    def __str__(self) -> str:
        return " ".join(self.keys)


class RateCount(models.Model):
    """How many requests one client made for one purpose in one window: the rate limits,
    shared by every worker and machine of the site (common/rate_limit.py). Kept briefly; the
    table is unlogged (losing it in a crash only forgets some counts)."""

    scope = models.CharField(max_length=30)
    identity = models.CharField(max_length=64)
    window_start = models.DateTimeField()
    count = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["scope", "identity", "window_start"], name="rate_count_once"),
        ]
        indexes = [models.Index(fields=["window_start"], name="rate_count_window")]

    def __str__(self) -> str:
        return f"{self.scope} {self.identity} @ {self.window_start:%H:%M}: {self.count}"


class EditingPresence(models.Model):
    """Who last had an object's change form open, and when: the form tells editors who else
    is working on the same object (common/editing.py). One row per person and object."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    object_id = models.CharField(max_length=64)
    seen_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["content_type", "object_id", "user"], name="editing_presence_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} on {self.content_type_id}:{self.object_id} at {self.seen_at:%H:%M}"


class AutosavedDraft(models.Model):
    """What one person had typed in a form, saved by the page's script while they write.

    Never the object itself: a published article stays as it is until its form is saved.
    ``object_id`` is empty for a form adding a new object."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    object_id = models.CharField(max_length=64, blank=True)
    data = models.JSONField()
    saved_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["content_type", "object_id", "user"], name="autosaved_draft_once")
        ]

    def __str__(self) -> str:
        return f"{self.user}'s draft of {self.content_type_id}:{self.object_id or 'new'}"


def held_upload_path(upload: HeldUpload, filename: str) -> str:
    return f"held-uploads/{secrets.token_urlsafe(18)}/{os.path.basename(filename)[-100:]}"


class HeldUpload(models.Model):
    """A file an editor chose in a form that came back with errors: kept here and attached
    again when the form is sent back, so the editor need not choose it again. Forgotten after
    HELD_UPLOAD_HOURS."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    field_name = models.CharField(max_length=200)
    file = models.FileField(upload_to=held_upload_path, max_length=255)
    original_name = models.CharField(max_length=255)
    content_type = models.CharField(max_length=100, blank=True)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)

    def __str__(self) -> str:
        return self.original_name
