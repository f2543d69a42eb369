"""How many times readers viewed each article, in time buckets.

Views land in hourly buckets with one atomic upsert each (see
:mod:`articles.view_counting`). ``rollup_views`` folds complete days older than
the recent window into daily buckets, and prunes daily buckets past the
configured history into one all-time total per article, so no table grows
with every view and the totals never change.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from articles.models.content import Article


class HourlyViews(models.Model):
    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="+", db_index=False)
    hour = models.DateTimeField(_("hour"), help_text=_("Start of the hour, UTC."))
    views = models.PositiveIntegerField(_("views"), default=0)

    class Meta:
        verbose_name = _("hourly views")
        verbose_name_plural = _("hourly views")
        constraints = [
            # The upsert's conflict target.
            models.UniqueConstraint(fields=["article", "hour"], name="hourly_views_once"),
        ]
        indexes = [
            # Rankings: every bucket since a moment, read from the index alone.
            models.Index(fields=["hour"], include=["article", "views"], name="hourly_views_since"),
        ]

    def __str__(self) -> str:
        return f"{self.article_id} @ {self.hour:%Y-%m-%d %H}:00 = {self.views}"


class DailyViews(models.Model):
    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="+", db_index=False)
    day = models.DateField(_("day"), help_text=_("UTC day."))
    views = models.PositiveIntegerField(_("views"), default=0)

    class Meta:
        verbose_name = _("daily views")
        verbose_name_plural = _("daily views")
        constraints = [models.UniqueConstraint(fields=["article", "day"], name="daily_views_once")]
        indexes = [models.Index(fields=["day"], include=["article", "views"], name="daily_views_since")]

    def __str__(self) -> str:
        return f"{self.article_id} @ {self.day} = {self.views}"


class ArchivedViews(models.Model):
    """Views older than the kept history, summed per article: all-time totals stay right."""

    article = models.OneToOneField(Article, on_delete=models.CASCADE, primary_key=True, related_name="+")
    views = models.PositiveBigIntegerField(_("views"), default=0)

    class Meta:
        verbose_name = _("archived views")
        verbose_name_plural = _("archived views")

    def __str__(self) -> str:
        return f"{self.article_id}: {self.views}"


class RecentView(models.Model):
    """A reader (a salted, daily-changing hash of address and browser) who viewed an article
    recently: a repeat within VIEWS_REPEAT_WINDOW_SECONDS is not counted again, whichever
    worker or machine it reaches. Kept for the window only; the table is unlogged."""

    reader = models.CharField(max_length=32)
    article_id = models.BigIntegerField()
    seen_at = models.DateTimeField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["reader", "article_id"], name="recent_view_once")]
        indexes = [models.Index(fields=["seen_at"], name="recent_view_age")]

    def __str__(self) -> str:
        return f"{self.reader} read {self.article_id} at {self.seen_at:%H:%M}"
