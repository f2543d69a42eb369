"""JSON-LD for an article page: NewsArticle (with its corrections) and its breadcrumb."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from articles.models import Article
from common import editions
from common.metadata import breadcrumb_list, publisher, share_image_of
from common.reversing import cached_reverse


def news_article(context: Mapping[str, Any], article: Article) -> dict[str, Any]:
    request = context["request"]
    url = request.build_absolute_uri(article.get_absolute_url())
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": article.title[:110],
        "description": article.lead,
        "url": url,
        "mainEntityOfPage": {"@type": "WebPage", "@id": url},
        "datePublished": article.published_at.isoformat() if article.published_at else None,
        "dateModified": (article.updated_at or article.modified_at or article.published_at).isoformat(),
        "articleSection": article.section.local_name,
        "keywords": [tag.name for tag in article.tags.all()],
        "inLanguage": article.language,
        "author": [
            {
                "@type": "Person",
                "name": author.name,
                "url": request.build_absolute_uri(author.get_absolute_url()),
            }
            for author in article.authors.all()
        ]
        or [{"@type": "Organization", "name": editions.site_name()}],
        "publisher": publisher(context),
    }
    corrections = article.corrections.all()
    if corrections:
        data["correction"] = [
            {
                "@type": "CorrectionComment",
                "text": f"{correction.get_kind_display()}: {correction.text}",
                "datePublished": correction.published_at.isoformat(),
            }
            for correction in corrections
        ]
    image = share_image_of(context, article.hero_image)
    if image:
        data["image"] = [{"@type": "ImageObject", **image}]
    return data


def article_breadcrumb(context: Mapping[str, Any], article: Article) -> dict[str, Any]:
    request = context["request"]
    trail = [
        (editions.site_name(), cached_reverse("home")),
        (article.section.local_name, article.section.get_absolute_url()),
        (article.title, article.get_absolute_url()),
    ]
    return breadcrumb_list(request, trail)
