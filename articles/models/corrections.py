"""Corrections and clarifications: dated notes editors add to published articles."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext_lazy as _

from articles.models.content import Article
from common.plain_text import LinesField

CORRECTION_MAX_LENGTH = 1000


class CorrectionQuerySet(models.QuerySet):
    def on_public_articles(self, language: str | None = None) -> CorrectionQuerySet:
        """Corrections readers may see: those of published articles (of one edition, when named)."""
        articles = Article.objects.published()
        return self.filter(article__in=articles.in_edition(language) if language else articles)

    def for_listing(self) -> CorrectionQuerySet:
        """Newest first, each with its article's title and address (one query)."""
        return (
            self.select_related("article__section")
            .only(
                "id", "kind", "text", "published_at", "article__id", "article__title", "article__slug",
                "article__language", "article__section__slug", "article__section__name",
                "article__section__name_ar", "article__section__name_fa",
            )
            .order_by("-published_at", "-id")
        )  # fmt: skip


class Correction(models.Model):
    """A correction (something was wrong) or a clarification (something was unclear) on an
    article. Readers see it on the article and at /corrections/; the article's "Updated" time
    follows it."""

    class Kind(models.TextChoices):
        CORRECTION = "correction", _("Correction")
        CLARIFICATION = "clarification", _("Clarification")

    article = models.ForeignKey(
        Article, verbose_name=_("article"), on_delete=models.CASCADE, related_name="corrections"
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.CORRECTION)
    published_at = models.DateTimeField(
        _("date"), default=timezone.now, help_text=_("Shown to readers with the note.")
    )
    text = LinesField(
        _("text"),
        max_length=CORRECTION_MAX_LENGTH,
        help_text=_("What was wrong or unclear, and what is right: “An earlier version said … It is …”."),
    )
    created_at = models.DateTimeField(_("added"), auto_now_add=True)

    objects = CorrectionQuerySet.as_manager()

    class Meta:
        ordering = ["published_at", "id"]
        verbose_name = _("correction or clarification")
        verbose_name_plural = _("corrections and clarifications")
        indexes = [models.Index(fields=["-published_at", "-id"], name="correction_newest_first")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.text[:60]}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        super().save(*args, **kwargs)
        # The article's "Updated" time (and the date search engines see) follows the note.
        Article.objects.filter(pk=self.article_id).filter(
            Q(updated_at__isnull=True) | Q(updated_at__lt=self.published_at)
        ).update(updated_at=self.published_at, modified_at=timezone.now())

    def clean(self) -> None:
        self.text = (self.text or "").strip()
        if not self.text:
            raise ValidationError({"text": _("Say what was corrected or clarified.")})
        if self.published_at and self.published_at > timezone.now() + timedelta(minutes=5):
            # Readers see a note when it is made; a date to come would appear ahead of its day.
            raise ValidationError({"published_at": _("Date the note today or earlier, not in the future.")})

    @classmethod
    def from_db(cls, db: str | None, field_names: list[str], values: list[Any]) -> Correction:
        # Read inline with an article's page (ArticleQuerySet.for_page), dates arrive as JSON text.
        values = [
            parse_datetime(value) if name == "published_at" and isinstance(value, str) else value
            for name, value in zip(field_names, values, strict=True)
        ]
        return super().from_db(db, field_names, values)
