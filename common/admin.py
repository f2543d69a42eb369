"""The image library in admin: upload with alt text, find, set focal points, see where each image is used."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin
from django.contrib.admin.views.autocomplete import AutocompleteJsonView
from django.contrib.admin.widgets import AutocompleteSelect, AutocompleteSelectMultiple
from django.core.exceptions import ValidationError
from django.db.models import Field, QuerySet
from django.http import HttpRequest
from django.urls import NoReverseMatch, reverse
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString
from django.utils.translation import gettext_lazy as _
from taggit.models import Tag

from common.editing import EditingAdmin
from common.edition_admin import EditionAdmin
from common.models import Image
from common.plain_text import clean_line
from common.review import ReviewAdmin
from common.tags import has_letters, validate_tag_name

USAGES_SHOWN = 20


class _TolerantAutocomplete:
    """Django's autocomplete widgets look up the submitted values to show them again, and a
    value that is not an id of the right type ("abc") makes that lookup fail with a 500.
    These leave such values out: the form shows its "Select a valid choice" error instead."""

    def optgroups(self, name: str, value: list[str], attr: Any = None) -> Any:
        target = self.field.target_field
        usable = []
        for item in value:
            try:
                target.to_python(item)
            except ValidationError:
                continue
            usable.append(item)
        return super().optgroups(name, usable, attr)


class TolerantAutocompleteSelect(_TolerantAutocomplete, AutocompleteSelect):
    pass


class TolerantAutocompleteSelectMultiple(_TolerantAutocomplete, AutocompleteSelectMultiple):
    pass


class TolerantAutocompleteMixin:
    """For ModelAdmin and inlines with ``autocomplete_fields``: bad ids in a submitted form
    are a form error, never a server error."""

    def formfield_for_foreignkey(self, db_field: Field, request: Any, **kwargs: Any) -> Any:
        if "widget" not in kwargs and db_field.name in self.get_autocomplete_fields(request):
            kwargs["widget"] = TolerantAutocompleteSelect(
                db_field, self.admin_site, using=kwargs.get("using")
            )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def formfield_for_manytomany(self, db_field: Field, request: Any, **kwargs: Any) -> Any:
        if "widget" not in kwargs and db_field.name in self.get_autocomplete_fields(request):
            kwargs["widget"] = TolerantAutocompleteSelectMultiple(
                db_field, self.admin_site, using=kwargs.get("using")
            )
        return super().formfield_for_manytomany(db_field, request, **kwargs)


class ContentAdmin(EditionAdmin, ReviewAdmin, EditingAdmin):
    """Admin of publishable content (articles, albums, films, maps): the edition each item
    belongs to, review before publication, the publication state, revisions with history,
    compare and restore, and forms that lose no work."""


class NewsroomAutocompleteView(AutocompleteJsonView):
    """Django's autocomplete answers, with a fuller label where the chosen model's admin gives
    one (``autocomplete_label(obj)``): an article with its section and date, say. The story a
    translation translates is chosen among every edition's articles."""

    def get_queryset(self) -> Any:
        if self.source_field.name == "translation_of":
            self.request.every_edition = True
        return super().get_queryset()

    def serialize_result(self, obj: Any, to_field_name: str) -> dict[str, str]:
        result = super().serialize_result(obj, to_field_name)
        label = getattr(self.model_admin, "autocomplete_label", None)
        if label is not None:
            result["text"] = str(label(obj))
        return result


def thumbnail(image: Image | None, width: int = 120) -> SafeString | str:
    """A small preview for admin lists and inlines (the smallest rendition), or what is
    happening to a picture that has none yet."""
    if not image:
        return "—"
    renditions = image.renditions()
    if not renditions:
        return image_state(image)
    return format_html('<img src="{}" alt="" width="{}" class="admin-thumbnail">', renditions[0].url, width)


def image_state(image: Image) -> str:
    """Why a picture shows no rendition yet, in words."""
    if image.processing_error:
        return _("This file could not be read as a picture: upload it again, or another.")
    return _("Being prepared: the picture appears here in a moment (reload the page).")


@admin.register(Image)
class ImageAdmin(TolerantAutocompleteMixin, admin.ModelAdmin):
    list_display = ["preview", "description", "caption", "credit", "size", "created_at"]
    list_display_links = ["preview", "description"]
    search_fields = ["description", "caption", "credit"]
    date_hierarchy = "created_at"
    list_per_page = 50
    readonly_fields = ["focal_point_picker", "usages", "created_at"]
    fieldsets = [
        (None, {"fields": ["file", "description", "caption", "credit"]}),
        (
            _("Focal point"),
            {
                "fields": ["focal_point_picker", ("focal_x", "focal_y")],
                "description": _(
                    "Crops (cards, thumbnails, the picture shown when the page is shared) keep this point "
                    "in frame. Click the subject in the picture, or type the percentages."
                ),
            },
        ),
        (_("Where it is used"), {"fields": ["usages", "created_at"]}),
    ]

    class Media:
        js = ["common/focal-point.js"]

    @admin.display(description=_("preview"))
    def preview(self, image: Image) -> SafeString | str:
        return thumbnail(image)

    @admin.display(description=_("size"))
    def size(self, image: Image) -> str:
        return f"{image.width}×{image.height}"

    @admin.display(description=_("picture"))
    def focal_point_picker(self, image: Image) -> SafeString | str:
        if not image.pk or not image.file:
            return _("The focal point can be set once the image is saved.")
        renditions = image.renditions()
        if not renditions:
            return image_state(image)
        url = next((item.url for item in renditions if item.width >= 800), renditions[-1].url)
        return format_html(
            '<div class="focal-picker" data-focal-picker data-focal-x="{}" data-focal-y="{}">'
            '<img src="{}" alt="{}" class="focal-picker__image">'
            '<span class="focal-picker__marker" aria-hidden="true"></span></div>',
            image.focal_x,
            image.focal_y,
            url,
            image.description,
        )

    @admin.display(description=_("used by"))
    def usages(self, image: Image) -> SafeString | str:
        """Everything pointing at this image, whatever app it belongs to (no app is named here)."""
        if not image.pk:
            return "—"
        items = []
        relations = [
            field
            for field in Image._meta.get_fields(include_hidden=True)
            if field.is_relation and field.auto_created and not field.concrete
        ]
        for relation in relations:
            model = relation.related_model
            for item in model._default_manager.filter(**{relation.field.name: image})[:USAGES_SHOWN]:
                try:
                    url = reverse(
                        f"admin:{model._meta.app_label}_{model._meta.model_name}_change", args=[item.pk]
                    )
                except NoReverseMatch:
                    url = ""
                label = format_html('<a href="{}">{}</a>', url, item) if url else str(item)
                items.append((model._meta.verbose_name, label))
        if not items:
            return _("Not used yet.")
        return format_html('<ul class="image-usages">{}</ul>', format_html_join("", "<li>{}: {}</li>", items))

    def get_queryset(self, request: HttpRequest) -> QuerySet[Image]:
        return super().get_queryset(request).newest_first()


class TagAdminForm(forms.ModelForm):
    class Meta:
        model = Tag
        fields = ["name", "slug"]

    def clean_name(self) -> str:
        name = clean_line(self.cleaned_data["name"]).strip()
        validate_tag_name(name)
        return name

    def clean_slug(self) -> str:
        slug = self.cleaned_data["slug"]
        if not has_letters(slug):
            raise ValidationError(
                _("The address needs at least one letter or digit."), code="slug_without_letters"
            )
        return slug


# taggit's own admin offers a "merge tags" view that any staff member could use, whatever
# their permissions, and that fails on a stale selection: ours keeps to the model permissions.
admin.site.unregister(Tag)


@admin.register(Tag)
class TagAdmin(admin.ModelAdmin):
    form = TagAdminForm
    list_display = ["name", "slug"]
    ordering = ["name", "slug"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}
