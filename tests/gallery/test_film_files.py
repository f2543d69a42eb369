"""Film files through the admin: read to the end, their length recorded, a frame for a poster."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from PIL import Image

from common.models import Image as LibraryImage
from gallery.models import Film
from tests.factories import library_image, video_bytes
from tests.gallery.test_embeds_and_videos import HTML_BEHIND_MP4_HEADER
from tests.jobs import run_queued_jobs

pytestmark = pytest.mark.django_db


def film_form(video: SimpleUploadedFile, **overrides: object) -> dict[str, object]:
    data: dict[str, object] = {
        "title": "Our own footage",
        "slug": "",
        "description": "",
        "poster": "",
        "poster_details_1": "",
        "poster_details_2": "",
        "poster_details_3": "",
        "video": video,
        "embed_url": "",
        "language": "en",
        "status": "published",
        "published_at_0": "",
        "published_at_1": "",
        "tags": "",
    }
    data.update(overrides)
    return data


def test_an_uploaded_film_records_its_length_and_gets_a_frame_as_poster(editor_client: Client) -> None:
    video = SimpleUploadedFile("footage.mp4", video_bytes("mp4", seconds=4), content_type="video/mp4")
    response = editor_client.post("/admin/gallery/film/add/", film_form(video))
    assert response.status_code == 302, response.context["adminform"].form.errors if response.context else ""
    film = Film.objects.select_related("poster").get()
    assert film.duration == timedelta(seconds=4)
    assert film.poster.description == "A frame from the film “Our own footage”"
    run_queued_jobs()
    film.poster.refresh_from_db()
    assert (film.poster.width, film.poster.height) == (64, 48)
    with default_storage.open(film.poster.file.name) as stored, Image.open(stored) as frame:
        red, green, blue = frame.convert("RGB").getpixel((32, 24))
        assert blue > 120 and green < 120 and red < 120  # an early frame of the test film: blue
    page = Client().get(film.get_absolute_url()).content.decode()
    assert "/media/renditions/images/" in page and film.video.url in page


def test_a_chosen_poster_is_kept(editor_client: Client) -> None:
    poster = library_image("poster.jpg", size=(640, 360))
    video = SimpleUploadedFile("footage.webm", video_bytes("webm"), content_type="video/webm")
    assert (
        editor_client.post("/admin/gallery/film/add/", film_form(video, poster=poster.pk)).status_code == 302
    )
    assert Film.objects.get().poster == poster
    assert LibraryImage.objects.count() == 1


def test_a_page_behind_a_video_header_is_refused_and_nothing_is_stored(
    editor_client: Client, media_root: Path
) -> None:
    video = SimpleUploadedFile("footage.mp4", HTML_BEHIND_MP4_HEADER, content_type="video/mp4")
    response = editor_client.post("/admin/gallery/film/add/", film_form(video))
    assert response.status_code == 200
    assert "not a playable MP4 or WebM video" in str(response.context["adminform"].form.errors["video"])
    assert not Film.objects.exists() and not LibraryImage.objects.exists()
    assert not [path for path in media_root.rglob("*") if path.is_file()]
