"""Pictures are prepared outside the request, by the job queue, and nothing is left behind.

One 7000×7000 RGBA PNG (a few hundred KB) took 8.8 s and 527 MB inside the request; four of
them in one "Add photos" ran past the worker timeout and left their files on disk.
"""

from __future__ import annotations

import io
import re
import struct
import zlib
from pathlib import Path

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.templatetags.static import static
from django.test import Client
from django_tasks_db.models import DBTaskResult
from PIL import Image, ImageFile

from common.images import generate_renditions
from common.models import Image as LibraryImage
from common.models import Purge
from gallery.models import Album, Photo
from tests.factories import (
    AlbumFactory,
    ArticleFactory,
    AuthorFactory,
    FilmFactory,
    ImageFactory,
    PhotoFactory,
    TopicFactory,
    image_bytes,
    library_image,
    uploaded_image,
)
from tests.gallery.test_pages import album_form
from tests.html import assert_in_html
from tests.jobs import queued_jobs, run_queued_jobs

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def huge_png() -> bytes:
    """7000×7000 RGBA: 49 megapixels (within the 50 allowed), about 200 KB on disk, 196 MB decoded."""
    output = io.BytesIO()
    Image.new("RGBA", (7000, 7000), (30, 60, 90, 255)).save(output, "PNG")
    return output.getvalue()


@pytest.fixture
def decoded_sizes(monkeypatch) -> list[int]:
    """The pixel count of every picture Pillow decodes while the test runs."""
    sizes: list[int] = []
    load = ImageFile.ImageFile.load

    def recording_load(self):
        if self.tile:  # pixel data still to decode (later calls return what is loaded)
            sizes.append(self.size[0] * self.size[1])
        return load(self)

    monkeypatch.setattr(ImageFile.ImageFile, "load", recording_load)
    return sizes


def stored_files(media_root: Path) -> list[str]:
    return sorted(str(path.relative_to(media_root)) for path in media_root.rglob("*") if path.is_file())


def test_adding_four_huge_photos_decodes_none_of_them_in_the_request(
    editor_client: Client, huge_png: bytes, decoded_sizes: list[int]
) -> None:
    files = [SimpleUploadedFile(f"plan-{n}.png", huge_png, content_type="image/png") for n in range(4)]
    response = editor_client.post(
        "/admin/gallery/album/add/",
        album_form(add_photos=files, add_photos_description="A site plan"),
    )
    assert response.status_code == 302
    assert max(decoded_sizes, default=0) < 1_000_000  # headers and checksums only
    assert Photo.objects.count() == 4 and queued_jobs() == 4
    assert all(image.is_pending for image in LibraryImage.objects.all())


def test_the_worker_prepares_a_huge_picture_decoding_it_once_a_step(huge_png: bytes, decoded_sizes) -> None:
    picture = ImageFactory(file=SimpleUploadedFile("plan.png", huge_png), prepared=False)
    decoded_sizes.clear()
    assert run_queued_jobs() == 1
    picture.refresh_from_db()
    assert not picture.is_pending and picture.cleaned
    # Once to clean the original, once to make every rendition: never once per rendition.
    assert decoded_sizes == [49_000_000, 49_000_000]
    assert len(picture.renditions("wide")) == 3


def test_a_large_jpeg_is_decoded_at_the_size_its_renditions_need(decoded_sizes) -> None:
    picture = library_image("wide.jpg", size=(6400, 3600))
    names = [
        item.url.removeprefix("/media/") for crop in ("original", "wide") for item in picture.renditions(crop)
    ]
    for name in names:
        default_storage.delete(name)
    decoded_sizes.clear()
    generate_renditions(picture.rendered_source)
    assert decoded_sizes == [1600 * 900]  # a quarter is enough for 1600 pixels wide
    assert all(default_storage.exists(name) for name in names)


def test_a_save_that_rolls_back_leaves_no_file(editor_client: Client, media_root: Path, monkeypatch) -> None:
    created = Photo.objects.create

    def third_photo_fails(**fields):
        if fields["position"] == 3:
            raise RuntimeError("the database went away")
        return created(**fields)

    monkeypatch.setattr(Photo.objects, "create", third_photo_fails)
    files = [uploaded_image(f"nowruz-{n}.jpg", size=(300, 200)) for n in range(4)]
    with pytest.raises(RuntimeError):
        editor_client.post(
            "/admin/gallery/album/add/", album_form(add_photos=files, add_photos_description="Picnic")
        )
    assert not Album.objects.exists() and not LibraryImage.objects.exists()
    assert not DBTaskResult.objects.exists()
    assert stored_files(media_root) == []


def test_a_pending_picture_shows_a_placeholder_of_its_shape_and_nothing_breaks(client: Client) -> None:
    picture = ImageFactory(
        file=uploaded_image("gate.jpg", size=(1600, 900)), description="The gate", prepared=False
    )
    article = ArticleFactory(hero_image=picture)
    response = client.get(article.get_absolute_url())
    assert response.status_code == 200
    html = response.content.decode()
    assert picture.file.url not in html  # the original may still carry its metadata
    assert 'property="og:image"' not in html
    assert_in_html(
        '<img src="/static/img/picture-pending.svg" width="1600" height="900" alt="The gate" class="" '
        'loading="eager" decoding="async">',
        html.replace(static("img/picture-pending.svg"), "/static/img/picture-pending.svg"),
    )
    assert client.get("/").status_code == 200 and client.get("/feed/").status_code == 200

    run_queued_jobs()
    html = client.get(article.get_absolute_url()).content.decode()
    assert "picture-pending" not in html and 'srcset="/media/renditions/images/' in html
    # A rendition never changes under its name: browsers keep it (the original is not cached so).
    rendition = client.get(re.search(r'srcset="(/media/renditions/[^ "]+)', html).group(1))
    assert rendition.status_code == 200
    assert rendition["Cache-Control"] == "public, max-age=31536000, immutable"
    assert "immutable" not in client.get(picture.file.url).get("Cache-Control", "")


def test_the_worker_refreshes_the_pages_that_showed_the_placeholder() -> None:
    picture = ImageFactory(prepared=False)
    Purge.objects.all().delete()
    run_queued_jobs()
    assert f"image:{picture.pk}" in {key for purge in Purge.objects.all() for key in purge.keys}


def png_that_decodes_badly() -> bytes:
    """A PNG whose chunks all have the right checksums but whose pixel data is not zlib."""
    good = image_bytes("PNG", (64, 64))
    position = good.index(b"IDAT") - 4
    length = struct.unpack(">I", good[position : position + 4])[0]
    garbage = b"\x78\x9c" + bytes(range(256)) * 2
    chunk = struct.pack(">I", len(garbage)) + b"IDAT" + garbage
    chunk += struct.pack(">I", zlib.crc32(b"IDAT" + garbage) & 0xFFFFFFFF)
    return good[:position] + chunk + good[position + 12 + length :]


def test_a_picture_the_worker_cannot_read_says_so_and_pages_keep_working(
    editor_client: Client, client: Client
) -> None:
    picture = ImageFactory(file=SimpleUploadedFile("broken.png", png_that_decodes_badly()), prepared=False)
    run_queued_jobs()
    picture.refresh_from_db()
    assert picture.processing_error and picture.is_pending
    article = ArticleFactory(hero_image=picture)
    assert "picture-pending" in Client().get(article.get_absolute_url()).content.decode()
    page = editor_client.get(f"/admin/common/image/{picture.pk}/change/").content.decode()
    assert "could not be read as a picture" in page
    assert queued_jobs() == 0  # not retried for ever


def test_an_edit_saved_while_the_worker_ran_does_not_undo_its_work() -> None:
    picture = ImageFactory(prepared=False)
    stale = LibraryImage.objects.get(pk=picture.pk)  # a form loaded before the job finished
    run_queued_jobs()
    stale.caption = "Edited meanwhile"
    stale.save()
    picture.refresh_from_db()
    assert picture.caption == "Edited meanwhile"
    assert picture.cleaned and not picture.is_pending
    assert default_storage.exists(picture.file.name)


def test_replacing_or_deleting_a_picture_removes_its_files(django_capture_on_commit_callbacks) -> None:
    picture = library_image("first.jpg", size=(800, 600))
    first = [picture.file.name, *(item.url.removeprefix("/media/") for item in picture.renditions())]
    assert all(default_storage.exists(name) for name in first)
    with django_capture_on_commit_callbacks(execute=True):
        picture.file = uploaded_image("second.jpg", size=(800, 600))
        picture.save()
    assert not any(default_storage.exists(name) for name in first)
    run_queued_jobs()
    picture.refresh_from_db()
    second = [picture.file.name, *(item.url.removeprefix("/media/") for item in picture.renditions())]
    with django_capture_on_commit_callbacks(execute=True):
        picture.delete()
    assert not any(default_storage.exists(name) for name in second)


def test_every_kind_of_page_shows_pending_pictures_as_placeholders(client: Client) -> None:
    pending = ImageFactory(prepared=False)
    album = AlbumFactory(cover=pending)
    PhotoFactory(album=album, image=ImageFactory(prepared=False))
    film = FilmFactory(poster=pending)
    topic = TopicFactory(slug="kurds", image=pending, featured=True)
    article = ArticleFactory(hero_image=pending, authors=[AuthorFactory(slug="sara", photo=pending)])
    article.topics.add(topic)
    for url in (
        "/",
        album.get_absolute_url(),
        f"{album.get_absolute_url()}?photo=1",
        film.get_absolute_url(),
        "/gallery/",
        "/gallery/?tab=films",
        topic.get_absolute_url(),
        "/authors/sara/",
        "/news/",
        "/feed/",
        "/focus/kurds/feed/atom/",
        f"/search/?q={article.title}",
    ):
        response = client.get(url)
        assert response.status_code == 200, url
        assert pending.file.url not in response.content.decode(), url
    assert "picture-pending" in client.get(album.get_absolute_url()).content.decode()
