"""The breaking-news bar of an edition's home page: switched on by the editors with a
headline, a link and an end time, and switched off by itself when that time comes."""

from __future__ import annotations

from datetime import datetime

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Min, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from common import editions
from common.plain_text import LineField


def validate_link(value: str) -> None:
    """A page of this site (a path) or of another one (http or https), without spaces."""
    on_this_site = value.startswith("/") and not value.startswith("//")
    elsewhere = value.startswith(("https://", "http://")) and len(value) > len("https://x")
    if (on_this_site or elsewhere) and not any(character.isspace() for character in value):
        return
    raise ValidationError(
        _(
            "Give an address on this site starting with “/” (/news/12/…) or a full address starting with https://."
        )
    )


class BreakingNewsQuerySet(models.QuerySet):
    def showing(self, language: str, now: datetime | None = None) -> BreakingNewsQuerySet:
        """What the edition's home page shows now, newest first (it shows the first)."""
        return self.filter(BreakingNews.is_showing(now), language=language).order_by("-starts_at", "-pk")

    def next_change(self, now: datetime | None = None) -> datetime | None:
        """When the next bar comes or goes by itself: a home page changes then."""
        now = now or timezone.now()
        moments = self.aggregate(
            start=Min("starts_at", filter=Q(starts_at__gt=now)), end=Min("ends_at", filter=Q(ends_at__gt=now))
        )
        return min(filter(None, moments.values()), default=None)


class BreakingNews(models.Model):
    headline = LineField(_("headline"), max_length=160)
    link = LineField(
        _("link"),
        max_length=500,
        validators=[validate_link],
        help_text=_("The story readers open: an address on this site (/news/12/…) or a full address."),
    )
    language = editions.edition_field()
    starts_at = models.DateTimeField(_("starts"), default=timezone.now)
    ends_at = models.DateTimeField(_("ends"), help_text=_("The bar disappears by itself at this moment."))
    created_at = models.DateTimeField(auto_now_add=True)

    objects = BreakingNewsQuerySet.as_manager()

    class Meta:
        ordering = ["-starts_at"]
        verbose_name = _("breaking news")
        verbose_name_plural = _("breaking news")
        indexes = [models.Index(fields=["language", "-starts_at"], name="breaking_edition_start")]

    def __str__(self) -> str:
        return self.headline

    def clean(self) -> None:
        if self.starts_at and self.ends_at and self.ends_at <= self.starts_at:
            raise ValidationError({"ends_at": _("The end must come after the start.")})

    @staticmethod
    def is_showing(now: datetime | None = None) -> Q:
        """The one definition of a bar readers see: started and not yet ended."""
        now = now or timezone.now()
        return Q(starts_at__lte=now, ends_at__gt=now)
