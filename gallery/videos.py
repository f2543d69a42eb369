"""Uploaded film files: MP4 or WebM, checked by content, within a size limit."""

from __future__ import annotations

import os
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

VIDEO_TYPES = {".mp4": "video/mp4", ".webm": "video/webm"}


def sniff_video(head: bytes) -> str | None:
    """The container a file's first bytes show: ".mp4", ".webm" or None."""
    if len(head) >= 12 and head[4:8] == b"ftyp":
        return ".mp4"
    if head.startswith(b"\x1a\x45\xdf\xa3") and b"webm" in head[:64]:
        return ".webm"
    return None


def validate_video_upload(file: Any) -> None:
    """Refuse anything but a real MP4 or WebM whose name matches, within VIDEO_MAX_UPLOAD_BYTES."""
    if getattr(file, "_committed", False) and not hasattr(file, "content_type"):
        return  # stored earlier, checked then
    size = getattr(file, "size", 0) or 0
    if size > settings.VIDEO_MAX_UPLOAD_BYTES:
        raise ValidationError(
            _("The video is %(size)s; the largest allowed is %(limit)s. Use an embed for long films."),
            code="video_too_large",
            params={"size": filesizeformat(size), "limit": filesizeformat(settings.VIDEO_MAX_UPLOAD_BYTES)},
        )
    extension = os.path.splitext(getattr(file, "name", "") or "")[1].lower()
    if extension not in VIDEO_TYPES:
        raise ValidationError(_("Upload an MP4 or WebM video."), code="video_extension")
    position = file.tell() if hasattr(file, "tell") else 0
    file.seek(0)
    head = file.read(64)
    file.seek(position)
    found = sniff_video(head)
    if found is None:
        raise ValidationError(_("This file is not an MP4 or WebM video."), code="video_format")
    if found != extension:
        raise ValidationError(
            _("The file is a %(found)s video but its name ends in %(extension)s."),
            code="video_type_mismatch",
            params={"found": found.lstrip(".").upper(), "extension": extension},
        )


def video_mime_type(name: str) -> str:
    return VIDEO_TYPES.get(os.path.splitext(name)[1].lower(), "video/mp4")
