"""What the articles app tells the focus app about articles filed under topics."""

from __future__ import annotations

from django.db.models import Count, IntegerField, OuterRef, QuerySet, Subquery
from django.db.models.functions import Coalesce

from articles.models import Article, ArticleTopic
from focus.listings import TopicContent
from focus.models import Topic


def published_articles_of(topic: Topic) -> QuerySet[Article]:
    return Article.objects.published().for_listing().filed_under(topic)


def annotate_published_counts(topics: QuerySet[Topic]) -> QuerySet[Topic]:
    """Each topic's number of published articles filed directly under it."""
    counts = (
        ArticleTopic.objects.filter(topic=OuterRef("pk"), article__in=Article.objects.published())
        .order_by()
        .values("topic")
        .annotate(total=Count("article"))
        .values("total")
    )
    return topics.annotate(published_count=Coalesce(Subquery(counts, output_field=IntegerField()), 0))


TOPIC_CONTENT = TopicContent(
    items=published_articles_of,
    annotate_counts=annotate_published_counts,
    item_template="includes/article_card.html",
)
