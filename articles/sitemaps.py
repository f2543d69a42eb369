"""Sitemaps of articles (split at 50,000 addresses), sections and tags, and a Google News
sitemap of the last 48 hours."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from django.contrib.sitemaps import Sitemap
from django.db.models import OuterRef, QuerySet, Subquery
from django.urls import reverse
from django.utils import timezone
from taggit.models import Tag

from articles.models import Article, Section
from common.publishing import public_tags
from common.sitemaps import PublishableSitemap

NEWS_WINDOW = timedelta(hours=48)


class ArticleSitemap(PublishableSitemap):
    model = Article

    def items(self) -> QuerySet[Article]:
        return (
            super()
            .items()
            .select_related("section")
            .only("id", "slug", "language", "modified_at", "section__slug")
        )


class NewsSitemap(ArticleSitemap):
    """Google News: articles published in the last 48 hours, with publication details."""

    limit = 1000

    def public(self) -> QuerySet[Article]:
        return Article.objects.published().filter(published_at__gte=timezone.now() - NEWS_WINDOW)

    def items(self) -> QuerySet[Article]:
        return (
            self.public()
            .select_related("section")
            .only("id", "slug", "title", "language", "published_at", "modified_at", "section__slug")
            .newest_first()[: self.limit]
        )


class SectionSitemap(Sitemap):
    def items(self) -> QuerySet[Section]:
        # A section page changes when an article appears in it: the newest publication date,
        # read from the section index, one row per section.
        newest = Article.objects.published().filter(section=OuterRef("pk")).order_by("-published_at")
        return Section.objects.annotate(latest=Subquery(newest.values("published_at")[:1])).order_by(
            "position", "name"
        )

    def lastmod(self, item: Section) -> datetime | None:
        return item.latest


class TagSitemap(Sitemap):
    limit = 50_000

    def items(self) -> QuerySet[Tag]:
        return public_tags().only("id", "slug").order_by("id")

    def location(self, item: Tag) -> str:
        return reverse("articles:tag", kwargs={"slug": item.slug})


SITEMAPS: dict[str, Any] = {
    "news": NewsSitemap,
    "articles": ArticleSitemap,
    "sections": SectionSitemap,
    "tags": TagSitemap,
}
