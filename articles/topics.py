"""What the articles app tells the focus app: articles are filed under topics."""

from __future__ import annotations

from django.db.models import QuerySet
from markupsafe import Markup

from articles import cards
from articles.models import Article
from focus.listings import TopicContent


def article_listing() -> QuerySet[Article]:
    return Article.objects.published().headlines()


def article_cards(articles: list[Article]) -> list[Markup]:
    return cards.article_cards(articles, cards.TOPIC_LISTING)


def lead_article_cards(articles: list[Article]) -> list[Markup]:
    return cards.article_cards(articles, cards.TOPIC_LISTING, cards.TOPIC_LISTING.lead())


TOPIC_CONTENT = TopicContent(
    kind="article", listing=article_listing, cards=article_cards, lead_cards=lead_article_cards
)
