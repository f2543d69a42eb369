"""Editors' admin for photo albums (with inline, ordered photos and a many-file upload) and films."""

from __future__ import annotations

import os
from typing import Any

import reversion
from django import forms
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import models
from django.db.models import Count, Max, QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from common.admin import ContentAdmin, TolerantAutocompleteMixin, thumbnail
from common.forms import CREDIT_MAX_LENGTH, DESCRIPTION_MAX_LENGTH, ImageDetailsField, LibraryImageForm
from common.images import validate_image_upload
from common.models import Image
from common.plain_text import LineFormField
from common.tags import TagListField
from gallery.models import Album, Film, Photo
from gallery.videos import poster_frame

# Every save keeps a version: an album's with its photos (their order and pictures).
reversion.register(Photo)
reversion.register(Album, follow=["photos"])
reversion.register(Film)


class MultipleImageInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleImageField(forms.FileField):
    """Many image files at once, each checked like any other image upload."""

    widget = MultipleImageInput

    def clean(self, data: Any, initial: Any = None) -> list[Any]:
        files = data if isinstance(data, list | tuple) else [data] if data else []
        cleaned, problems = [], []
        for file in files:
            try:
                file = super().clean(file, initial)
                validate_image_upload(file)
                cleaned.append(file)
            except ValidationError as error:
                problems.append(f"{getattr(file, 'name', '?')}: {' '.join(error.messages)}")
        if problems:
            raise ValidationError(problems)
        return cleaned


class AlbumAdminForm(LibraryImageForm):
    image_fields = ("cover",)
    cover_details = ImageDetailsField()
    add_photos = MultipleImageField(
        label=_("Add photos"),
        required=False,
        help_text=_("Choose several image files at once: each becomes a photo at the end of the album."),
    )
    add_photos_description = LineFormField(
        label=_("Description of the new photos (alt text)"),
        required=False,
        max_length=DESCRIPTION_MAX_LENGTH,
        widget=forms.TextInput(attrs={"class": "vLargeTextField"}),
        help_text=_(
            "What the photos show, for readers who cannot see them. Each photo's own description, "
            "caption and credit can be refined below once they are added."
        ),
    )
    add_photos_credit = LineFormField(
        label=_("Credit of the new photos"), required=False, max_length=CREDIT_MAX_LENGTH
    )

    class Meta:
        model = Album
        fields = [
            "title",
            "slug",
            "description",
            "cover",
            "language",
            "status",
            "published_at",
            "tags",
            "topics",
            "comments_enabled",
        ]
        field_classes = {"tags": TagListField}

    def _photos_sent(self) -> int:
        """Photos the album will have after this save: the inline rows kept, and new files."""
        try:
            rows = min(int(self.data.get("photos-TOTAL_FORMS", 0)), 1000)
        except ValueError:
            rows = 0
        kept = sum(
            1
            for index in range(rows)
            if (self.data.get(f"photos-{index}-image") or self.files.get(f"photos-{index}-image_details_0"))
            and not self.data.get(f"photos-{index}-DELETE")
        )
        return kept + len(self.cleaned_data.get("add_photos") or [])

    def clean(self) -> dict[str, Any]:
        cleaned_data = super().clean()
        if cleaned_data.get("status") == Album.Status.PUBLISHED and not self._photos_sent():
            self.add_error(
                "status",
                _(
                    "An album needs at least one photo before it is published: add photos, or keep it as a draft."
                ),
            )
        if cleaned_data.get("add_photos") and not cleaned_data.get("add_photos_description", "").strip():
            self.add_error(
                "add_photos_description",
                _(
                    "Describe the new photos (alt text): readers who cannot see them need to know what they show."
                ),
            )
        return cleaned_data


class PhotoForm(LibraryImageForm):
    image_fields = ("image",)
    image_details = ImageDetailsField(label=_("picture"))

    class Meta:
        model = Photo
        fields = ["image", "position"]


class PhotoInline(TolerantAutocompleteMixin, admin.StackedInline):
    model = Photo
    form = PhotoForm
    extra = 0
    fields = [("image", "position"), "image_details"]
    autocomplete_fields = ["image"]
    ordering = ["position", "id"]

    def get_queryset(self, request: HttpRequest) -> QuerySet[Photo]:
        return super().get_queryset(request).select_related("image")


@admin.register(Album)
class AlbumAdmin(TolerantAutocompleteMixin, ContentAdmin):
    form = AlbumAdminForm
    list_display = ["title", "cover_preview", "photo_count", "status", "published_at"]
    list_filter = ["status", "published_at"]
    search_fields = ["title", "description"]
    date_hierarchy = "published_at"
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["topics", "cover"]
    inlines = [PhotoInline]
    fieldsets = [
        (None, {"fields": ["title", "slug", "description"]}),
        (_("Cover"), {"fields": ["cover", "cover_details"]}),
        (_("Add photos"), {"fields": ["add_photos", "add_photos_description", "add_photos_credit"]}),
        (
            _("Publishing"),
            {"fields": ["language", "status", "published_at", "tags", "topics", "comments_enabled"]},
        ),
    ]

    def get_queryset(self, request: HttpRequest) -> QuerySet[Album]:
        return (
            super()
            .get_queryset(request)
            .select_related("cover")
            .annotate(number_of_photos=Count("photos"))
            .order_by("-published_at", "-id")
        )

    @admin.display(description=_("photos"), ordering="number_of_photos")
    def photo_count(self, album: Album) -> int:
        return album.number_of_photos

    @admin.display(description=_("cover"))
    def cover_preview(self, album: Album) -> str:
        return thumbnail(album.cover)

    def save_related(self, request: HttpRequest, form: forms.ModelForm, formsets: Any, change: bool) -> None:
        super().save_related(request, form, formsets, change)
        files = form.cleaned_data.get("add_photos") or []
        if not files:
            return
        album = form.instance
        description = form.cleaned_data["add_photos_description"].strip()
        credit = form.cleaned_data.get("add_photos_credit", "").strip()
        position = (album.photos.aggregate(highest=Max("position"))["highest"] or 0) + 1
        for offset, file in enumerate(files):
            image = Image(file=file, description=description, credit=credit)
            image.save()
            Photo.objects.create(album=album, image=image, position=position + offset)
        self.message_user(
            request,
            ngettext("%(count)d photo was added.", "%(count)d photos were added.", len(files))
            % {"count": len(files)},
            messages.SUCCESS,
        )


def https_by_default(field: models.Field, **kwargs: Any) -> forms.Field | None:
    """Form fields as Django makes them, but an address pasted without a scheme is read as https
    (Django 6's default)."""
    if isinstance(field, models.URLField):
        kwargs.setdefault("assume_scheme", "https")
    return field.formfield(**kwargs)


class FilmAdminForm(LibraryImageForm):
    image_fields = ("poster",)
    poster_details = ImageDetailsField()

    class Meta:
        model = Film
        formfield_callback = https_by_default
        field_classes = {"tags": TagListField}
        fields = [
            "title", "slug", "description", "poster", "video", "embed_url", "language", "status", "published_at",
            "tags", "topics", "comments_enabled",
        ]  # fmt: skip

    def image_is_required(self, name: str) -> bool:
        # An uploaded film gives its own poster: a frame of it.
        if name == "poster" and (self.cleaned_data.get("video") or self.instance.video):
            return False
        return super().image_is_required(name)

    def clean(self) -> dict[str, Any]:
        cleaned_data = super().clean()
        details = cleaned_data.get("poster_details")
        video = cleaned_data.get("video")
        self.poster_frame: bytes | None = None
        wants_frame = not cleaned_data.get("poster") and not self.instance.poster_id
        if video and wants_frame and not (details and details.file):
            self.poster_frame = poster_frame(video)
            if self.poster_frame is None:
                self.add_error(
                    "poster", _("No frame of this film could be read for a poster: choose or upload one.")
                )
        return cleaned_data

    def save(self, commit: bool = True) -> Film:
        if getattr(self, "poster_frame", None) is not None:
            stem = os.path.splitext(os.path.basename(self.cleaned_data["video"].name))[0]
            title = self.cleaned_data.get("title", "")
            poster = Image(
                file=ContentFile(self.poster_frame, name=f"{stem}-poster.jpg"),
                description=_("A frame from the film “%(title)s”") % {"title": title},
            )
            poster.save()  # prepared by the job queue like any upload
            self.instance.poster = poster
        return super().save(commit)


@admin.register(Film)
class FilmAdmin(TolerantAutocompleteMixin, ContentAdmin):
    form = FilmAdminForm
    list_display = ["title", "poster_preview", "source", "duration", "status", "published_at"]
    list_filter = ["status", "embed_provider", "published_at"]
    search_fields = ["title", "description"]
    date_hierarchy = "published_at"
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["topics", "poster"]
    list_select_related = ["poster"]
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}  # as https_by_default
    fields = [
        "title", "slug", "description", "poster", "poster_details", "video", "embed_url", "language", "status",
        "published_at", "tags", "topics", "comments_enabled",
    ]  # fmt: skip

    @admin.display(description=_("poster"))
    def poster_preview(self, film: Film) -> str:
        return thumbnail(film.poster)

    @admin.display(description=_("source"))
    def source(self, film: Film) -> str:
        return film.embed_provider_label if film.embed_url else _("uploaded file")
