"""A sitemap of any publishable content: what is public, newest first, dated by its last edit."""

from __future__ import annotations

from datetime import datetime

from django.contrib.sitemaps import Sitemap
from django.db.models import Max, QuerySet

from common.publishing import PublishableModel, PublishableQuerySet


class PublishableSitemap(Sitemap):
    """Set ``model``; override :meth:`public` to select related rows its URLs need."""

    model: type[PublishableModel]
    limit = 50_000

    def public(self) -> PublishableQuerySet:
        return self.model.objects.published()

    def items(self) -> QuerySet[PublishableModel]:
        return self.public().only("id", "slug", "language", "modified_at").newest_first()

    def lastmod(self, item: PublishableModel) -> datetime:
        return item.modified_at

    def get_latest_lastmod(self) -> datetime | None:
        # One aggregate, instead of Django's default of reading every item.
        return self.public().aggregate(latest=Max("modified_at"))["latest"]
