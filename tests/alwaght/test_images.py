"""The image pipeline: what uploads are refused, what is stripped, what renditions are made."""

from __future__ import annotations

import io
import struct
import zlib

import pytest
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.template import Context, Template
from PIL import ExifTags, Image

from alwaght.images import renditions, validate_image_upload
from tests.factories import ArticleFactory, image_bytes, uploaded_image


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

    article = ArticleFactory(hero_image=upload("sideways.jpg", original))
    assert (article.hero_image_width, article.hero_image_height) == (200, 300)
    with default_storage.open(article.hero_image.name) as stored, Image.open(stored) as image:
        assert image.size == (200, 300)
        assert not image.getexif()
        assert b"PhoneMaker" not in stored.read()


@pytest.mark.django_db
def test_renditions_are_made_once_in_each_width_never_enlarged() -> None:
    article = ArticleFactory(hero_image=uploaded_image("wide.jpg", size=(1300, 650)))
    files = renditions(article.hero_image)
    assert [(item.width, item.height) for item in files] == [(400, 200), (800, 400), (1200, 600), (1300, 650)]
    for item in files:
        assert item.file.name.endswith(".webp")
        assert default_storage.exists(item.file.name)
        with default_storage.open(item.file.name) as stored, Image.open(stored) as image:
            assert image.format == "WEBP"
            assert image.size == (item.width, item.height)


@pytest.mark.django_db
def test_small_image_gets_one_rendition_at_its_own_size() -> None:
    article = ArticleFactory(hero_image=uploaded_image("small.png", image_format="PNG", size=(300, 300)))
    assert [(item.width, item.height) for item in renditions(article.hero_image)] == [(300, 300)]


@pytest.mark.django_db
def test_picture_tag_emits_srcset_sizes_dimensions_and_lazy_loading(django_assert_num_queries) -> None:
    article = ArticleFactory(
        hero_image=uploaded_image("wide.jpg", size=(1600, 900)), hero_alt='A "quoted" <view>'
    )
    template = Template(
        '{% load pictures %}{% picture article.hero_image alt=article.hero_alt sizes="50vw" %}'
    )
    with django_assert_num_queries(0):
        html = template.render(Context({"article": article}))
    assert 'sizes="50vw"' in html and 'width="1600" height="900"' in html and 'loading="lazy"' in html
    assert html.count(" 400w") == 1 and html.count(" 1600w") == 1
    assert 'alt="A &quot;quoted&quot; &lt;view&gt;"' in html
    src = html.split('src="')[1].split('"')[0]
    assert src.endswith(".webp") and "/renditions/" in src


def test_picture_tag_renders_nothing_without_an_image() -> None:
    template = Template("{% load pictures %}[{% picture image alt='x' %}]")
    assert template.render(Context({"image": None})) == "[]"
