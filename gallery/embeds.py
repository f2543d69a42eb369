"""Film embeds from an allow-list of providers, built by the site from the page URL an editor pastes.

Editors never paste HTML: the site recognises the provider by the exact host,
extracts the video's id and builds the player address itself (the
privacy-enhanced one where the provider has it).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import parse_qs, urlsplit

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

YOUTUBE_ID = re.compile(r"^[A-Za-z0-9_-]{11}$")
VIMEO_ID = re.compile(r"^[0-9]{1,12}$")
APARAT_HASH = re.compile(r"^[A-Za-z0-9]{3,20}$")

YOUTUBE_HOSTS = {"youtube.com", "www.youtube.com", "m.youtube.com", "music.youtube.com", "youtube-nocookie.com",
                 "www.youtube-nocookie.com"}  # fmt: skip
VIMEO_HOSTS = {"vimeo.com", "www.vimeo.com", "player.vimeo.com"}
APARAT_HOSTS = {"aparat.com", "www.aparat.com"}


@dataclass(frozen=True)
class Embed:
    provider: str
    video_id: str
    player_url: str


def _youtube(parts) -> str | None:
    path = parts.path.rstrip("/")
    if parts.hostname == "youtu.be":
        return path.lstrip("/")
    if path == "/watch":
        return (parse_qs(parts.query).get("v") or [""])[0]
    for prefix in ("/embed/", "/shorts/", "/live/", "/v/"):
        if path.startswith(prefix):
            return path.removeprefix(prefix)
    return None


def _vimeo(parts) -> str | None:
    segments = [segment for segment in parts.path.split("/") if segment]
    if parts.hostname == "player.vimeo.com" and len(segments) == 2 and segments[0] == "video":
        return segments[1]
    return segments[-1] if segments else None


def _aparat(parts) -> str | None:
    segments = [segment for segment in parts.path.split("/") if segment]
    if len(segments) == 2 and segments[0] == "v":
        return segments[1]
    if "videohash" in segments:
        index = segments.index("videohash")
        return segments[index + 1] if index + 1 < len(segments) else None
    return None


def parse_embed_url(url: str) -> Embed:
    """The embed for a YouTube, Vimeo or Aparat page URL; ValidationError for anything else."""
    try:
        parts = urlsplit(url.strip())
    except ValueError as error:
        raise ValidationError(_("This is not a web address."), code="invalid_url") from error
    host = (parts.hostname or "").lower()
    if parts.scheme not in {"http", "https"} or not host:
        raise ValidationError(
            _("Paste the full address of the video page, starting with https://."), code="scheme"
        )
    if parts.username or parts.password or (parts.port not in (None, 80, 443)):
        raise ValidationError(_("This address is not a plain video page address."), code="invalid_url")

    if host in YOUTUBE_HOSTS or host == "youtu.be":
        video_id = _youtube(parts) or ""
        if YOUTUBE_ID.match(video_id):
            return Embed("youtube", video_id, f"https://www.youtube-nocookie.com/embed/{video_id}")
    elif host in VIMEO_HOSTS:
        video_id = _vimeo(parts) or ""
        if VIMEO_ID.match(video_id):
            return Embed("vimeo", video_id, f"https://player.vimeo.com/video/{video_id}?dnt=1")
    elif host in APARAT_HOSTS:
        video_id = _aparat(parts) or ""
        if APARAT_HASH.match(video_id):
            return Embed(
                "aparat", video_id, f"https://www.aparat.com/video/video/embed/videohash/{video_id}/vt/frame"
            )
    else:
        raise ValidationError(
            _("Films can be embedded from YouTube, Vimeo or Aparat only; %(host)s is not one of them."),
            code="provider",
            params={"host": host},
        )
    raise ValidationError(
        _("This %(host)s address does not point to a single video."), code="video_id", params={"host": host}
    )
