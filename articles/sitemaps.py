"""Sitemaps of articles (split at 50,000 addresses), sections and tags, and a Google News
sitemap of the last 48 hours."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.contrib.sitemaps import Sitemap
from django.db.models import OuterRef, Q, QuerySet, Subquery
from django.utils import timezone
from taggit.models import TaggedItem

from articles.models import Article, Section
from articles.models.content import ArticleQuerySet
from common.reversing import cached_reverse
from common.sitemaps import PublishableSitemap

NEWS_WINDOW = timedelta(hours=48)


class ArticleSitemap(PublishableSitemap):
    """Every edition's articles; a translated story's versions name each other (hreflang)."""

    model = Article

    def items(self) -> QuerySet[Article]:
        return (
            super()
            .items()
            .select_related("section")
            .only("id", "slug", "language", "translation_of", "modified_at", "section__slug")
        )

    def get_urls(
        self, page: int | str = 1, site: Any = None, protocol: str | None = None
    ) -> list[dict[str, Any]]:
        urls = super().get_urls(page, site, protocol)
        # The stories of this page that exist in more than one edition: two small queries.
        with_translations = set(
            Article.objects.published()
            .filter(translation_of__isnull=False)
            .values_list("translation_of", flat=True)
        )
        roots = {url["item"].translation_of_id or url["item"].pk for url in urls} & (
            with_translations | {url["item"].translation_of_id for url in urls}
        )
        versions: dict[int, list[Article]] = {}
        if roots:
            found = (
                Article.objects.published().filter(Q(pk__in=roots) | Q(translation_of__in=roots)).headlines()
            )
            for version in found.only(*ArticleQuerySet.HEADLINE_FIELDS, "translation_of"):
                versions.setdefault(version.translation_of_id or version.pk, []).append(version)
        scheme = protocol or "https"
        domain = site.domain if site else ""
        for url in urls:
            group = versions.get(url["item"].translation_of_id or url["item"].pk, [])
            if len(group) > 1:
                url["alternates"] = [
                    {
                        "lang_code": version.language,
                        "location": f"{scheme}://{domain}{version.get_absolute_url()}",
                    }
                    for version in sorted(group, key=lambda version: version.language)
                ]
        return urls


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
    """Every section in every edition, each naming its versions in the others (hreflang)."""

    i18n = True
    alternates = True
    x_default = True

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
    """Each tag's page in every edition where a published article carries it (one query)."""

    limit = 50_000

    def items(self) -> list[tuple[str, str]]:
        links = TaggedItem.objects.filter(
            content_type=ContentType.objects.get_for_model(Article),
            object_id__in=Article.objects.published().values("pk"),
        )
        carried = Article.objects.filter(pk=OuterRef("object_id")).values("language")[:1]
        return list(
            links.annotate(edition=Subquery(carried))
            .values_list("tag__slug", "edition")
            .distinct()
            .order_by("tag__slug", "edition")
        )

    def location(self, item: tuple[str, str]) -> str:
        slug, language = item
        return cached_reverse("articles:tag", language=language, slug=slug)


SITEMAPS: dict[str, Any] = {
    "news": NewsSitemap,
    "articles": ArticleSitemap,
    "sections": SectionSitemap,
    "tags": TagSitemap,
}
