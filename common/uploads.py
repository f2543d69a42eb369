"""Uploaded files: names nobody can guess, and no file left behind by a save that did not happen.

Media are served to anyone who asks for their address (by the web server or object storage,
without asking the site), so the name is what keeps a draft's picture or film private until
it is published: ``<folder>/2026/11/<readable-stem>-<12 random characters>.<ext>``.

A file is stored before the row that names it is written. When that transaction rolls back
(a later photo of the same "Add photos" fails, the database refuses the row), Django forgets
the row but not the file: :func:`delete_if_rolled_back` removes it then.
"""

from __future__ import annotations

import logging
import os
import re
import secrets
import weakref
from collections.abc import Iterable
from typing import Any

from django.core.files.storage import Storage
from django.db import models, transaction
from django.utils import timezone
from django.utils.text import slugify

logger = logging.getLogger(__name__)

# 9 random bytes: 12 URL-safe characters, 72 bits; nobody enumerates that.
TOKEN_BYTES = 9
_RANDOM_SUFFIX = re.compile(r"^(.+)-[A-Za-z0-9_-]{12}$")


def unguessable_name(folder: str, filename: str) -> str:
    """``<folder>/2026/11/<readable-stem>-<random>.<ext>`` for an uploaded file's name."""
    stem, extension = os.path.splitext(os.path.basename(filename))
    readable = slugify(stem)[:40].strip("-") or "file"
    return (
        f"{folder}/{timezone.now():%Y/%m}/{readable}-{secrets.token_urlsafe(TOKEN_BYTES)}{extension.lower()}"
    )


def readable_stem(name: str) -> str:
    """The readable part of a stored name (without its folder, random suffix and extension)."""
    stem = os.path.splitext(os.path.basename(name))[0]
    match = _RANDOM_SUFFIX.match(stem)
    return match.group(1) if match else stem


def _delete(storage: Storage, names: Iterable[str]) -> None:
    for name in names:
        try:
            storage.delete(name)
        except OSError:
            logger.exception("Could not delete %s", name)


class _FileOfThisTransaction:
    """Called on commit: the file's row exists, the file stays."""

    def __init__(self) -> None:
        self.committed = False

    def __call__(self) -> None:
        self.committed = True


def delete_if_rolled_back(storage: Storage, name: str) -> None:
    """Delete the stored file ``name`` if the current transaction (or savepoint) rolls back.

    Django drops the on-commit callbacks of a transaction that rolls back and never tells
    anyone; the callback registered here is then freed without having run, and its
    finaliser deletes the file. Outside a transaction this does nothing: the row is written.
    """
    if not transaction.get_connection().in_atomic_block:
        return
    marker = _FileOfThisTransaction()
    weakref.finalize(marker, _delete_unless_committed, marker.__dict__, storage, name)
    transaction.on_commit(marker)


def _delete_unless_committed(state: dict[str, Any], storage: Storage, name: str) -> None:
    if not state["committed"]:
        logger.info("Deleting %s: the save that stored it was rolled back", name)
        _delete(storage, [name])


def delete_after_commit(storage: Storage, names: Iterable[str]) -> None:
    """Delete files once the transaction that stopped using them commits (at once outside one)."""
    names = [name for name in names if name]
    if names:
        transaction.on_commit(lambda: _delete(storage, names))


class RollbackSafeFileMixin:
    """For FileField and ImageField: a new upload stored by this save is deleted again if the
    save's transaction rolls back."""

    def pre_save(self, model_instance: models.Model, add: bool) -> Any:
        field_file = getattr(model_instance, self.attname)
        is_new_upload = bool(field_file) and not field_file._committed
        field_file = super().pre_save(model_instance, add)
        if is_new_upload:
            delete_if_rolled_back(field_file.storage, field_file.name)
        return field_file


class UploadField(RollbackSafeFileMixin, models.FileField):
    """A FileField whose uploads are deleted again when their save rolls back; pass an
    ``upload_to`` that uses :func:`unguessable_name`."""
