"""The sitemap of the site's own pages (About us, Contact, Privacy policy) in every edition."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.contrib.sitemaps import Sitemap
from django.db.models import QuerySet

from alwaght.models import SitePage


class SitePageSitemap(Sitemap):
    """Each edition's published pages, each naming its versions in the others (hreflang)."""

    def items(self) -> QuerySet[SitePage]:
        return SitePage.objects.published().only("id", "slug", "language", "modified_at")

    def location(self, item: SitePage) -> str:
        return item.get_absolute_url()

    def lastmod(self, item: SitePage) -> datetime:
        return item.modified_at

    def get_urls(
        self, page: int | str = 1, site: Any = None, protocol: str | None = None
    ) -> list[dict[str, Any]]:
        urls = super().get_urls(page, site, protocol)
        prefix = f"{protocol or 'https'}://{site.domain if site else ''}"
        versions: dict[str, list[SitePage]] = {}
        for url in urls:
            versions.setdefault(url["item"].slug, []).append(url["item"])
        for url in urls:
            group = versions[url["item"].slug]
            if len(group) > 1:
                url["alternates"] = [
                    {"lang_code": version.language, "location": prefix + version.get_absolute_url()}
                    for version in sorted(group, key=lambda version: version.language)
                ]
        return urls
