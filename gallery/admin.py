"""Editors' admin for photo albums (with inline, ordered photos and a many-file upload) and films."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Count, Max, QuerySet
from django.http import HttpRequest
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from alwaght.images import renditions, validate_image_upload
from gallery.models import Album, Film, Photo


def thumbnail(image: Any) -> str:
    if not image:
        return "—"
    files = renditions(image)
    url = files[0].url if files else image.url
    return format_html('<img src="{}" alt="" style="width: 120px; height: auto; border-radius: 3px">', url)


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


class AlbumAdminForm(forms.ModelForm):
    add_photos = MultipleImageField(
        label=_("Add photos"),
        required=False,
        help_text=_("Choose several image files at once: each becomes a photo at the end of the album."),
    )

    class Meta:
        model = Album
        fields = [
            "title",
            "slug",
            "description",
            "cover",
            "status",
            "published_at",
            "tags",
            "topics",
            "comments_enabled",
        ]


class PhotoInline(admin.TabularInline):
    model = Photo
    extra = 0
    fields = ["preview", "image", "alt", "caption", "credit", "position"]
    readonly_fields = ["preview"]

    @admin.display(description=_("preview"))
    def preview(self, photo: Photo) -> str:
        return thumbnail(photo.image)


@admin.register(Album)
class AlbumAdmin(admin.ModelAdmin):
    form = AlbumAdminForm
    list_display = ["title", "cover_preview", "photo_count", "status", "published_at"]
    list_filter = ["status", "published_at"]
    search_fields = ["title", "description"]
    date_hierarchy = "published_at"
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["topics"]
    inlines = [PhotoInline]
    fields = [
        "title", "slug", "description", "cover", "add_photos", "status", "published_at", "tags", "topics",
        "comments_enabled",
    ]  # fmt: skip

    def get_queryset(self, request: HttpRequest) -> QuerySet[Album]:
        return (
            super()
            .get_queryset(request)
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
        position = (album.photos.aggregate(highest=Max("position"))["highest"] or 0) + 1
        for offset, file in enumerate(files):
            Photo.objects.create(album=album, image=file, position=position + offset)
        self.message_user(
            request,
            ngettext("%(count)d photo was added.", "%(count)d photos were added.", len(files))
            % {"count": len(files)},
            messages.SUCCESS,
        )


@admin.register(Film)
class FilmAdmin(admin.ModelAdmin):
    list_display = ["title", "poster_preview", "source", "status", "published_at"]
    list_filter = ["status", "embed_provider", "published_at"]
    search_fields = ["title", "description"]
    date_hierarchy = "published_at"
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["topics"]
    # An address pasted without a scheme is read as https (Django 6's default).
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    fields = [
        "title", "slug", "description", "poster", "video", "embed_url", "status", "published_at", "tags",
        "topics", "comments_enabled",
    ]  # fmt: skip

    @admin.display(description=_("poster"))
    def poster_preview(self, film: Film) -> str:
        return thumbnail(film.poster)

    @admin.display(description=_("source"))
    def source(self, film: Film) -> str:
        return film.embed_provider_label if film.embed_url else _("uploaded file")
