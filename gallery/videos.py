"""Uploaded film files: MP4 or WebM, read through to the end, within a size limit.

The first bytes of a file say little: an HTML page behind a 24-byte MP4 header looked like a
video. :func:`probe_video` opens the container with PyAV (FFmpeg), demuxes every packet of it,
checks that its video can play in a browser, and checks that the container's own structure
covers the whole file, so nothing rides along after the video. It also reads what the film
page needs: the duration, and a frame for a poster when the editor gives none.
"""

from __future__ import annotations

import io
import os
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

import av
from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

VIDEO_TYPES = {".mp4": "video/mp4", ".webm": "video/webm"}
# FFmpeg's demuxer names, and the video codecs browsers play in each container.
CONTAINERS = {".mp4": "mov,mp4,m4a,3gp,3g2,mj2", ".webm": "matroska,webm"}
PLAYABLE_CODECS = {".mp4": {"h264", "hevc", "av1", "vp9"}, ".webm": {"vp8", "vp9", "av1"}}
# ISO base media (MP4) top-level boxes a film may hold.
MP4_TOP_LEVEL = {b"ftyp", b"moov", b"mdat", b"free", b"skip", b"wide", b"uuid", b"meta", b"pdin", b"moof",
                 b"mfra", b"sidx", b"styp", b"emsg", b"prft", b"ssix"}  # fmt: skip
# EBML (WebM) top-level elements: the EBML header, the Segment, and padding.
EBML_HEADER, EBML_SEGMENT, EBML_VOID = 0x1A45DFA3, 0x18538067, 0xEC
POSTER_AT = 0.1  # a tenth into the film: past black leaders and fades


class VideoProblem(Exception):
    """Why a file is not an acceptable film, in words for the editor."""


@dataclass(frozen=True)
class VideoFacts:
    extension: str
    codec: str
    width: int
    height: int
    duration: timedelta | None


def _open(file: Any) -> av.container.InputContainer:
    """PyAV reading the upload: from its temporary file on disk when Django wrote one."""
    file.seek(0)  # also writes out what is buffered, for a reader of the temporary file
    path = file.temporary_file_path() if hasattr(file, "temporary_file_path") else None
    return av.open(path or file, mode="r")


def _mp4_covers(data: Any, size: int) -> bool:
    """Top-level boxes of known types follow each other to the file's last byte."""
    position = 0
    while position < size:
        data.seek(position)
        header = data.read(16)
        if len(header) < 8:
            return False
        length, kind = int.from_bytes(header[:4], "big"), header[4:8]
        if length == 1 and len(header) == 16:
            length = int.from_bytes(header[8:16], "big")
        elif length == 0:  # "to the end of the file"
            length = size - position
        if kind not in MP4_TOP_LEVEL or length < 8:
            return False
        position += length
    return position == size


def _ebml_number(data: Any, keep_marker: bool) -> tuple[int, int, bool]:
    """An EBML variable-length number: (value, its length in bytes, whether it means "unknown")."""
    first = data.read(1)
    if not first:
        raise VideoProblem("end of file")
    length = 1
    while length <= 8 and not first[0] & (0x80 >> (length - 1)):
        length += 1
    if length > 8:
        raise VideoProblem("bad number")
    rest = data.read(length - 1)
    if len(rest) < length - 1:
        raise VideoProblem("end of file")
    value = first[0] if keep_marker else first[0] & (0xFF >> length)
    for byte in rest:
        value = (value << 8) | byte
    unknown = not keep_marker and value == (1 << (7 * length)) - 1
    return value, length, unknown


def _webm_covers(data: Any, size: int) -> bool:
    """The EBML header, then the Segment (and padding) reach exactly the file's last byte."""
    position = 0
    while position < size:
        data.seek(position)
        try:
            element, id_length, _ = _ebml_number(data, keep_marker=True)
            length, size_length, unknown = _ebml_number(data, keep_marker=False)
        except VideoProblem:
            return False
        if element not in {EBML_HEADER, EBML_SEGMENT, EBML_VOID}:
            return False
        if unknown:  # a Segment written live: it runs to the end of the file
            return element == EBML_SEGMENT
        position += id_length + size_length + length
    return position == size


def _covers_whole_file(file: Any, extension: str) -> bool:
    path = file.temporary_file_path() if hasattr(file, "temporary_file_path") else None
    handle = open(path, "rb") if path else file  # noqa: SIM115 (closed below when opened here)
    try:
        handle.seek(0, os.SEEK_END)
        size = handle.tell()
        return (_mp4_covers if extension == ".mp4" else _webm_covers)(handle, size)
    finally:
        if path:
            handle.close()


def probe_video(file: Any, extension: str) -> VideoFacts:
    """Read the whole file as a film of this kind; VideoProblem says what is wrong."""
    try:
        with _open(file) as container:
            found = next(
                (name for name, demuxer in CONTAINERS.items() if container.format.name == demuxer), None
            )
            if found is None:
                raise VideoProblem(_("This file is not an MP4 or WebM video."))
            if found != extension:
                raise VideoProblem(
                    _("The file is a %(found)s video but its name ends in %(extension)s.")
                    % {"found": found.lstrip(".").upper(), "extension": extension}
                )
            if not container.streams.video:
                raise VideoProblem(_("This file has no picture: it holds no video."))
            stream = container.streams.video[0]
            codec = stream.codec_context.name
            if codec not in PLAYABLE_CODECS[extension]:
                raise VideoProblem(
                    _(
                        "The video is encoded as %(codec)s, which browsers do not play: use H.264 in MP4 or VP9 in WebM."
                    )
                    % {"codec": codec}
                )
            packets = sum(1 for packet in container.demux() if packet.size)  # every packet, to the end
            if not packets:
                raise VideoProblem(_("This video holds no frames."))
            duration = timedelta(microseconds=container.duration) if container.duration else None
            width, height = stream.codec_context.width, stream.codec_context.height
    except av.FFmpegError as error:
        raise VideoProblem(
            _("This file is not a playable MP4 or WebM video, or it is damaged or incomplete.")
        ) from error
    if not _covers_whole_file(file, extension):
        raise VideoProblem(_("The file holds something besides the video, so it cannot be accepted."))
    return VideoFacts(extension, codec, width, height, duration)


def validate_video_upload(file: Any) -> None:
    """Refuse anything but a real, playable MP4 or WebM whose name matches, within
    VIDEO_MAX_UPLOAD_BYTES."""
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
    try:
        probe_video(file, extension)
    except VideoProblem as problem:
        raise ValidationError(str(problem), code="video_invalid") from problem
    finally:
        file.seek(position)


def video_duration(file: Any) -> timedelta | None:
    """The film's length from its container's header (the file was checked on upload)."""
    try:
        with _open(file) as container:
            return timedelta(microseconds=container.duration) if container.duration else None
    except av.FFmpegError:
        return None
    finally:
        file.seek(0)


def poster_frame(file: Any) -> bytes | None:
    """A JPEG of the frame a tenth into the film (or its first), for a poster; None if no frame
    can be decoded."""
    try:
        with _open(file) as container:
            stream = container.streams.video[0]
            if container.duration:
                container.seek(int(container.duration * POSTER_AT), backward=True, any_frame=False)
            frame = next(container.decode(stream), None)
            if frame is None:
                return None
            output = io.BytesIO()
            frame.to_image().convert("RGB").save(output, "JPEG", quality=90)
            return output.getvalue()
    except (av.FFmpegError, IndexError, StopIteration):
        return None
    finally:
        file.seek(0)


def video_mime_type(name: str) -> str:
    return VIDEO_TYPES.get(os.path.splitext(name)[1].lower(), "video/mp4")
