"""What the articles app tells the focus app: articles are filed under topics."""

from __future__ import annotations

from django.db.models import QuerySet

from articles.models import Article
from focus.listings import TopicContent


def article_listing() -> QuerySet[Article]:
    return Article.objects.published().for_listing()


TOPIC_CONTENT = TopicContent(
    kind="article", listing=article_listing, item_template="includes/article_row_card.html"
)
