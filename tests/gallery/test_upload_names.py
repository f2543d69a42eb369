"""Every upload is stored under a name nobody can guess: its address is all that keeps a
draft's files private, since media are served to whoever asks."""

from __future__ import annotations

import importlib
import re

import pytest
from django.apps import apps as django_apps
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.test import Client

from common.models import Image as LibraryImage
from gallery.models import Film
from tests.factories import FilmFactory, image_bytes, library_image, video_bytes
from tests.gallery.test_pages import video_file

pytestmark = pytest.mark.django_db

UNGUESSABLE = r"{folder}/\d{{4}}/\d\d/{stem}-[A-Za-z0-9_-]{{12}}\.{extension}"


def test_an_uploaded_film_does_not_keep_its_name(editor_client: Client) -> None:
    data = {
        "title": "Embargoed footage",
        "slug": "",
        "description": "",
        "poster": library_image("poster.jpg", size=(640, 360)).pk,
        "video": video_file("embargoed-footage.webm"),
        "embed_url": "",
        "language": "en",
        "status": "draft",
        "published_at_0": "",
        "published_at_1": "",
        "tags": "",
    }
    assert editor_client.post("/admin/gallery/film/add/", data).status_code == 302
    name = Film.objects.get().video.name
    assert re.fullmatch(
        UNGUESSABLE.format(folder="gallery/films", stem="embargoed-footage", extension="webm"), name
    )
    guessed = re.sub(r"-[A-Za-z0-9_-]{12}\.webm$", ".webm", name)
    assert Client().get(f"/media/{guessed}").status_code == 404
    assert Client().get(f"/media/{name}").status_code == 200


def test_a_draft_articles_new_picture_cannot_be_found_by_its_name(client: Client) -> None:
    picture = library_image("embargoed-photo.jpg", size=(300, 200))
    assert re.fullmatch(
        UNGUESSABLE.format(folder="images", stem="embargoed-photo", extension="jpg"), picture.file.name
    )
    assert client.get(f"/media/{picture.file.name}").status_code == 200
    for guess in (f"images/{picture.created_at:%Y/%m}/embargoed-photo.jpg", "embargoed-photo.jpg"):
        assert client.get(f"/media/{guess}").status_code == 404


def test_pictures_stored_under_old_readable_names_are_renamed(django_capture_on_commit_callbacks) -> None:
    """Pictures moved into the library from older fields kept their readable names (and their
    renditions names derived from them); make_renditions gives them unguessable ones."""
    legacy_name = default_storage.save(
        "articles/heroes/embargoed-photo.jpg", ContentFile(image_bytes("JPEG", (400, 300)))
    )
    picture = LibraryImage.objects.create(file=legacy_name, width=400, height=300, description="Old")
    migration = importlib.import_module("common.migrations.0006_image_processing_state")
    migration.mark_what_exists(django_apps, None)
    picture.refresh_from_db()
    assert not picture.cleaned and not picture.is_pending  # its renditions (of the old name) still show
    with django_capture_on_commit_callbacks(execute=True):
        call_command("make_renditions", stdout=None)
    picture.refresh_from_db()
    assert re.fullmatch(
        UNGUESSABLE.format(folder="images", stem="embargoed-photo", extension="jpg"), picture.file.name
    )
    assert not default_storage.exists(legacy_name)


def test_films_stored_under_their_original_names_are_renamed() -> None:
    old_name = default_storage.save(
        "gallery/films/2026/11/embargoed-footage.webm", ContentFile(video_bytes())
    )
    film = FilmFactory()
    Film.objects.filter(pk=film.pk).update(video=old_name, embed_url="")
    migration = importlib.import_module("gallery.migrations.0007_unguessable_film_names")
    migration.rename_film_files(django_apps, None)
    film.refresh_from_db()
    assert re.fullmatch(
        UNGUESSABLE.format(folder="gallery/films", stem="embargoed-footage", extension="webm"),
        film.video.name,
    )
    assert default_storage.exists(film.video.name) and not default_storage.exists(old_name)
