"""What "published" means, for every kind of content readers see."""

from __future__ import annotations

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class PublicationStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PUBLISHED = "published", _("Published")


class Publishable:
    """For models with ``status`` and ``published_at``: public once published and its moment
    has come; published without a date means published now."""

    Status = PublicationStatus
    status: str
    published_at: object

    def _date_if_publishing_now(self) -> None:
        if self.status == PublicationStatus.PUBLISHED and self.published_at is None:
            self.published_at = timezone.now()

    def clean(self) -> None:
        # Before constraint validation, which would refuse a published item without a date.
        self._date_if_publishing_now()

    @property
    def is_public(self) -> bool:
        return (
            self.status == PublicationStatus.PUBLISHED
            and self.published_at is not None
            and self.published_at <= timezone.now()
        )
