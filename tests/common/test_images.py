"""The image library: what uploads are refused, what is stripped, which renditions and crops are made."""

from __future__ import annotations

import io
import re
import struct
import zlib

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError, transaction
from django.template import engines
from django.test.html import parse_html
from PIL import ExifTags, Image

from common.images import crop_box, validate_image_upload
from common.models import Image as Image_
from tests.factories import ImageFactory, image_bytes, library_image, uploaded_image
from tests.jobs import run_queued_jobs


def png_with_declared_size(width: int, height: int) -> bytes:
    """A tiny PNG whose header claims a huge size: how decompression bombs look."""
    real = image_bytes("PNG", (1, 1))
    ihdr_start = 8 + 8  # signature, then chunk length and type
    header = struct.pack(">II", width, height) + real[ihdr_start + 8 : ihdr_start + 13]
    crc = struct.pack(">I", zlib.crc32(b"IHDR" + header) & 0xFFFFFFFF)
    return real[:ihdr_start] + header + crc + real[ihdr_start + 13 + 4 :]


def upload(name: str, content: bytes, content_type: str = "image/jpeg") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type=content_type)


def refusal(file: SimpleUploadedFile) -> str:
    with pytest.raises(ValidationError) as error:
        validate_image_upload(file)
    return " ".join(error.value.messages)


@pytest.mark.parametrize(
    "name, image_format",
    [("a.jpg", "JPEG"), ("a.jpeg", "JPEG"), ("b.png", "PNG"), ("c.webp", "WEBP"), ("d.gif", "GIF")],
)
def test_real_images_of_each_allowed_type_are_accepted(name: str, image_format: str) -> None:
    validate_image_upload(upload(name, image_bytes(image_format, (64, 48))))


def test_script_renamed_jpg_is_refused() -> None:
    assert "not a readable image" in refusal(upload("photo.jpg", b"<?php system($_GET['c']); ?>"))


def test_svg_is_refused_by_name_and_by_content() -> None:
    svg = b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><rect width="10" height="10"/></svg>'
    assert "Upload a JPEG, PNG, WebP or GIF image" in refusal(upload("logo.svg", svg, "image/svg+xml"))
    assert "not a readable image" in refusal(upload("logo.png", svg, "image/png"))


def test_truncated_image_is_refused() -> None:
    whole = image_bytes("JPEG", (800, 600), quality=95)
    assert "damaged or incomplete" in refusal(upload("cut.jpg", whole[: len(whole) // 2]))


def test_decompression_bomb_is_refused() -> None:
    assert "pixels" in refusal(upload("bomb.png", png_with_declared_size(40000, 40000), "image/png"))


def test_image_over_the_pixel_limit_is_refused(settings) -> None:
    settings.IMAGE_MAX_PIXELS = 1_000_000
    assert "megapixels" in refusal(upload("big.png", png_with_declared_size(2000, 1000), "image/png"))


def test_type_must_match_the_name() -> None:
    assert "PNG image but its name ends in .jpg" in refusal(upload("photo.jpg", image_bytes("PNG", (10, 10))))


def test_file_over_the_size_limit_is_refused(settings) -> None:
    settings.IMAGE_MAX_UPLOAD_BYTES = 1024
    message = refusal(upload("big.jpg", image_bytes("JPEG", (400, 400), quality=100)))
    assert "the largest allowed is 1.0\xa0KB" in message


def test_empty_file_is_refused() -> None:
    assert "not a readable image" in refusal(upload("empty.jpg", b""))


def jpeg_with_exif(size: tuple[int, int], orientation: int) -> bytes:
    image = Image.new("RGB", size, (200, 30, 30))
    image.paste((30, 30, 200), (0, 0, size[0] // 2, size[1]))  # left half blue, to see the rotation
    exif = Image.Exif()
    exif[ExifTags.Base.Orientation] = orientation
    exif[ExifTags.Base.Make] = "PhoneMaker"
    exif[ExifTags.Base.BodySerialNumber] = "SN-12345"
    gps = exif.get_ifd(ExifTags.IFD.GPSInfo)
    gps[ExifTags.GPS.GPSLatitudeRef] = "N"
    gps[ExifTags.GPS.GPSLatitude] = (35.0, 41.0, 22.0)
    output = io.BytesIO()
    image.save(output, "JPEG", exif=exif, quality=90)
    return output.getvalue()


@pytest.mark.django_db
def test_stored_image_is_upright_and_has_no_exif_or_location() -> None:
    original = jpeg_with_exif((300, 200), orientation=6)  # camera held sideways
    with Image.open(io.BytesIO(original)) as check:
        assert check.getexif().get_ifd(ExifTags.IFD.GPSInfo)  # the test file really has a location

    picture = ImageFactory(file=upload("sideways.jpg", original))
    assert (picture.width, picture.height) == (200, 300)
    with default_storage.open(picture.file.name) as stored, Image.open(stored) as image:
        assert image.size == (200, 300)
        assert not image.getexif()
        assert b"PhoneMaker" not in stored.read()


@pytest.mark.django_db
def test_uploads_get_names_nobody_can_guess() -> None:
    first = ImageFactory(file=uploaded_image("Protest in Tehran.jpg", size=(64, 64)))
    second = ImageFactory(file=uploaded_image("Protest in Tehran.jpg", size=(64, 64)))
    # images/2026/11/protest-in-tehran-<12 random URL-safe characters>.jpg
    assert re.fullmatch(r"images/\d{4}/\d\d/protest-in-tehran-[A-Za-z0-9_-]{12}\.jpg", first.file.name)
    assert first.file.name != second.file.name


def stored_size(url: str) -> tuple[int, int]:
    name = url.removeprefix(settings.MEDIA_URL)
    with default_storage.open(name) as stored, Image.open(stored) as image:
        assert image.format in {"WEBP", "JPEG"}
        return image.size


@pytest.mark.django_db
def test_renditions_are_made_once_in_each_width_never_enlarged() -> None:
    picture = library_image("wide.jpg", size=(1300, 650))
    files = picture.renditions()
    assert [(item.width, item.height) for item in files] == [(400, 200), (800, 400), (1200, 600), (1300, 650)]
    for item in files:
        assert item.url.endswith(".webp")
        assert stored_size(item.url) == (item.width, item.height)


@pytest.mark.django_db
def test_small_image_gets_one_rendition_at_its_own_size() -> None:
    picture = ImageFactory(file=uploaded_image("small.png", image_format="PNG", size=(300, 300)))
    assert [(item.width, item.height) for item in picture.renditions()] == [(300, 300)]


@pytest.mark.django_db
@pytest.mark.parametrize(
    "crop, expected",
    [
        ("wide", [(400, 225), (800, 450), (1200, 675)]),
        ("standard", [(400, 300), (800, 600)]),
        ("square", [(200, 200), (400, 400)]),
    ],
)
def test_each_crop_is_made_in_its_shape_and_stored(crop: str, expected: list[tuple[int, int]]) -> None:
    picture = library_image("big.jpg", size=(2000, 1500))
    files = picture.renditions(crop)
    assert [(item.width, item.height) for item in files] == expected
    assert all(stored_size(item.url) == (item.width, item.height) for item in files)
    assert stored_size(picture.share_image.url) == (1200, 630)


@pytest.mark.parametrize("ratio", [(16, 9), (4, 3), (1, 1), (1200, 630), (9, 16)])
@pytest.mark.parametrize("size", [(2000, 1000), (1000, 2000), (640, 640), (3, 1000)])
@pytest.mark.parametrize("focal", [(0, 0), (100, 100), (50, 50), (93, 7), (7, 93), (100, 0)])
def test_every_crop_keeps_the_focal_point_in_frame(ratio, size, focal) -> None:
    width, height = size
    left, top, right, bottom = crop_box(width, height, ratio, *focal)
    assert 0 <= left < right <= width and 0 <= top < bottom <= height
    box_width, box_height = right - left, bottom - top
    # The largest box of the shape: one side is the picture's whole side.
    assert box_width == width or box_height == height
    assert abs(box_width / box_height - ratio[0] / ratio[1]) < max(0.02, 2 / min(box_width, box_height))
    x, y = width * focal[0] / 100, height * focal[1] / 100
    assert left <= x <= right and top <= y <= bottom


def red_dot_picture(size: tuple[int, int], dot: tuple[int, int]) -> SimpleUploadedFile:
    image = Image.new("RGB", size, (255, 255, 255))
    x, y = dot
    image.paste((220, 0, 0), (x - 30, y - 30, x + 30, y + 30))
    output = io.BytesIO()
    image.save(output, "PNG")
    return upload("dot.png", output.getvalue(), "image/png")


def colour_at(url: str, point: tuple[int, int]) -> tuple[int, ...]:
    with default_storage.open(url.removeprefix(settings.MEDIA_URL)) as stored, Image.open(stored) as image:
        return image.convert("RGB").getpixel(point)


def is_red(colour: tuple[int, ...]) -> bool:
    return colour[0] > 180 and colour[1] < 80 and colour[2] < 80


@pytest.mark.django_db
def test_share_image_and_crops_follow_the_focal_point() -> None:
    # A square picture with its subject (a red dot) near the top right corner.
    picture = ImageFactory(file=red_dot_picture((1000, 1000), (900, 100)))
    # Centred by default: a 1200×630 share image shows the middle band, not the dot.
    assert not is_red(colour_at(picture.share_image.url, (1080, 120)))

    picture.focal_x, picture.focal_y = 90, 10
    picture.save()
    run_queued_jobs()
    picture.refresh_from_db()
    share = picture.share_image.url
    assert is_red(colour_at(share, (1080, 120)))
    wide = picture.renditions("wide")[-1]  # 16:9 from the top of the square
    assert is_red(colour_at(wide.url, (round(900 * wide.width / 1000), round(100 * wide.width / 1000))))


@pytest.mark.django_db
def test_a_new_focal_point_makes_new_crops_and_keeps_the_whole_picture_renditions() -> None:
    picture = library_image("street.jpg", size=(1600, 900))
    before_whole = [item.url for item in picture.renditions()]
    before_square = [item.url for item in picture.renditions("square")]
    picture.focal_x = 10
    picture.save()
    # Until the job queue has cut the new crops, pages keep showing the previous ones.
    assert [item.url for item in picture.renditions("square")] == before_square
    run_queued_jobs()
    picture.refresh_from_db()
    assert [item.url for item in picture.renditions()] == before_whole
    after_square = [item.url for item in picture.renditions("square")]
    assert set(after_square).isdisjoint(before_square)
    assert all(stored_size(url) for url in after_square)


@pytest.mark.django_db
def test_focal_point_outside_the_picture_is_refused_by_the_database() -> None:
    picture = library_image("street.jpg", size=(64, 64))
    with pytest.raises(ValidationError):
        picture.focal_x = 101
        picture.full_clean()
    with pytest.raises(IntegrityError), transaction.atomic():
        Image_.objects.filter(pk=picture.pk).update(focal_y=150)


@pytest.mark.django_db
def test_picture_tag_emits_srcset_sizes_dimensions_and_lazy_loading(django_assert_num_queries) -> None:
    picture = library_image("wide.jpg", size=(1600, 900), description='A "quoted" <view>')
    template = engines["reader"].from_string(
        '{{ picture(image, sizes="50vw") }}|{{ picture(image, crop="square", alt="") }}'
    )
    with django_assert_num_queries(0):
        whole, square = template.render({"image": picture}).split("|")
    img = parse_html(whole)
    attributes = dict(img.attributes)
    assert attributes["sizes"] == "50vw" and attributes["loading"] == "lazy"
    assert (attributes["width"], attributes["height"]) == ("1600", "900")
    assert attributes["alt"] == 'A "quoted" <view>'
    assert [entry.split()[1] for entry in attributes["srcset"].split(", ")] == [
        "400w",
        "800w",
        "1200w",
        "1600w",
    ]
    assert attributes["src"].endswith(".webp") and "/renditions/" in attributes["src"]
    square_attributes = dict(parse_html(square).attributes)
    assert (square_attributes["width"], square_attributes["height"]) == ("400", "400")
    assert square_attributes["alt"] == ""


def test_picture_tag_renders_nothing_without_an_image() -> None:
    template = engines["reader"].from_string("[{{ picture(image, alt='x') }}]")
    assert template.render({"image": None}) == "[]"
