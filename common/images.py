"""One image pipeline for every picture on the site.

* Uploads are checked with Pillow before they are stored (:func:`validate_image_upload`).
* The stored original is normalised once: EXIF orientation applied, EXIF and
  other metadata (GPS position, camera serials) removed (:func:`normalise_image`).
* Renditions are made once, when a library image is saved (:func:`generate_renditions`),
  by django-imagekit with its "optimistic" strategy, so pages compute rendition URLs
  without touching the disk (:func:`rendition_urls`). Each :data:`CROPS` entry is one
  shape the site shows pictures in; every cropped shape is cut around the image's
  focal point (:func:`crop_box`), so the subject stays in frame.

The library model is :class:`common.models.Image`; templates show it with ``{% picture %}``.
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
from imagekit.processors import ResizeToFit
from PIL import Image, ImageOps, UnidentifiedImageError
from pilkit.processors import Resize

logger = logging.getLogger(__name__)

# Pillow format name -> file extensions that may carry it.
ALLOWED_FORMATS: dict[str, tuple[str, ...]] = {
    "JPEG": (".jpg", ".jpeg"),
    "PNG": (".png",),
    "WEBP": (".webp",),
    "GIF": (".gif",),
}
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


@dataclass(frozen=True)
class CropShape:
    """A shape pictures are shown in: an aspect ratio (None keeps the whole picture) and the
    widths made of it, for srcset."""

    ratio: tuple[int, int] | None
    widths: tuple[int, ...]


CROPS: dict[str, CropShape] = {
    # The whole picture: article heroes, the photo viewer.
    "original": CropShape(None, (400, 800, 1200, 1600)),
    # Article cards and film posters.
    "wide": CropShape((16, 9), (400, 800, 1200)),
    # Gallery cards and topic headers.
    "standard": CropShape((4, 3), (400, 800)),
    # Photo grids, topic and author thumbnails.
    "square": CropShape((1, 1), (200, 400)),
}
DEFAULT_CROP = "original"


def crop_box(
    width: int, height: int, ratio: tuple[int, int], focal_x: float, focal_y: float
) -> tuple[int, int, int, int]:
    """The largest box of ``ratio`` inside a width×height picture, centred on the focal point
    (percent across and down) as far as the edges allow: the focal point is always inside it.

    Returns (left, top, right, bottom) in the picture's pixels.
    """
    ratio_width, ratio_height = ratio
    if width * ratio_height > height * ratio_width:  # wider than the ratio: keep the full height
        box_width, box_height = max(1, round(height * ratio_width / ratio_height)), height
    else:
        box_width, box_height = width, max(1, round(width * ratio_height / ratio_width))
    centre_x, centre_y = width * focal_x / 100, height * focal_y / 100
    left = min(max(0, round(centre_x - box_width / 2)), width - box_width)
    top = min(max(0, round(centre_y - box_height / 2)), height - box_height)
    return left, top, left + box_width, top + box_height


class FocalCrop:
    """A pilkit processor: cut a box (see :func:`crop_box`) out of the picture."""

    def __init__(self, box: tuple[int, int, int, int]) -> None:
        self.box = box

    def process(self, image: Image.Image) -> Image.Image:
        return image.crop(self.box)


class RenditionSpec(ImageSpec):
    """A WebP rendition: the whole picture no wider than ``width``, or a focal crop resized
    to exactly width×height."""

    format = "WEBP"
    options = {"quality": RENDITION_QUALITY}

    def __init__(self, source: Any, processors: list[Any]) -> None:
        self.processors = processors
        super().__init__(source=source)


class ShareImageSpec(ImageSpec):
    """The picture social sites and feed readers show: 1200×630 JPEG, cut around the focal point."""

    format = "JPEG"
    options = {"quality": 82, "progressive": True}

    def __init__(self, source: Any, processors: list[Any]) -> None:
        self.processors = processors
        super().__init__(source=source)


@dataclass(frozen=True)
class RenditionURL:
    width: int
    height: int
    url: str


@dataclass(frozen=True)
class SourceImage:
    """What renditions are made from: the stored file's name and storage, its size, its focal point."""

    name: str
    storage: Any
    width: int
    height: int
    focal_x: float = 50
    focal_y: float = 50

    def field_file(self) -> ImageFieldFile:
        file = ImageFieldFile(instance=None, field=_PROBE_FIELD, name=self.name)
        file.storage = self.storage
        return file


def _rendition_files(source: SourceImage, crop: str) -> list[tuple[int, int, ImageCacheFile]]:
    shape = CROPS[crop]
    field_file = source.field_file()
    files = []
    if shape.ratio is None:
        widths = sorted({w for w in shape.widths if w < source.width} | {min(source.width, shape.widths[-1])})
        for width in widths:
            height = max(1, round(source.height * width / source.width))
            # The same specification as before the library existed: stored renditions keep their names.
            processors = [ResizeToFit(width=width, upscale=False)]
            files.append((width, height, ImageCacheFile(RenditionSpec(field_file, processors))))
        return files
    box = crop_box(source.width, source.height, shape.ratio, source.focal_x, source.focal_y)
    box_width = box[2] - box[0]
    ratio_width, ratio_height = shape.ratio
    # Never enlarged: widths above the cropped box's own are left out (the box's width is the last).
    widths = sorted({w for w in shape.widths if w < box_width} | {min(box_width, shape.widths[-1])})
    for width in widths:
        height = max(1, round(width * ratio_height / ratio_width))
        processors = [FocalCrop(box), Resize(width, height)]
        files.append((width, height, ImageCacheFile(RenditionSpec(field_file, processors))))
    return files


@lru_cache(maxsize=50_000)
def rendition_urls(source: SourceImage, crop: str = DEFAULT_CROP) -> tuple[RenditionURL, ...]:
    """Widths, heights and URLs of an image's renditions in one crop, smallest first.

    Remembered per process: a rendition's name hashes its whole specification, and a
    listing of twenty pictures would do it a hundred times per request. A stored file
    never changes under its name and a new focal point is a new key, so the answer holds.
    """
    return tuple(
        RenditionURL(width, height, file.url) for width, height, file in _rendition_files(source, crop)
    )


def _share_file(source: SourceImage) -> ImageCacheFile:
    box = crop_box(source.width, source.height, (SHARE_WIDTH, SHARE_HEIGHT), source.focal_x, source.focal_y)
    processors = [FocalCrop(box), Resize(SHARE_WIDTH, SHARE_HEIGHT)]
    return ImageCacheFile(ShareImageSpec(source.field_file(), processors))


@lru_cache(maxsize=20_000)
def share_image_url(source: SourceImage) -> RenditionURL:
    """The 1200×630 JPEG for Open Graph, Twitter cards and feeds. No disk access."""
    return RenditionURL(SHARE_WIDTH, SHARE_HEIGHT, _share_file(source).url)


def generate_renditions(source: SourceImage) -> int:
    """Write every rendition of a stored image in every crop, and its share image, skipping
    those that exist. Returns how many files were checked."""
    files = [file for crop in CROPS for _, _, file in _rendition_files(source, crop)]
    files.append(_share_file(source))
    for file in files:
        file.generate()
    return len(files)


# A stand-in field for rebuilding a file object from its name alone (see SourceImage).
_PROBE_FIELD = models.ImageField(name="probe")


class PictureField(models.ImageField):
    """An image field that validates uploads and stores the original upright and without
    metadata. Pass ``width_field`` and ``height_field``: pages need the dimensions without
    opening the file. Renditions are the library model's business (common.models.Image)."""

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
            # Dimensions after EXIF rotation.
            self.update_dimension_fields(model_instance, force=True)
        return field_file
