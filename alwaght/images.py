"""One image pipeline for every picture on the site.

* Uploads are checked with Pillow before they are stored (:func:`validate_image_upload`).
* The stored original is normalised once: EXIF orientation applied, EXIF and
  other metadata (GPS position, camera serials) removed (:func:`normalise_image`).
* Renditions in a few widths, in WebP, are made once when the image is saved, by
  django-imagekit with its "optimistic" strategy: templates compute rendition
  URLs without touching the disk (:func:`renditions`).

Use :class:`PictureField` for an image field and the ``{% picture %}`` template tag
to show it.
"""

from __future__ import annotations

import io
import logging
import os
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import models
from django.db.models.fields.files import ImageFieldFile
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _
from imagekit import ImageSpec
from imagekit.cachefiles import ImageCacheFile
from imagekit.processors import ResizeToFill, ResizeToFit
from PIL import Image, ImageOps, UnidentifiedImageError

logger = logging.getLogger(__name__)

# Pillow format name -> file extensions that may carry it.
ALLOWED_FORMATS: dict[str, tuple[str, ...]] = {
    "JPEG": (".jpg", ".jpeg"),
    "PNG": (".png",),
    "WEBP": (".webp",),
    "GIF": (".gif",),
}
RENDITION_WIDTHS: tuple[int, ...] = (400, 800, 1200, 1600)
RENDITION_QUALITY = 80
SHARE_WIDTH, SHARE_HEIGHT = 1200, 630


def max_upload_bytes() -> int:
    return settings.IMAGE_MAX_UPLOAD_BYTES


def max_pixels() -> int:
    return settings.IMAGE_MAX_PIXELS


def validate_image_upload(file: Any) -> None:
    """Refuse anything that is not a real JPEG, PNG, WebP or GIF within the limits.

    Catches renamed scripts and SVGs, truncated files, decompression bombs and a
    type that does not match the file name, each with a message an editor can act on.
    """
    if getattr(file, "_committed", False) and not hasattr(file, "content_type"):
        return  # Already stored and checked when it was uploaded.
    size = getattr(file, "size", None)
    if size is not None and size > max_upload_bytes():
        raise ValidationError(
            _("The image is %(size)s; the largest allowed is %(limit)s."),
            code="image_too_large",
            params={"size": filesizeformat(size), "limit": filesizeformat(max_upload_bytes())},
        )
    extension = os.path.splitext(getattr(file, "name", "") or "")[1].lower()
    allowed_extensions = sorted({ext for exts in ALLOWED_FORMATS.values() for ext in exts})
    if extension not in allowed_extensions:
        raise ValidationError(
            _("Upload a JPEG, PNG, WebP or GIF image (the file name ends in %(extension)s)."),
            code="image_extension",
            params={"extension": extension or _("no extension")},
        )
    position = file.tell() if hasattr(file, "tell") else 0
    try:
        file.seek(0)
        with Image.open(file) as image:
            image_format = image.format
            width, height = image.size
            if image_format not in ALLOWED_FORMATS:
                raise ValidationError(
                    _("This file is not a JPEG, PNG, WebP or GIF image."), code="image_format"
                )
            if extension not in ALLOWED_FORMATS[image_format]:
                raise ValidationError(
                    _("The file is a %(format)s image but its name ends in %(extension)s."),
                    code="image_type_mismatch",
                    params={"format": image_format, "extension": extension},
                )
            if width * height > max_pixels():
                raise ValidationError(
                    _("The image is %(width)s×%(height)s pixels; the most allowed is %(limit)s megapixels."),
                    code="image_too_many_pixels",
                    params={"width": width, "height": height, "limit": max_pixels() // 1_000_000},
                )
            image.verify()
        file.seek(0)
        with Image.open(file) as image:
            image.load()  # verify() misses truncated pixel data; decoding finds it.
    except ValidationError:
        raise
    except Image.DecompressionBombError as error:
        raise ValidationError(
            _("The image has too many pixels to be processed safely."), code="image_too_many_pixels"
        ) from error
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, EOFError) as error:
        raise ValidationError(
            _("This file is not a readable image, or it is damaged or incomplete."), code="image_invalid"
        ) from error
    finally:
        if hasattr(file, "seek"):
            file.seek(position)


def normalise_image(file: Any) -> ContentFile | None:
    """The upload re-encoded upright and without metadata, or None to keep it as it is.

    Animated GIFs are kept: re-encoding would lose frames, and GIF carries no EXIF.
    """
    file.seek(0)
    with Image.open(file) as image:
        image_format = image.format
        if image_format == "GIF":
            return None
        upright = ImageOps.exif_transpose(image)
        icc_profile = image.info.get("icc_profile")
        output = io.BytesIO()
        options: dict[str, Any] = {"icc_profile": icc_profile} if icc_profile else {}
        if image_format == "JPEG":
            if upright.mode not in {"RGB", "L", "CMYK"}:
                upright = upright.convert("RGB")
            upright.save(output, "JPEG", quality=90, optimize=True, progressive=True, **options)
        elif image_format == "WEBP":
            upright.save(output, "WEBP", quality=90, **options)
        else:
            upright.save(output, "PNG", optimize=True, **options)
    return ContentFile(output.getvalue())


class Rendition(ImageSpec):
    """A WebP copy no wider than ``width``, never enlarged."""

    format = "WEBP"
    options = {"quality": RENDITION_QUALITY}

    def __init__(self, source: Any, width: int) -> None:
        self.width = width
        super().__init__(source=source)

    @property
    def processors(self) -> list[Any]:
        return [ResizeToFit(width=self.width, upscale=False)]


class ShareImage(ImageSpec):
    """The picture social sites and feed readers show: 1200×630 JPEG, cropped to fill."""

    format = "JPEG"
    options = {"quality": 82, "progressive": True}
    processors = [ResizeToFill(SHARE_WIDTH, SHARE_HEIGHT)]


@dataclass(frozen=True)
class RenditionFile:
    width: int
    height: int
    file: ImageCacheFile

    @property
    def url(self) -> str:
        return self.file.url


def rendition_widths(original_width: int) -> list[int]:
    """Widths made for an original: each standard width below it, plus its own (capped)."""
    widths = [width for width in RENDITION_WIDTHS if width < original_width]
    widths.append(min(original_width, RENDITION_WIDTHS[-1]))
    return sorted(set(widths))


def renditions_of_size(
    field_file: ImageFieldFile, original_width: int, original_height: int
) -> list[RenditionFile]:
    result = []
    for width in rendition_widths(original_width):
        height = max(1, round(original_height * width / original_width))
        result.append(RenditionFile(width, height, ImageCacheFile(Rendition(field_file, width))))
    return result


def image_dimensions(field_file: ImageFieldFile) -> tuple[int, int] | None:
    """Width and height stored on the model, read without opening the file."""
    field = field_file.field
    instance = field_file.instance
    if field.width_field and field.height_field:
        width = getattr(instance, field.width_field)
        height = getattr(instance, field.height_field)
        if width and height:
            return width, height
    return None


@dataclass(frozen=True)
class RenditionURL:
    width: int
    height: int
    url: str


def renditions(field_file: ImageFieldFile) -> list[RenditionFile]:
    """The renditions of a stored image, smallest first. No disk access."""
    if not field_file:
        return []
    dimensions = image_dimensions(field_file)
    if dimensions is None:
        return []
    return renditions_of_size(field_file, *dimensions)


@lru_cache(maxsize=20_000)
def _rendition_urls(name: str, width: int, height: int, storage: Any) -> tuple[RenditionURL, ...]:
    probe = ImageFieldFile(instance=None, field=_PROBE_FIELD, name=name)
    probe.storage = storage
    return tuple(
        RenditionURL(width=item.width, height=item.height, url=item.url)
        for item in renditions_of_size(probe, width, height)
    )


def rendition_urls(field_file: ImageFieldFile) -> tuple[RenditionURL, ...]:
    """Widths, heights and URLs of an image's renditions, remembered per process.

    Computing a rendition's name hashes its whole specification; a listing page of
    twenty pictures would do it a hundred times per request. A stored file never
    changes under its name (a new upload gets a new name), so the answer can be kept.
    """
    dimensions = image_dimensions(field_file) if field_file else None
    if dimensions is None:
        return ()
    return _rendition_urls(field_file.name, *dimensions, field_file.storage)


def share_image(field_file: ImageFieldFile) -> RenditionFile | None:
    """The 1200×630 JPEG for Open Graph, Twitter cards and feeds. No disk access."""
    if not field_file or image_dimensions(field_file) is None:
        return None
    return RenditionFile(SHARE_WIDTH, SHARE_HEIGHT, ImageCacheFile(ShareImage(source=field_file)))


def generate_renditions(field_file: ImageFieldFile) -> None:
    """Write every rendition of a stored image, and its share image (skipping those that exist)."""
    for rendition in renditions(field_file):
        rendition.file.generate()
    share = share_image(field_file)
    if share is not None:
        share.file.generate()


# A stand-in field for rebuilding a file object from its name alone (see rendition_urls).
_PROBE_FIELD = models.ImageField(name="probe")


class PictureField(models.ImageField):
    """An image field that validates uploads, normalises the stored original and
    makes its renditions once, when a new file is saved.

    Pass ``width_field`` and ``height_field``: templates need the dimensions
    without opening the file.
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("max_length", 255)
        validators = list(kwargs.pop("validators", []))
        if validate_image_upload not in validators:
            validators.insert(0, validate_image_upload)
        kwargs["validators"] = validators
        super().__init__(*args, **kwargs)

    def deconstruct(self) -> tuple[str, str, list[Any], dict[str, Any]]:
        name, path, args, kwargs = super().deconstruct()
        if kwargs.get("validators") == [validate_image_upload]:
            del kwargs["validators"]
        return name, path, args, kwargs

    def pre_save(self, model_instance: models.Model, add: bool) -> Any:
        field_file = getattr(model_instance, self.attname)
        is_new_upload = bool(field_file) and not field_file._committed
        if is_new_upload:
            normalised = normalise_image(field_file.file)
            if normalised is not None:
                field_file.file = normalised
        field_file = super().pre_save(model_instance, add)
        if is_new_upload:
            # Dimensions after EXIF rotation, then the renditions from them.
            self.update_dimension_fields(model_instance, force=True)
            generate_renditions(field_file)
        return field_file
