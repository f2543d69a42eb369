"""One image pipeline for every picture on the site.

* Uploads are checked with Pillow before they are stored (:func:`validate_image_upload`),
  without decoding the whole picture: a request never holds a large image in memory.
* The rest happens in the job queue (common/tasks.py), one picture at a time:
  :func:`clean_original` re-encodes the stored original upright and without metadata (EXIF,
  GPS, XMP, comments, text chunks, ICC profiles: colours are converted to sRGB first), every
  frame of an animation included; :func:`generate_renditions` decodes it once, at the
  smallest size the renditions need, and writes them.
* Rendition names come from django-imagekit's specifications, so pages compute rendition
  URLs without touching the disk (:func:`rendition_urls`). Each :data:`CROPS` entry is one
  shape the site shows pictures in; every cropped shape is cut around the image's focal
  point (:func:`crop_box`), so the subject stays in frame.

The library model is :class:`common.models.Image`; templates show it with ``{% picture %}``.
"""

from __future__ import annotations

import io
import logging
import math
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
from PIL import Image, ImageCms, ImageOps, ImageSequence, UnidentifiedImageError
from pilkit.processors import Resize

from common.uploads import RollbackSafeFileMixin, delete_if_rolled_back

logger = logging.getLogger(__name__)

# Pillow format name -> file extensions that may carry it.
ALLOWED_FORMATS: dict[str, tuple[str, ...]] = {
    "JPEG": (".jpg", ".jpeg"),
    "PNG": (".png",),
    "WEBP": (".webp",),
    "GIF": (".gif",),
}
RENDITION_QUALITY = 80
SHARE_QUALITY = 82
ORIGINAL_QUALITY = 90
SHARE_WIDTH, SHARE_HEIGHT = 1200, 630
# The static file a picture shows until its renditions are made.
PENDING_PICTURE = "img/picture-pending.svg"
# Errors Pillow raises for files it cannot read, or that are damaged.
UNREADABLE = (
    UnidentifiedImageError,
    OSError,
    SyntaxError,
    ValueError,
    EOFError,
    Image.DecompressionBombError,
)


def max_upload_bytes() -> int:
    return settings.IMAGE_MAX_UPLOAD_BYTES


def max_pixels() -> int:
    return settings.IMAGE_MAX_PIXELS


def validate_image_upload(file: Any) -> None:
    """Refuse anything that is not a real JPEG, PNG, WebP or GIF within the limits.

    Catches renamed scripts and SVGs, truncated files, decompression bombs, animations with
    too many pixels in all, and a type that does not match the file name, each with a message
    an editor can act on. Reads headers and checksums; a JPEG is decoded at an eighth of its
    size and a GIF's first frame one byte a pixel, so checking costs little memory whatever
    the picture's size (the job queue decodes it, later).
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
            frames = getattr(image, "n_frames", 1)  # counted without decoding them
            if width * height * frames > max_pixels():
                raise ValidationError(
                    _(
                        "The animation has %(frames)s frames of %(width)s×%(height)s pixels; the most "
                        "allowed is %(limit)s megapixels in all frames together."
                    ),
                    code="image_too_many_pixels",
                    params={
                        "frames": frames,
                        "width": width,
                        "height": height,
                        "limit": max_pixels() // 1_000_000,
                    },
                )
            image.verify()  # PNG: every chunk's checksum; WebP: the decoder accepts it
        if image_format in {"JPEG", "GIF"}:
            # verify() reads neither's pixel data: decode it, cheaply, to find a cut-off file.
            file.seek(0)
            with Image.open(file) as image:
                image.draft("RGB", (max(1, width // 8), max(1, height // 8)))
                image.load()
    except ValidationError:
        raise
    except Image.DecompressionBombError as error:
        raise ValidationError(
            _("The image has too many pixels to be processed safely."), code="image_too_many_pixels"
        ) from error
    except UNREADABLE as error:
        raise ValidationError(
            _("This file is not a readable image, or it is damaged or incomplete."), code="image_invalid"
        ) from error
    finally:
        if hasattr(file, "seek"):
            file.seek(position)


@dataclass(frozen=True)
class CleanPicture:
    """A stored original re-encoded: its bytes and its size once upright."""

    content: bytes
    width: int
    height: int


def _in_srgb(image: Image.Image) -> Image.Image:
    """The picture's colours in sRGB, without an embedded ICC profile (profiles carry device
    and software names; browsers assume sRGB)."""
    icc = image.info.get("icc_profile")
    if not icc or image.mode not in {"RGB", "RGBA", "CMYK"}:
        return image.convert("RGB") if image.mode == "CMYK" else image
    try:
        source = ImageCms.ImageCmsProfile(io.BytesIO(icc))
        output_mode = "RGBA" if image.mode == "RGBA" else "RGB"
        return ImageCms.profileToProfile(
            image, source, ImageCms.createProfile("sRGB"), outputMode=output_mode
        )
    except (ImageCms.PyCMSError, OSError, ValueError):
        logger.warning("Ignoring an unreadable colour profile")
        return image.convert("RGB") if image.mode == "CMYK" else image


def _without_metadata(image: Image.Image, keep: tuple[str, ...] = ("transparency",)) -> Image.Image:
    """A picture carrying nothing from the file it was read from but its pixels (and palette
    transparency): Pillow writes back EXIF, XMP and comments it finds in ``info``."""
    kept = {key: image.info[key] for key in keep if key in image.info}
    image.info = kept
    return image


def clean_original(file: Any) -> CleanPicture:
    """The stored original re-encoded in its own format: upright (EXIF orientation applied),
    colours in sRGB, and without EXIF, GPS, XMP, comments, text chunks or ICC profile. An
    animation keeps every frame, its timing and its looping."""
    file.seek(0)
    with Image.open(file) as image:
        image_format = image.format
        if image_format not in ALLOWED_FORMATS:
            raise UnidentifiedImageError(f"{image_format} is not accepted")
        output = io.BytesIO()
        if getattr(image, "n_frames", 1) > 1:
            width, height = _save_animation(image, image_format, output)
            return CleanPicture(output.getvalue(), width, height)
        image.load()
        upright = ImageOps.exif_transpose(image)
    picture = _without_metadata(_in_srgb(upright))
    if image_format == "JPEG":
        if picture.mode not in {"RGB", "L"}:
            picture = picture.convert("RGB")
        picture.save(output, "JPEG", quality=ORIGINAL_QUALITY, optimize=True, progressive=True)
    elif image_format == "WEBP":
        picture.save(output, "WEBP", quality=ORIGINAL_QUALITY)
    elif image_format == "GIF":
        picture.save(output, "GIF")
    else:
        picture.save(output, "PNG", compress_level=6)
    return CleanPicture(output.getvalue(), picture.width, picture.height)


def _save_animation(image: Image.Image, image_format: str, output: io.BytesIO) -> tuple[int, int]:
    frames, durations = [], []
    loop = image.info.get("loop", 0)
    for frame in ImageSequence.Iterator(image):
        durations.append(frame.info.get("duration", 100) or 100)
        frames.append(_without_metadata(_in_srgb(frame.convert("RGBA")), keep=()))
    first, *others = frames
    options: dict[str, Any] = {"save_all": True, "append_images": others, "duration": durations, "loop": loop}
    if image_format == "GIF":
        options["disposal"] = 2
    elif image_format == "WEBP":
        options["quality"] = ORIGINAL_QUALITY
    first.save(output, image_format, **options)
    return first.width, first.height


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


@dataclass(frozen=True)
class Rendition:
    """One file made from a picture: its size, the part of the picture it shows (None: all of
    it) and where it is stored (named by django-imagekit from its specification)."""

    width: int
    height: int
    box: tuple[int, int, int, int] | None
    file: ImageCacheFile
    image_format: str = "WEBP"


def _sizes(source_width: int, source_height: int, crop: str) -> list[tuple[int, int]]:
    """(width, height) of each rendition of a source of this size in one crop, smallest first."""
    shape = CROPS[crop]
    if shape.ratio is None:
        widths = sorted({w for w in shape.widths if w < source_width} | {min(source_width, shape.widths[-1])})
        return [(width, max(1, round(source_height * width / source_width))) for width in widths]
    box = crop_box(source_width, source_height, shape.ratio, 50, 50)
    box_width = box[2] - box[0]
    ratio_width, ratio_height = shape.ratio
    # Never enlarged: widths above the cropped box's own are left out (the box's width is the last).
    widths = sorted({w for w in shape.widths if w < box_width} | {min(box_width, shape.widths[-1])})
    return [(width, max(1, round(width * ratio_height / ratio_width))) for width in widths]


def largest_size(source_width: int, source_height: int, crop: str = DEFAULT_CROP) -> tuple[int, int]:
    """The size of the largest rendition in ``crop``, known before any file is made."""
    return _sizes(source_width, source_height, crop)[-1]


def _renditions(source: SourceImage, crop: str) -> list[Rendition]:
    shape = CROPS[crop]
    field_file = source.field_file()
    if shape.ratio is None:
        # The same specification as before the library existed: stored renditions keep their names.
        return [
            Rendition(
                width,
                height,
                None,
                ImageCacheFile(RenditionSpec(field_file, [ResizeToFit(width=width, upscale=False)])),
            )
            for width, height in _sizes(source.width, source.height, crop)
        ]
    box = crop_box(source.width, source.height, shape.ratio, source.focal_x, source.focal_y)
    return [
        Rendition(
            width,
            height,
            box,
            ImageCacheFile(RenditionSpec(field_file, [FocalCrop(box), Resize(width, height)])),
        )
        for width, height in _sizes(source.width, source.height, crop)
    ]


@lru_cache(maxsize=50_000)
def rendition_urls(source: SourceImage, crop: str = DEFAULT_CROP) -> tuple[RenditionURL, ...]:
    """Widths, heights and URLs of an image's renditions in one crop, smallest first.

    Remembered per process: a rendition's name hashes its whole specification, and a
    listing of twenty pictures would do it a hundred times per request. A stored file
    never changes under its name and a new focal point is a new key, so the answer holds.
    """
    return tuple(RenditionURL(item.width, item.height, item.file.url) for item in _renditions(source, crop))


def _share_rendition(source: SourceImage) -> Rendition:
    box = crop_box(source.width, source.height, (SHARE_WIDTH, SHARE_HEIGHT), source.focal_x, source.focal_y)
    processors = [FocalCrop(box), Resize(SHARE_WIDTH, SHARE_HEIGHT)]
    file = ImageCacheFile(ShareImageSpec(source.field_file(), processors))
    return Rendition(SHARE_WIDTH, SHARE_HEIGHT, box, file, "JPEG")


@lru_cache(maxsize=20_000)
def share_image_url(source: SourceImage) -> RenditionURL:
    """The 1200×630 JPEG for Open Graph, Twitter cards and feeds. No disk access."""
    return RenditionURL(SHARE_WIDTH, SHARE_HEIGHT, _share_rendition(source).file.url)


def all_renditions(source: SourceImage) -> list[Rendition]:
    """Every rendition of a picture: each crop's, and the share image."""
    return [item for crop in CROPS for item in _renditions(source, crop)] + [_share_rendition(source)]


def _renderable(image: Image.Image) -> Image.Image:
    if image.mode in {"RGB", "RGBA"}:
        return image
    has_alpha = image.mode in {"LA", "PA"} or (image.mode == "P" and "transparency" in image.info)
    return image.convert("RGBA" if has_alpha else "RGB")


def _encoded(image: Image.Image, image_format: str) -> bytes:
    output = io.BytesIO()
    if image_format == "JPEG":
        if image.mode == "RGBA":  # JPEG has no transparency: show it on white, as pages do
            background = Image.new("RGB", image.size, (255, 255, 255))
            background.paste(image, mask=image.getchannel("A"))
            image = background
        image.save(output, "JPEG", quality=SHARE_QUALITY, progressive=True)
    else:
        image.save(output, "WEBP", quality=RENDITION_QUALITY)
    return output.getvalue()


def generate_renditions(source: SourceImage) -> int:
    """Write every rendition of a stored picture (each crop's and the share image), skipping
    those that exist; returns how many there are.

    The picture is decoded once, for all of them, at the smallest size the largest needs (a
    JPEG at a half, quarter or eighth of its size; other formats reduced right after
    decoding), so a large original costs its size in memory once rather than once per file.
    A file written inside a transaction that rolls back is deleted again.
    """
    renditions = all_renditions(source)
    missing = [item for item in renditions if not item.file.storage.exists(item.file.name)]
    if not missing:
        return len(renditions)
    whole = (0, 0, source.width, source.height)
    scale = min(1.0, max(item.width / ((item.box or whole)[2] - (item.box or whole)[0]) for item in missing))
    target = (max(1, math.ceil(source.width * scale)), max(1, math.ceil(source.height * scale)))
    with source.storage.open(source.name) as stored, Image.open(stored) as picture:
        picture.draft("RGB", target)  # JPEG only; other formats ignore it
        picture.load()
        factor = min(picture.width // target[0], picture.height // target[1])
        working = _renderable(picture.reduce(factor) if factor >= 2 else picture)
        ratio_x, ratio_y = working.width / source.width, working.height / source.height
        for item in missing:
            left, top, right, bottom = item.box or whole
            box = (left * ratio_x, top * ratio_y, right * ratio_x, bottom * ratio_y)
            made = working.resize((item.width, item.height), Image.Resampling.LANCZOS, box=box)
            _store(item, _encoded(made, item.image_format))
    return len(renditions)


def _store(item: Rendition, content: bytes) -> None:
    storage, name = item.file.storage, item.file.name
    saved = storage.save(name, ContentFile(content))
    if saved != name:  # another worker made it meanwhile: keep theirs
        storage.delete(saved)
        return
    delete_if_rolled_back(storage, saved)


# A stand-in field for rebuilding a file object from its name alone (see SourceImage).
_PROBE_FIELD = models.ImageField(name="probe")


class PictureField(RollbackSafeFileMixin, models.ImageField):
    """An image field that validates uploads and stores them as they came, under the name
    ``upload_to`` gives (the library makes it unguessable); a stored upload is deleted again if
    its save rolls back. Pass ``width_field`` and ``height_field``: pages need the dimensions
    without opening the file. Cleaning the original and its renditions are the library
    model's business, in the job queue (common.models.Image)."""

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
