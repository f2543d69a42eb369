"""Film sources: the embed allow-list and uploaded video files."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile, TemporaryUploadedFile
from django.db import IntegrityError, transaction

from gallery.embeds import parse_embed_url
from gallery.models import Film
from gallery.videos import validate_video_upload
from tests.factories import FilmFactory, library_image, sound_only_bytes, video_bytes


@pytest.mark.parametrize(
    "url, provider, player",
    [
        (
            "https://www.youtube.com/watch?v=AbCdEfGhIjK",
            "youtube",
            "https://www.youtube-nocookie.com/embed/AbCdEfGhIjK",
        ),
        (
            "https://youtube.com/watch?v=AbCdEfGhIjK&t=42s&list=PL1",
            "youtube",
            "https://www.youtube-nocookie.com/embed/AbCdEfGhIjK",
        ),
        (
            "https://m.youtube.com/watch?v=AbCdEfGhIjK",
            "youtube",
            "https://www.youtube-nocookie.com/embed/AbCdEfGhIjK",
        ),
        ("https://youtu.be/AbCdEfGhIjK", "youtube", "https://www.youtube-nocookie.com/embed/AbCdEfGhIjK"),
        (
            "https://www.youtube.com/shorts/AbCdEfGhIjK",
            "youtube",
            "https://www.youtube-nocookie.com/embed/AbCdEfGhIjK",
        ),
        (
            "https://www.youtube.com/embed/AbCdEfGhIjK",
            "youtube",
            "https://www.youtube-nocookie.com/embed/AbCdEfGhIjK",
        ),
        ("https://vimeo.com/76979871", "vimeo", "https://player.vimeo.com/video/76979871?dnt=1"),
        ("https://player.vimeo.com/video/76979871", "vimeo", "https://player.vimeo.com/video/76979871?dnt=1"),
        (
            "https://www.aparat.com/v/abc12XY",
            "aparat",
            "https://www.aparat.com/video/video/embed/videohash/abc12XY/vt/frame",
        ),
        (
            "  https://www.aparat.com/v/abc12XY/  ",
            "aparat",
            "https://www.aparat.com/video/video/embed/videohash/abc12XY/vt/frame",
        ),
    ],
)
def test_allowed_providers_become_privacy_friendly_players(url: str, provider: str, player: str) -> None:
    embed = parse_embed_url(url)
    assert (embed.provider, embed.player_url) == (provider, player)


@pytest.mark.parametrize(
    "url, message",
    [
        ("https://youtube.com.evil.example/watch?v=AbCdEfGhIjK", "YouTube, Vimeo or Aparat only"),
        ("https://evil.example/youtube.com/watch?v=AbCdEfGhIjK", "YouTube, Vimeo or Aparat only"),
        ("https://youtube.com@evil.example/watch?v=AbCdEfGhIjK", "not a plain video page address"),
        ("https://evil-youtube.com/watch?v=AbCdEfGhIjK", "YouTube, Vimeo or Aparat only"),
        ("https://yоutube.com/watch?v=AbCdEfGhIjK", "YouTube, Vimeo or Aparat only"),  # Cyrillic о
        ("https://www.youtube.com:8443/watch?v=AbCdEfGhIjK", "not a plain video page address"),
        ("javascript:alert(1)//youtube.com", "starting with https://"),
        ("ftp://youtube.com/watch?v=AbCdEfGhIjK", "starting with https://"),
        ("data:text/html,<iframe src=//youtube.com>", "starting with https://"),
        ("youtube.com/watch?v=AbCdEfGhIjK", "starting with https://"),
        ("https://www.youtube.com/watch?v=<script>", "does not point to a single video"),
        ("https://www.youtube.com/", "does not point to a single video"),
        ("https://vimeo.com/channels/staffpicks", "does not point to a single video"),
        ("https://www.aparat.com/", "does not point to a single video"),
        ("https://[::1/", "not a web address"),
    ],
)
def test_other_hosts_and_malformed_addresses_are_refused_with_a_message(url: str, message: str) -> None:
    with pytest.raises(ValidationError) as error:
        parse_embed_url(url)
    assert message in " ".join(error.value.messages)


def test_csp_allows_exactly_the_players_the_site_builds(settings) -> None:
    players = [
        parse_embed_url(url).player_url
        for url in (
            "https://www.youtube.com/watch?v=AbCdEfGhIjK",
            "https://vimeo.com/76979871",
            "https://www.aparat.com/v/teh42Sanc",
        )
    ]
    origins = {"{0.scheme}://{0.netloc}".format(urlsplit(player)) for player in players}
    frame_src = next(part for part in settings.CONTENT_SECURITY_POLICY.split(";") if "frame-src" in part)
    assert set(frame_src.split()[1:]) == origins


HTML_BEHIND_MP4_HEADER = (
    b"\x00\x00\x00\x18ftypmp42\x00\x00\x00\x00mp42isom"
    + b"<!doctype html><script>alert(document.cookie)</script>" * 20
)


def upload(name: str, content: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="video/webm")


@pytest.mark.parametrize("name, kind", [("clip.webm", "webm"), ("clip.mp4", "mp4"), ("CLIP.MP4", "mp4")])
def test_real_video_containers_are_accepted(name: str, kind: str) -> None:
    validate_video_upload(upload(name, video_bytes(kind)))


def test_a_large_upload_on_disk_is_read_from_its_file() -> None:
    """Django keeps uploads over 2.5 MB in a temporary file: PyAV reads that file."""
    file = TemporaryUploadedFile("clip.mp4", "video/mp4", 0, None)
    file.write(video_bytes("mp4"))
    file.size = file.tell()
    validate_video_upload(file)
    file.write(b"<html>")
    with pytest.raises(ValidationError, match="besides the video"):
        validate_video_upload(file)


@pytest.mark.parametrize(
    "name, content, message",
    [
        ("clip.webm", b"<script>alert(1)</script>" * 10, "not a playable MP4 or WebM video"),
        ("clip.mp4", b"", "not a playable MP4 or WebM video"),
        ("clip.avi", video_bytes("mp4"), "Upload an MP4 or WebM video"),
        ("clip.webm", video_bytes("mp4"), "MP4 video but its name ends in .webm"),
        ("clip.jpg", video_bytes("webm"), "Upload an MP4 or WebM video"),
        # An HTML page behind the 24 bytes that start an MP4: what was once stored.
        ("clip.mp4", HTML_BEHIND_MP4_HEADER, "not a playable MP4 or WebM video"),
        # A whole, real video with a page appended: the demuxer alone would not notice.
        ("clip.mp4", video_bytes("mp4") + b"<html><script>alert(1)</script></html>", "besides the video"),
        ("clip.webm", video_bytes("webm") + b"<html><script>alert(1)</script></html>", "besides the video"),
        ("clip.mp4", video_bytes("mp4")[: len(video_bytes("mp4")) // 2], "damaged or incomplete"),
        ("clip.mp4", sound_only_bytes("mp4"), "holds no video"),
        ("clip.webm", sound_only_bytes("webm"), "holds no video"),
        ("clip.mp4", video_bytes("mp4", codec="mpeg4"), "encoded as mpeg4, which browsers do not play"),
    ],
    ids=lambda value: value if isinstance(value, str) and len(value) < 60 else "",
)
def test_bad_video_files_are_refused(name: str, content: bytes, message: str) -> None:
    with pytest.raises(ValidationError) as error:
        validate_video_upload(upload(name, content))
    assert message in " ".join(error.value.messages)


def test_video_over_the_size_limit_is_refused(settings) -> None:
    settings.VIDEO_MAX_UPLOAD_BYTES = 50
    with pytest.raises(ValidationError, match="the largest allowed is"):
        validate_video_upload(upload("clip.webm", video_bytes("webm")))


@pytest.mark.django_db
def test_a_film_has_exactly_one_source() -> None:
    neither = Film(title="No source", poster=library_image())
    with pytest.raises(ValidationError, match="either a video file or an embed address"):
        neither.full_clean()
    both = Film(
        title="Two sources",
        poster=library_image(),
        embed_url="https://youtu.be/AbCdEfGhIjK",
        video=upload("clip.webm", video_bytes()),
    )
    with pytest.raises(ValidationError, match="either a video file or an embed address"):
        both.full_clean()
    film = FilmFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        Film.objects.filter(pk=film.pk).update(embed_url="")


@pytest.mark.django_db
def test_film_builds_its_player_address_on_save() -> None:
    film = FilmFactory(embed_url="https://vimeo.com/76979871")
    assert (film.embed_provider, film.embed_player_url) == (
        "vimeo",
        "https://player.vimeo.com/video/76979871?dnt=1",
    )
