"""The articles app's models: the content itself, and what readers read."""

from articles.models.content import (
    RESERVED_FIRST_SEGMENTS,
    SEARCH_CANDIDATES,
    Article,
    ArticleQuerySet,
    ArticleTopic,
    Author,
    EditorsPick,
    EditorsPickQuerySet,
    RelatedArticle,
    Section,
    validate_section_slug,
)
from articles.models.readership import ArchivedViews, DailyViews, HourlyViews, RecentView

__all__ = [
    "RESERVED_FIRST_SEGMENTS",
    "SEARCH_CANDIDATES",
    "ArchivedViews",
    "Article",
    "ArticleQuerySet",
    "ArticleTopic",
    "Author",
    "DailyViews",
    "EditorsPick",
    "EditorsPickQuerySet",
    "HourlyViews",
    "RecentView",
    "RelatedArticle",
    "Section",
    "validate_section_slug",
]
