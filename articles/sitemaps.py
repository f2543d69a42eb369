"""Sitemaps of articles (split at 50,000 addresses), sections and tags, and a Google News
sitemap of the last 48 hours."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.db.models import Exists, Max, OuterRef, QuerySet, Subquery
from django.urls import reverse
from django.utils import timezone
from taggit.models import Tag, TaggedItem

from articles.models import Article, Section

NEWS_WINDOW = timedelta(hours=48)


class ArticleSitemap(Sitemap):
    limit = 50_000

    def items(self) -> QuerySet[Article]:
        return (
            Article.objects.published()
            .select_related("section")
            .only("id", "slug", "modified_at", "section__slug")
            .order_by("-published_at", "-id")
        )

    def lastmod(self, item: Article) -> datetime:
        return item.modified_at

    def get_latest_lastmod(self) -> datetime | None:
        # One aggregate, instead of Django's default of reading every item.
        return Article.objects.published().aggregate(latest=Max("modified_at"))["latest"]


class NewsSitemap(ArticleSitemap):
    """Google News: articles published in the last 48 hours, with publication details."""

    def items(self) -> QuerySet[Article]:
        return (
            Article.objects.published()
            .filter(published_at__gte=timezone.now() - NEWS_WINDOW)
            .select_related("section")
            .only("id", "slug", "title", "language", "published_at", "modified_at", "section__slug")
            .order_by("-published_at", "-id")[:1000]
        )

    def get_latest_lastmod(self) -> datetime | None:
        return self.items().aggregate(latest=Max("modified_at"))["latest"] if self.items() else None

    def publication_name(self) -> str:
        return settings.SITE_NAME


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
        used_by_articles = TaggedItem.objects.filter(
            tag=OuterRef("pk"), content_type__app_label="articles", content_type__model="article"
        )
        return Tag.objects.filter(Exists(used_by_articles)).only("id", "slug").order_by("id")

    def location(self, item: Tag) -> str:
        return reverse("articles:tag", kwargs={"slug": item.slug})


SITEMAPS: dict[str, Any] = {
    "news": NewsSitemap,
    "articles": ArticleSitemap,
    "sections": SectionSitemap,
    "tags": TagSitemap,
}
