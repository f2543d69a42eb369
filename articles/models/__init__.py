"""The articles app's models: the content itself, and what readers read."""

from articles.models.breaking import BreakingNews, BreakingNewsQuerySet
from articles.models.content import (
    EDITORS_CHOICE_SLOTS,
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
from articles.models.corrections import CORRECTION_MAX_LENGTH, Correction, CorrectionQuerySet
from articles.models.readership import ArchivedViews, DailyViews, HourlyViews, RecentView
from articles.models.search_words import SearchWord

__all__ = [
    "CORRECTION_MAX_LENGTH",
    "EDITORS_CHOICE_SLOTS",
    "RESERVED_FIRST_SEGMENTS",
    "SEARCH_CANDIDATES",
    "ArchivedViews",
    "Article",
    "ArticleQuerySet",
    "ArticleTopic",
    "Author",
    "BreakingNews",
    "BreakingNewsQuerySet",
    "Correction",
    "CorrectionQuerySet",
    "DailyViews",
    "EditorsPick",
    "EditorsPickQuerySet",
    "HourlyViews",
    "RecentView",
    "RelatedArticle",
    "SearchWord",
    "Section",
    "validate_section_slug",
]
