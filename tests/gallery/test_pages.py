"""Gallery pages through real HTTP requests, and the editors' gallery admin."""

from __future__ import annotations

import re
import time
from datetime import timedelta

import pytest
from django.contrib.messages import get_messages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils import timezone

from comments import spam, targets
from comments.models import Comment
from common.models import Image as LibraryImage
from gallery.models import Album, Film, Photo
from tests.factories import (
    AlbumFactory,
    FilmFactory,
    PhotoFactory,
    library_image,
    uploaded_image,
    video_bytes,
)
from tests.html import assert_in_html
from tests.jobs import run_queued_jobs

pytestmark = pytest.mark.django_db


@pytest.fixture
def album() -> Album:
    album = AlbumFactory(title="Life returns to Aleppo", description="A week in the old city.")
    for number in range(1, 4):
        PhotoFactory(album=album, caption=f"Street {number}", credit="Alwaght", position=number)
    return album


def test_gallery_has_photo_and_film_tabs_that_work_without_javascript(client: Client, album) -> None:
    film = FilmFactory(title="Inside the Marib front")
    AlbumFactory(title="Draft album", status=Album.Status.DRAFT)
    photos = client.get("/gallery/")
    assert [item.title for item in photos.context["items"]] == ["Life returns to Aleppo"]
    html = photos.content.decode()
    assert 'href="?tab=films"' in html and 'aria-current="page">Photo<' in html
    films = client.get("/gallery/?tab=films")
    assert list(films.context["items"]) == [film]
    assert client.get("/gallery/?tab=<script>").context["tab"] == "photos"


@pytest.mark.parametrize("page", ["0", "2", "abc", "-1", "9" * 30])
def test_gallery_bad_pages_are_404(client: Client, album, page: str) -> None:
    assert client.get(f"/gallery/?tab=photos&page={page}").status_code == 404


def test_gallery_paginates_24_a_page(client: Client) -> None:
    now = timezone.now()
    for hour in range(30):
        AlbumFactory(published_at=now - timedelta(hours=hour + 1))
    first = client.get("/gallery/")
    assert len(first.context["items"]) == 24
    assert_in_html('<link rel="next" href="/gallery/?page=2">', first.content.decode())
    films = client.get("/gallery/?tab=films&page=1")  # the tab is kept, page 1 has no number
    assert films.status_code == 200
    assert len(client.get("/gallery/?page=2").context["items"]) == 6


def test_empty_gallery_says_so(client: Client) -> None:
    assert "No photo albums have been published yet." in client.get("/gallery/").content.decode()
    assert "No films have been published yet." in client.get("/gallery/?tab=films").content.decode()


def test_album_page_shows_every_photo_in_order_with_a_viewer_link(client: Client, album) -> None:
    response = client.get(album.get_absolute_url())
    assert response.status_code == 200
    html = response.content.decode()
    grid = html.split('class="photo-grid"')[1].split("</ul>")[0]
    assert [grid.index(f'href="?photo={n}#viewer"') for n in (1, 2, 3)] == sorted(
        grid.index(f'href="?photo={n}#viewer"') for n in (1, 2, 3)
    )
    assert grid.count("<img") == 3
    assert "A week in the old city." in html
    assert 'id="viewer"' not in html


def test_viewer_without_javascript_has_previous_next_and_close(client: Client, album) -> None:
    html = client.get(f"{album.get_absolute_url()}?photo=2").content.decode()
    viewer = html.split('id="viewer"')[1].split("</section>")[0]
    assert "Street 2" in viewer and "Photo: Alwaght" in viewer and "2 of 3" in viewer
    assert 'href="?photo=1#viewer" rel="prev"' in viewer
    assert 'href="?photo=3#viewer" rel="next"' in viewer
    assert f'href="{album.get_absolute_url()}#photo-2"' in viewer
    first = client.get(f"{album.get_absolute_url()}?photo=1").content.decode().split('id="viewer"')[1]
    assert 'rel="prev"' not in first.split("</section>")[0]


@pytest.mark.parametrize("photo", ["0", "4", "abc", "-1", "", "1.5", "9" * 40])
def test_viewer_bad_photo_numbers_are_404(client: Client, album, photo: str) -> None:
    assert client.get(f"{album.get_absolute_url()}?photo={photo}").status_code == 404


def test_album_and_film_slug_redirects_and_404s(client: Client, album) -> None:
    film = FilmFactory()
    assert client.get(f"/gallery/photos/{album.pk}/old-slug/")["Location"] == album.get_absolute_url()
    assert client.get(f"/gallery/films/{film.pk}/")["Location"] == film.get_absolute_url()
    assert client.get("/gallery/photos/999999/x/").status_code == 404
    assert client.get(f"/gallery/films/{album.pk + 1000}/x/").status_code == 404
    draft = AlbumFactory(status=Album.Status.DRAFT)
    assert client.get(draft.get_absolute_url()).status_code == 404


def test_editor_previews_a_draft_album(editor_client: Client) -> None:
    draft = AlbumFactory(status=Album.Status.DRAFT, title="Embargoed pictures")
    response = editor_client.get(draft.get_absolute_url())
    assert response.status_code == 200
    assert response["Cache-Control"] == "private, no-store"


def test_embedded_film_loads_nothing_from_the_provider_until_play(client: Client) -> None:
    film = FilmFactory(
        title="Inside the Marib front",
        embed_url="https://youtu.be/AbCdEfGhIjK",
        description="Line one\nLine two",
    )
    html = client.get(film.get_absolute_url()).content.decode()
    assert "<iframe" not in html
    assert 'data-player="https://www.youtube-nocookie.com/embed/AbCdEfGhIjK"' in html
    assert 'href="https://youtu.be/AbCdEfGhIjK"' in html
    assert "Play (loads the player from YouTube)" in html
    assert "Line one<br>Line two" in html


def test_uploaded_film_plays_in_the_html5_player(client: Client) -> None:
    film = FilmFactory(embed_url="", video=video_file())
    html = client.get(film.get_absolute_url()).content.decode()
    assert "<video" in html and "controls" in html
    assert_in_html(f'<source src="{film.video.url}" type="video/webm">', html)


def video_file(name: str = "clip.webm"):
    return SimpleUploadedFile(name, video_bytes("webm"), content_type="video/webm")


def test_film_page_lists_related_films_sharing_a_tag_first(client: Client) -> None:
    now = timezone.now()
    film = FilmFactory()
    film.tags.set(["Yemen"])
    newest_unrelated = FilmFactory(title="Newest, unrelated", published_at=now - timedelta(minutes=5))
    related = FilmFactory(title="Also about Yemen", published_at=now - timedelta(days=3))
    related.tags.set(["Yemen"])
    response = client.get(film.get_absolute_url())
    assert response.context["related_films"][:2] == [related, newest_unrelated]


# The album with its cover, tags and topics, its photos (with their images), the page of
# approved comments with their count.
ALBUM_PAGE_QUERIES = 3
# One page of ids, then their stored cards; the count is known on a running site until an
# album or film comes or goes.
GALLERY_INDEX_QUERIES = {"photos": 2, "films": 2}


@pytest.mark.parametrize("count", [1, 100])
def test_album_page_queries_do_not_grow(client: Client, django_assert_num_queries, count: int) -> None:
    album = AlbumFactory()
    first = PhotoFactory(album=album)
    Photo.objects.bulk_create([Photo(album=album, image=first.image, position=n) for n in range(count - 1)])
    album.tags.set(["Syria"])
    client.get(album.get_absolute_url())  # the menu and the content generation, in memory on a running site
    with django_assert_num_queries(ALBUM_PAGE_QUERIES):
        response = client.get(f"{album.get_absolute_url()}?photo={count}")
    assert response.status_code == 200
    assert response.content.decode().count('href="?photo=') >= count


@pytest.mark.parametrize("count", [1, 50])
def test_gallery_index_queries_do_not_grow(client: Client, django_assert_num_queries, count: int) -> None:
    picture = library_image("shared.jpg", size=(640, 480))
    for _ in range(count):
        PhotoFactory(album=AlbumFactory(), image=picture)
        FilmFactory(poster=picture)
    for tab in GALLERY_INDEX_QUERIES:
        client.get(f"/gallery/?tab={tab}")
    for tab, expected in GALLERY_INDEX_QUERIES.items():
        with django_assert_num_queries(expected):
            assert client.get(f"/gallery/?tab={tab}").status_code == 200


def test_home_page_gallery_block_has_photo_and_film_tabs(client: Client, album) -> None:
    FilmFactory(title="Courageous Individuals like Sinwar are on the Rise")
    block = client.get("/").content.decode().split('id="gallery-heading"')[1].split("</section>")[0]
    assert "data-tabs" in block
    assert "Life returns to Aleppo" in block
    assert "Courageous Individuals like Sinwar are on the Rise" in block


def test_home_page_shows_the_four_newest_albums_and_films_of_its_edition_newest_first(client: Client) -> None:
    now = timezone.now()
    picture = library_image("shared.jpg", size=(800, 600))
    for hours in range(6):  # albums and films interleaved in time
        PhotoFactory(
            album=AlbumFactory(title=f"Album {hours}", published_at=now - timedelta(hours=2 * hours)),
            image=picture,
        )
        FilmFactory(title=f"Film {hours}", published_at=now - timedelta(hours=2 * hours + 1))
    FilmFactory(title="Film in Persian", language="fa")
    block = client.get("/").content.decode().split('id="gallery-heading"')[1].split("</section>")[0]
    titles = re.findall(r"(Album \d|Film \d|Film in Persian)", block)
    assert titles == ["Album 0", "Album 1", "Album 2", "Album 3", "Film 0", "Film 1", "Film 2", "Film 3"]


def test_readers_comment_on_albums_and_films(client: Client, album, settings) -> None:
    film = FilmFactory()
    reader = spam.reader_fingerprint("127.0.0.1", "")  # the test client's address, no browser name
    for item in (album, film):
        token = spam.form_token(targets.target_key(item), reader, issued_at=time.time() - 10)
        data = {"target": targets.target_key(item), "name": "Reza", "email": "reza@example.com"}
        response = client.post(
            "/comments/post/",
            {**data, "text": f"About {item}", "token": token},
            headers={"origin": "http://testserver"},
        )
        assert response.status_code == 303
        thanks = client.get(response["Location"]).content.decode()
        assert "awaits moderation" in thanks and f'href="{item.get_absolute_url()}#comments"' in thanks
    assert Comment.objects.count() == 2
    Comment.objects.update(status="approved")
    assert f"About {album}" in client.get(album.get_absolute_url()).content.decode()


# --- admin ------------------------------------------------------------------------------


def album_form(**overrides) -> dict:
    data = {
        "title": "Nowruz in Tehran",
        "slug": "",
        "description": "",
        "language": "en",
        "status": "published",
        "published_at_0": "",
        "published_at_1": "",
        "tags": "Iran",
        "comments_enabled": "on",
        "photos-TOTAL_FORMS": "0",
        "photos-INITIAL_FORMS": "0",
        "photos-MIN_NUM_FORMS": "0",
        "photos-MAX_NUM_FORMS": "1000",
    }
    data.update(overrides)
    return data


def test_editor_adds_many_photos_at_once(editor_client: Client) -> None:
    files = [uploaded_image(f"nowruz-{n}.jpg", size=(1000, 700)) for n in range(3)]
    response = editor_client.post(
        "/admin/gallery/album/add/",
        album_form(
            add_photos=files,
            add_photos_description="Families at a Nowruz picnic in a Tehran park",
            add_photos_credit="Alwaght",
        ),
        follow=True,
    )
    assert "3 photos were added." in [str(m) for m in get_messages(response.wsgi_request)]
    album = Album.objects.get(title="Nowruz in Tehran")
    photos = list(album.photos.select_related("image"))
    assert [photo.position for photo in photos] == [1, 2, 3]
    assert all(photo.image.width == 1000 for photo in photos)
    assert {(photo.image.description, photo.image.credit) for photo in photos} == {
        ("Families at a Nowruz picnic in a Tehran park", "Alwaght")
    }


def test_new_photos_need_a_description(editor_client: Client) -> None:
    response = editor_client.post(
        "/admin/gallery/album/add/", album_form(add_photos=[uploaded_image("nowruz.jpg")])
    )
    assert response.status_code == 200
    assert "Describe the new photos" in str(
        response.context["adminform"].form.errors["add_photos_description"]
    )
    assert not Album.objects.exists() and not LibraryImage.objects.exists()


def test_editor_edits_a_photos_caption_in_the_album(editor_client: Client, album) -> None:
    photos = list(album.photos.select_related("image").order_by("position"))
    data = album_form(
        title=album.title,
        **{"photos-TOTAL_FORMS": "3", "photos-INITIAL_FORMS": "3"},
    )
    for index, photo in enumerate(photos):
        data.update(
            {
                f"photos-{index}-id": photo.pk,
                f"photos-{index}-album": album.pk,
                f"photos-{index}-image": photo.image.pk,
                f"photos-{index}-position": photo.position,
                f"photos-{index}-image_details_1": photo.image.description,
                f"photos-{index}-image_details_2": photo.image.caption,
                f"photos-{index}-image_details_3": photo.image.credit,
            }
        )
    data["photos-1-image_details_2"] = "Street 2, after the rain"
    response = editor_client.post(f"/admin/gallery/album/{album.pk}/change/", data)
    assert response.status_code == 302, response.context["adminform"].form.errors if response.context else ""
    captions = [photo.image.caption for photo in album.photos.select_related("image").order_by("position")]
    assert captions == ["Street 1", "Street 2, after the rain", "Street 3"]


def test_one_bad_file_among_many_is_named_and_nothing_is_lost(editor_client: Client) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    files = [
        uploaded_image("good.jpg"),
        SimpleUploadedFile("evil.jpg", b"<svg onload=alert(1)>", content_type="image/jpeg"),
    ]
    response = editor_client.post("/admin/gallery/album/add/", album_form(add_photos=files))
    assert response.status_code == 200
    errors = str(response.context["adminform"].form.errors["add_photos"])
    assert "evil.jpg" in errors and "not a readable image" in errors
    assert not Album.objects.exists() and not Photo.objects.exists()


def test_editor_pasting_a_foreign_embed_gets_a_clear_error(editor_client: Client) -> None:
    data = {
        "title": "Suspicious",
        "slug": "",
        "description": "",
        "poster": "",
        "poster_details_0": uploaded_image("poster.jpg"),
        "poster_details_1": "A dark street",
        "embed_url": "https://youtube.com.evil.example/watch?v=AbCdEfGhIjK",
        "language": "en",
        "status": "published",
        "published_at_0": "",
        "published_at_1": "",
        "tags": "",
    }
    response = editor_client.post("/admin/gallery/film/add/", data)
    assert response.status_code == 200
    assert "YouTube, Vimeo or Aparat only" in str(response.context["adminform"].form.errors)
    assert not Film.objects.exists() and not LibraryImage.objects.exists()


def test_an_embedded_film_without_a_poster_gets_one_drawn_by_the_site(
    editor_client: Client, client: Client
) -> None:
    data = {
        "title": "No poster",
        "slug": "",
        "description": "",
        "poster": "",
        "embed_url": "https://youtu.be/AbCdEfGhIjK",
        "language": "en",
        "status": "published",
        "published_at_0": "",
        "published_at_1": "",
        "tags": "",
    }
    response = editor_client.post("/admin/gallery/film/add/", data)
    assert response.status_code == 302
    film = Film.objects.get(title="No poster")
    poster = film.poster
    assert (poster.width, poster.height) == (1280, 720)
    assert "No poster" in poster.description  # alt text naming the film, nothing fetched from YouTube
    run_queued_jobs()  # its renditions, made by the job queue as for any picture
    poster.refresh_from_db()
    assert poster.renditions("wide")  # cards and the film page show it like any poster
    page = client.get(film.get_absolute_url()).content.decode()
    assert poster.renditions("wide")[0].url in page


def test_editor_uploads_a_film_file(editor_client: Client) -> None:
    data = {
        "title": "Our own footage",
        "slug": "",
        "description": "",
        "poster": library_image("poster.jpg", size=(640, 360)).pk,
        "video": video_file(),
        "embed_url": "",
        "language": "en",
        "status": "published",
        "published_at_0": "",
        "published_at_1": "",
        "tags": "",
    }
    assert editor_client.post("/admin/gallery/film/add/", data).status_code == 302
    film = Film.objects.get()
    assert film.video.name.endswith(".webm") and film.is_public


def test_gallery_admin_is_for_editors(client: Client, editor_client: Client, moderator) -> None:
    for url in ("/admin/gallery/album/", "/admin/gallery/film/", "/admin/gallery/album/add/"):
        assert editor_client.get(url).status_code == 200, url
    moderator_client = Client()
    moderator_client.force_login(moderator)
    assert moderator_client.get("/admin/gallery/album/").status_code == 403
