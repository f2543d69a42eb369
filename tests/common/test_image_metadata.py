"""\"Without location data\" is true for every accepted format: the stored bytes are read back.

GIFs used to be stored as uploaded (XMP location and comments kept) and JPEG comments survived
re-encoding. Each test crafts a file carrying metadata the way cameras and editing software
write it, lets the job queue prepare it, and looks for any trace in what is stored.
"""

from __future__ import annotations

import io

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import ExifTags, Image, ImageCms, PngImagePlugin

from tests.factories import ImageFactory
from tests.jobs import run_queued_jobs

pytestmark = pytest.mark.django_db

SECRET_PLACE = b"GPSLatitude>35.6892"
COMMENT = b"shot at the safe house"
XMP = (
    b'<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">'
    b'<rdf:Description xmlns:exif="http://ns.adobe.com/exif/1.0/"><exif:'
    + SECRET_PLACE
    + b"</exif:GPSLatitude>"
    b"</rdf:Description></rdf:RDF></x:xmpmeta>"
)
# What would give any of it away in the stored bytes: the place, the comment, an EXIF block, an
# XMP packet, an ICC profile (its "acsp" signature), PNG text chunks.
TRACES = [
    SECRET_PLACE,
    COMMENT,
    b"Exif\x00\x00",
    b"eXIf",
    b"xmpmeta",
    b"acsp",
    b"tEXt",
    b"iTXt",
    b"PhoneMaker",
]


def exif_with_location() -> Image.Exif:
    exif = Image.Exif()
    exif[ExifTags.Base.Make] = "PhoneMaker"
    gps = exif.get_ifd(ExifTags.IFD.GPSInfo)
    gps[ExifTags.GPS.GPSLatitudeRef] = "N"
    gps[ExifTags.GPS.GPSLatitude] = (35.0, 41.0, 22.0)
    return exif


def icc_profile() -> bytes:
    return ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()


def frames(count: int, size: tuple[int, int] = (64, 48)) -> list[Image.Image]:
    colours = [(200, 30, 30), (30, 200, 30), (30, 30, 200)]
    return [Image.new("RGB", size, colours[index % 3]) for index in range(count)]


def gif_with_metadata(count: int) -> bytes:
    """A GIF with a comment extension and an XMP application extension (where software puts
    location data in GIFs), animated when ``count`` > 1."""
    output = io.BytesIO()
    first, *others = frames(count)
    first.save(output, "GIF", save_all=True, append_images=others, duration=120, loop=0, comment=COMMENT)
    data = output.getvalue()
    flags = data[10]
    table = 3 * 2 ** ((flags & 0x07) + 1) if flags & 0x80 else 0
    start = 13 + table
    blocks = b"".join(
        bytes([len(part)]) + part for part in (XMP[i : i + 255] for i in range(0, len(XMP), 255))
    )
    xmp_extension = b"\x21\xff\x0bXMP DataXMP" + blocks + b"\x00"
    return data[:start] + xmp_extension + data[start:]


def jpeg_with_metadata() -> bytes:
    output = io.BytesIO()
    frames(1, (320, 200))[0].save(
        output, "JPEG", exif=exif_with_location(), comment=COMMENT, xmp=XMP, icc_profile=icc_profile()
    )
    return output.getvalue()


def png_with_metadata(count: int = 1) -> bytes:
    info = PngImagePlugin.PngInfo()
    info.add_text("Comment", COMMENT.decode())
    info.add_itxt("XML:com.adobe.xmp", XMP.decode())
    output = io.BytesIO()
    first, *others = frames(count)
    options = {"save_all": True, "append_images": others, "duration": 120} if count > 1 else {}
    first.save(output, "PNG", pnginfo=info, exif=exif_with_location(), icc_profile=icc_profile(), **options)
    return output.getvalue()


def webp_with_metadata(count: int = 1) -> bytes:
    output = io.BytesIO()
    first, *others = frames(count)
    options = {"save_all": True, "append_images": others, "duration": 120} if count > 1 else {}
    first.save(output, "WEBP", exif=exif_with_location(), xmp=XMP, icc_profile=icc_profile(), **options)
    return output.getvalue()


def prepared(name: str, content: bytes):
    return ImageFactory(file=SimpleUploadedFile(name, content))


@pytest.mark.parametrize(
    "name, content, frame_count",
    [
        ("still.gif", gif_with_metadata(1), 1),
        ("animated.gif", gif_with_metadata(3), 3),
        ("photo.jpg", jpeg_with_metadata(), 1),
        ("plan.png", png_with_metadata(), 1),
        ("animated.png", png_with_metadata(3), 3),
        ("photo.webp", webp_with_metadata(), 1),
        ("animated.webp", webp_with_metadata(3), 3),
    ],
    ids=lambda value: value if isinstance(value, str) else "",
)
def test_no_trace_of_location_comments_or_profiles_is_stored(
    name: str, content: bytes, frame_count: int
) -> None:
    assert SECRET_PLACE in content  # the crafted file really carries it
    picture = prepared(name, content)
    with default_storage.open(picture.file.name) as stored:
        data = stored.read()
    found = [trace for trace in TRACES if trace in data]
    assert found == [], f"{name} keeps {found}"
    with Image.open(io.BytesIO(data)) as image:
        assert getattr(image, "n_frames", 1) == frame_count  # every frame of an animation kept
        assert not image.getexif()
        assert "icc_profile" not in image.info and "xmp" not in image.info and "comment" not in image.info
    for url in [item.url for crop in ("original", "square") for item in picture.renditions(crop)]:
        with default_storage.open(url.removeprefix("/media/")) as rendition:
            assert not [trace for trace in TRACES if trace in rendition.read()], url


def test_the_uploaded_original_is_gone_once_the_clean_one_is_stored(
    django_capture_on_commit_callbacks,
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        picture = ImageFactory(file=SimpleUploadedFile("animated.gif", gif_with_metadata(2)), prepared=False)
    uploaded = picture.file.name
    with django_capture_on_commit_callbacks(execute=True):
        run_queued_jobs()
    picture.refresh_from_db()
    assert picture.file.name != uploaded and not default_storage.exists(uploaded)
    assert default_storage.exists(picture.file.name)


def test_a_gif_keeps_its_timing_and_looping() -> None:
    picture = prepared("animated.gif", gif_with_metadata(3))
    with default_storage.open(picture.file.name) as stored, Image.open(stored) as image:
        assert image.info.get("loop") == 0
        assert image.info.get("duration") == 120


def gif_extensions(data: bytes) -> list[tuple[int, bytes]]:
    """(label, payload) of every extension block of a GIF, by walking its blocks."""
    flags = data[10]
    position = 13 + (3 * 2 ** ((flags & 0x07) + 1) if flags & 0x80 else 0)
    found = []
    while data[position] != 0x3B:  # the trailer
        if data[position] == 0x21:  # an extension: label, then sub-blocks
            label, position = data[position + 1], position + 2
        else:  # an image: descriptor, local colour table, LZW size, then sub-blocks
            packed = data[position + 9]
            position += 10 + (3 * 2 ** ((packed & 0x07) + 1) if packed & 0x80 else 0) + 1
            label = None
        payload = b""
        while data[position]:
            payload += data[position + 1 : position + 1 + data[position]]
            position += 1 + data[position]
        position += 1
        if label is not None:
            found.append((label, payload))
    return found


def test_the_crafted_gif_is_what_software_writes() -> None:
    """A well-formed GIF with a comment extension and an XMP application extension."""
    data = gif_extensions(gif_with_metadata(2))
    assert (0xFE, COMMENT) in data
    assert any(
        label == 0xFF and payload.startswith(b"XMP DataXMP") and SECRET_PLACE in payload
        for label, payload in data
    )
    with Image.open(io.BytesIO(gif_with_metadata(2))) as image:
        assert image.n_frames == 2 and image.info["comment"] == COMMENT


def test_a_stored_gif_has_no_comment_or_application_data_but_its_looping() -> None:
    picture = prepared("animated.gif", gif_with_metadata(3))
    with default_storage.open(picture.file.name) as stored:
        extensions = gif_extensions(stored.read())
    assert {label for label, _ in extensions} <= {0xF9, 0xFF}  # frame timing, and looping
    assert [payload for label, payload in extensions if label == 0xFF] == [b"NETSCAPE2.0\x01\x00\x00"]
