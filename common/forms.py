"""Form pieces for content that points at library images.

Wherever an editor gives a piece of content its picture (an article's hero image, a
film's poster, a photo of an album), the form offers both ways: choose an image
already in the library, or upload a new one right there, with its description (alt
text, required at upload), caption and credit. It works without JavaScript.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, ClassVar

from django import forms
from django.core.files.uploadedfile import UploadedFile
from django.templatetags.static import static
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from common.images import PENDING_PICTURE, validate_image_upload
from common.models import Image
from common.plain_text import LineFormField

DESCRIPTION_MAX_LENGTH = Image._meta.get_field("description").max_length
CAPTION_MAX_LENGTH = Image._meta.get_field("caption").max_length
CREDIT_MAX_LENGTH = Image._meta.get_field("credit").max_length


@dataclass(frozen=True)
class ImageDetails:
    file: UploadedFile | None
    description: str
    caption: str
    credit: str

    @property
    def has_text(self) -> bool:
        return bool(self.description or self.caption or self.credit)


class ImageDetailsWidget(forms.MultiWidget):
    """A file input for a new picture and the picture's description, caption and credit,
    each with a visible label; shows the current picture when there is one."""

    template_name = "common/widgets/image_details.html"
    labels = (_("Upload a new image"), _("Description (alt text)"), _("Caption"), _("Credit"))

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        widgets = (
            forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png,image/webp,image/gif"}),
            forms.TextInput(attrs={"maxlength": DESCRIPTION_MAX_LENGTH, "class": "vLargeTextField"}),
            forms.TextInput(attrs={"maxlength": CAPTION_MAX_LENGTH, "class": "vLargeTextField"}),
            forms.TextInput(attrs={"maxlength": CREDIT_MAX_LENGTH}),
        )
        self.current: Image | None = None
        super().__init__(widgets, attrs)

    def decompress(self, value: Image | None) -> list[Any]:
        if value is None:
            return [None, "", "", ""]
        return [None, value.description, value.caption, value.credit]

    def get_context(self, name: str, value: Any, attrs: dict[str, Any] | None) -> dict[str, Any]:
        context = super().get_context(name, value, attrs)
        for subwidget, label in zip(context["widget"]["subwidgets"], self.labels, strict=True):
            subwidget["label"] = label
        current = self.current
        context["widget"]["current"] = current
        if current is not None and current.pk:
            context["widget"]["current_change_url"] = reverse("admin:common_image_change", args=[current.pk])
            renditions = current.renditions()
            context["widget"]["current_thumbnail"] = (
                renditions[0].url if renditions else static(PENDING_PICTURE)
            )
        return context


class ImageDetailsField(forms.MultiValueField):
    def __init__(self, **kwargs: Any) -> None:
        fields = (
            forms.FileField(required=False, validators=[validate_image_upload]),
            LineFormField(required=False, max_length=DESCRIPTION_MAX_LENGTH),
            LineFormField(required=False, max_length=CAPTION_MAX_LENGTH),
            LineFormField(required=False, max_length=CREDIT_MAX_LENGTH),
        )
        kwargs.setdefault("label", _("Picture details"))
        kwargs.setdefault(
            "help_text",
            _(
                "Upload a new image here, or choose one from the library above. The description, caption "
                "and credit belong to the library image: a change here shows wherever it is used."
            ),
        )
        super().__init__(
            fields=fields, widget=ImageDetailsWidget, require_all_fields=False, required=False, **kwargs
        )

    def compress(self, data_list: list[Any]) -> ImageDetails | None:
        if not data_list:
            return None
        file, description, caption, credit = data_list
        if file is False:  # "clear" ticked on the file input: there is nothing to clear here
            file = None
        return ImageDetails(
            file or None, (description or "").strip(), (caption or "").strip(), (credit or "").strip()
        )


class LibraryImageForm(forms.ModelForm):
    """A ModelForm for content with foreign keys to library images.

    For each foreign key named in ``image_fields``, the form class declares an
    :class:`ImageDetailsField` called ``<name>_details``. An upload there becomes a new
    library image and is used. Otherwise the words the editor changed (description,
    caption, credit) are written to the chosen library image; words left as the page
    showed them are not, so choosing another image keeps that image's own words.
    """

    image_fields: ClassVar[tuple[str, ...]] = ()

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name in self.image_fields:
            if name in self.fields:
                # An upload can stand in for a choice; clean() asks for one of the two.
                self.fields[name].required = False
            current = self._current_image(name)
            self.initial.setdefault(f"{name}_details", current)
            self.fields[f"{name}_details"].widget.current = current

    def image_is_required(self, name: str) -> bool:
        """Whether the form needs a picture for ``name`` (its model field's ``blank``, unless a
        form knows better)."""
        return not self._meta.model._meta.get_field(name).blank

    def _current_image(self, name: str) -> Image | None:
        image_id = getattr(self.instance, f"{name}_id", None)
        return getattr(self.instance, name) if image_id else None

    def _edited_words(self, name: str, details: ImageDetails) -> dict[str, str]:
        """The description, caption and credit the editor changed from what the page showed."""
        shown = self.fields[f"{name}_details"].widget.decompress(self.initial.get(f"{name}_details"))
        typed = {"description": details.description, "caption": details.caption, "credit": details.credit}
        return {
            key: value
            for (key, value), before in zip(typed.items(), shown[1:], strict=True)
            if value != before
        }

    def clean(self) -> dict[str, Any]:
        cleaned_data = super().clean()
        for name in self.image_fields:
            details_name = f"{name}_details"
            details: ImageDetails | None = cleaned_data.get(details_name)
            chosen = cleaned_data.get(name) if name in self.fields else self._current_image(name)
            required = self.image_is_required(name)
            if details and details.file:
                if not details.description:
                    self.add_error(
                        details_name,
                        _(
                            "Describe the new picture (its alt text): what would a reader who cannot see it miss?"
                        ),
                    )
            elif details:
                edited = self._edited_words(name, details)
                if edited and not chosen:
                    self.add_error(
                        details_name, _("Choose an image from the library or upload one for these words.")
                    )
                elif "description" in edited and not details.description:
                    self.add_error(details_name, _("A picture needs its description (alt text)."))
            if required and not chosen and not (details and details.file) and name not in self.errors:
                self.add_error(name, _("Choose an image from the library or upload a new one."))
        return cleaned_data

    def save(self, commit: bool = True) -> Any:
        for name in self.image_fields:
            details: ImageDetails | None = self.cleaned_data.get(f"{name}_details")
            if details is None:
                continue
            if details.file:
                image = Image(
                    file=details.file,
                    description=details.description,
                    caption=details.caption,
                    credit=details.credit,
                )
                image.save()
                setattr(self.instance, name, image)
                continue
            edited = self._edited_words(name, details)
            image = getattr(self.instance, name) if getattr(self.instance, f"{name}_id", None) else None
            if edited and image is not None:
                for key, value in edited.items():
                    setattr(image, key, value)
                image.save(update_fields=list(edited))
        return super().save(commit)
