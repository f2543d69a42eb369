"""What readers may comment on, and whether comments on it are open.

A content model takes comments when it is listed in ``settings.COMMENTS_TARGETS``
and offers: ``get_absolute_url()``, ``is_public``, ``published_at`` and, optionally,
``comments_enabled`` (editors' switch). Nothing else of this app leaks into it.
"""

from __future__ import annotations

from datetime import timedelta

from django.apps import apps
from django.conf import settings
from django.db import models
from django.utils import timezone


def target_key(obj: models.Model) -> str:
    return f"{obj._meta.label_lower}:{obj.pk}"


def resolve(key: str) -> models.Model | None:
    """The content object a key names, if it exists and takes comments."""
    label, _, pk = key.partition(":")
    if label not in settings.COMMENTS_TARGETS or not pk.isdigit():
        return None
    model = apps.get_model(label)
    return model._default_manager.filter(pk=int(pk)).first()


def closes_at(obj: models.Model):
    published_at = getattr(obj, "published_at", None)
    if published_at is None:
        return None
    return published_at + timedelta(days=settings.COMMENTS_CLOSE_AFTER_DAYS)


def is_open(obj: models.Model) -> bool:
    """Comments are open on public content whose editors have not closed them, until
    COMMENTS_CLOSE_AFTER_DAYS after publication."""
    if not getattr(obj, "is_public", False) or not getattr(obj, "comments_enabled", True):
        return False
    closing = closes_at(obj)
    return closing is None or timezone.now() < closing
