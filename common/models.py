"""The image library, the purge log that keeps cached pages current, and what the admin keeps
while editors work (who has a form open, autosaved drafts, files held for a form with errors)."""

from __future__ import annotations

import logging
import os
import secrets
from typing import Any

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.indexes import GinIndex
from django.core.files.base import ContentFile
from django.core.validators import MaxValueValidator
from django.db import models, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from common.images import (
    DEFAULT_CROP,
    UNREADABLE,
    PictureField,
    RenditionURL,
    SourceImage,
    all_renditions,
    clean_original,
    generate_renditions,
    rendition_urls,
    share_image_url,
)
from common.plain_text import LineField
from common.uploads import delete_after_commit, delete_if_rolled_back, readable_stem, unguessable_name

logger = logging.getLogger(__name__)


def library_upload_path(image: Image, filename: str) -> str:
    """images/2026/11/<readable-stem>-<random>.<ext>: an address nobody can guess."""
    return unguessable_name("images", filename)


class ImageQuerySet(models.QuerySet):
    def newest_first(self) -> ImageQuerySet:
        return self.order_by("-created_at", "-id")

    def needing_work(self) -> ImageQuerySet:
        """Images whose original is not cleaned yet, or whose renditions are not those of their
        focal point (what the job queue, or make_renditions, still has to do)."""
        return (
            self.exclude(file="")
            .filter(width__gt=0, height__gt=0)
            .filter(
                Q(cleaned=False)
                | Q(rendered_focal_x__isnull=True)
                | ~Q(rendered_focal_x=models.F("focal_x"))
                | ~Q(rendered_focal_y=models.F("focal_y"))
            )
        )


class Image(models.Model):
    """One picture in the library: the file with what readers and editors need to know about
    it. Articles, authors, topics, photos and film posters point at library images.

    An upload is stored as it came, under a name nobody can guess, and the job queue does the
    rest (:meth:`process`): the original re-encoded upright and without metadata, under a new
    name, and the renditions. Until then pages show a placeholder of the right shape; after a
    new focal point they keep showing the crops of the previous one until the new are made.
    """

    file = PictureField(
        _("image file"),
        upload_to=library_upload_path,
        width_field="width",
        height_field="height",
        help_text=_(
            "A JPEG, PNG, WebP or GIF. It is stored upright and without camera, location or other "
            "embedded data; its sizes for the site are made a moment after saving."
        ),
    )
    width = models.PositiveIntegerField(_("width"), editable=False, default=0)
    height = models.PositiveIntegerField(_("height"), editable=False, default=0)
    description = LineField(
        _("description (alt text)"),
        max_length=250,
        help_text=_(
            "What the picture shows, for readers who cannot see it: who, what, where. "
            "Not the caption, and not “photo of”."
        ),
    )
    caption = LineField(_("caption"), max_length=300, blank=True)
    credit = LineField(
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
    # Written by the job queue only (see WORKER_FIELDS).
    cleaned = models.BooleanField(
        _("cleaned"),
        default=False,
        editable=False,
        help_text=_("The stored original is upright and without embedded data, under a name of its own."),
    )
    rendered_focal_x = models.PositiveSmallIntegerField(null=True, blank=True, editable=False)
    rendered_focal_y = models.PositiveSmallIntegerField(null=True, blank=True, editable=False)
    processing_error = models.CharField(
        _("could not be prepared"), max_length=300, blank=True, editable=False
    )
    created_at = models.DateTimeField(_("added"), auto_now_add=True)

    # The job queue owns the stored file and what it made of it: a form saved while it worked
    # (loaded before it finished) must not write them back.
    WORKER_FIELDS = frozenset(
        {"file", "width", "height", "cleaned", "rendered_focal_x", "rendered_focal_y", "processing_error"}
    )

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
        new_upload = bool(self.file) and not self.file._committed
        # A new file for an existing image: the old one and its renditions go once this commits.
        replaced = self._stored_as_loaded() if new_upload and not self._state.adding else None
        if new_upload:
            self.cleaned, self.processing_error = False, ""
            self.rendered_focal_x = self.rendered_focal_y = None
        elif not self._state.adding and kwargs.get("update_fields") is None:
            kwargs["update_fields"] = [
                field.name
                for field in self._meta.concrete_fields
                if not field.primary_key and field.name not in self.WORKER_FIELDS
            ]
        # In a transaction of its own at least, so that a refused row deletes its upload again.
        with transaction.atomic():
            super().save(*args, **kwargs)
            if replaced is not None and replaced[0] != self.file.name:
                self._delete_files_after_commit(*replaced)
        self._as_loaded = {name: self.__dict__.get(name) for name in self.WORKER_FIELDS}

    @classmethod
    def from_db(cls, db: str | None, field_names: list[str], values: list[Any]) -> Image:
        instance = super().from_db(db, field_names, values)
        # Read from __dict__: a deferred field is not fetched for this.
        instance._as_loaded = {name: instance.__dict__.get(name) for name in cls.WORKER_FIELDS}
        return instance

    def refresh_from_db(self, *args: Any, **kwargs: Any) -> None:
        super().refresh_from_db(*args, **kwargs)
        self._as_loaded = {name: self.__dict__.get(name) for name in self.WORKER_FIELDS}

    def _stored_as_loaded(self) -> tuple[str, SourceImage | None] | None:
        """The file this row named when it was loaded, and the source of its renditions."""
        loaded = getattr(self, "_as_loaded", {})
        name = str(loaded.get("file") or "")
        if not name:
            return None
        if loaded.get("rendered_focal_x") is None or not loaded.get("width") or not loaded.get("height"):
            return name, None
        storage = self._meta.get_field("file").storage
        return name, SourceImage(
            name,
            storage,
            loaded["width"],
            loaded["height"],
            loaded["rendered_focal_x"],
            loaded["rendered_focal_y"],
        )

    @property
    def needs_processing(self) -> bool:
        """The job queue still has to clean the original or make the current focal point's crops."""
        if not self.file or not self.width or not self.height:
            return False
        return not self.cleaned or (self.rendered_focal_x, self.rendered_focal_y) != (
            self.focal_x,
            self.focal_y,
        )

    @property
    def is_pending(self) -> bool:
        """No rendition exists yet: pages show a placeholder."""
        return self.rendered_source is None

    def process(self) -> None:
        """Clean the stored original (once) and make the renditions of the current focal point.

        What the job queue runs (common/tasks.py). Safe to run twice or concurrently (the row is
        locked); a picture that cannot be read keeps the reason in ``processing_error``.
        """
        with transaction.atomic():
            image = Image.objects.select_for_update().filter(pk=self.pk).first()
            if image is None or not image.needs_processing:
                return
            try:
                with transaction.atomic():  # a failure takes back the files written so far
                    image._clean_and_render()
            except UNREADABLE as error:
                logger.warning("Image %s could not be prepared: %s", image.pk, error)
                image.processing_error = (str(error) or type(error).__name__)[:300]
                image.save(update_fields=["processing_error"])

    def _clean_and_render(self) -> None:
        storage = self.file.storage
        updated = ["rendered_focal_x", "rendered_focal_y", "processing_error"]
        if not self.cleaned:
            old_name, old_source = self.file.name, self.rendered_source
            with storage.open(old_name) as stored:
                clean = clean_original(stored)
            extension = os.path.splitext(old_name)[1].lower()
            new_name = storage.save(
                library_upload_path(self, f"{readable_stem(old_name)}{extension}"), ContentFile(clean.content)
            )
            delete_if_rolled_back(storage, new_name)
            self._delete_files_after_commit(old_name, old_source)
            self.file.name, self.width, self.height, self.cleaned = new_name, clean.width, clean.height, True
            updated += ["file", "width", "height", "cleaned"]
        generate_renditions(self.source)
        self.rendered_focal_x, self.rendered_focal_y, self.processing_error = self.focal_x, self.focal_y, ""
        # One save, after the work: its signals purge the pages that showed the placeholder.
        self.save(update_fields=updated)

    def _delete_files_after_commit(self, name: str, source: SourceImage | None) -> None:
        names = [name] + ([item.file.name for item in all_renditions(source)] if source else [])
        delete_after_commit(self.file.storage, names)

    @property
    def source(self) -> SourceImage:
        """The stored file with the current focal point: what renditions are made from."""
        return SourceImage(
            self.file.name, self.file.storage, self.width, self.height, self.focal_x, self.focal_y
        )

    @property
    def rendered_source(self) -> SourceImage | None:
        """The stored file with the focal point whose renditions exist, or None before any do."""
        if not self.file or not self.width or not self.height or self.rendered_focal_x is None:
            return None
        return SourceImage(
            self.file.name,
            self.file.storage,
            self.width,
            self.height,
            self.rendered_focal_x,
            self.rendered_focal_y,
        )

    def renditions(self, crop: str = DEFAULT_CROP) -> tuple[RenditionURL, ...]:
        """This image's renditions in one of common.images.CROPS, smallest first, or () while
        none are made yet. No disk access."""
        source = self.rendered_source
        return rendition_urls(source, crop) if source else ()

    @property
    def share_image(self) -> RenditionURL | None:
        source = self.rendered_source
        return share_image_url(source) if source else None

    def delete_files(self) -> None:
        """Remove the stored original and every rendition, once the deletion commits."""
        if self.file:
            self._delete_files_after_commit(self.file.name, self.rendered_source)


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


class Fragment(models.Model):
    """A rendered piece of a page (an article's card, its story, its related links), kept
    until something it shows changes (common/fragments.py).

    Its ``keys`` are the surrogate keys of what it shows: a purge of any of them deletes it,
    in the purge's own transaction. ``position`` is the newest purge known when it was
    rendered, so one rendered while a change was committing is not kept. Derived data only:
    the table is unlogged (a crash empties it; pages render the pieces again).
    """

    name = models.CharField(max_length=200, primary_key=True)
    version = models.CharField(max_length=40)
    html = models.TextField()
    keys = ArrayField(models.CharField(max_length=120))
    position = models.BigIntegerField()
    expires_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        indexes = [GinIndex(fields=["keys"], name="fragment_by_key")]

    def __str__(self) -> str:
        return self.name


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
