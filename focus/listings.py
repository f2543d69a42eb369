"""What is filed under a topic, supplied by the apps that file things under topics.

focus knows nothing of articles (the dependency points the other way), yet a
topic page lists articles and the topic admin counts them. The articles app
registers a :class:`TopicContent` from its ``AppConfig.ready()``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from django.db.models import QuerySet

    from focus.models import Topic


@dataclass(frozen=True)
class TopicContent:
    # Published items of a topic and its subtopics, newest first, ready for a listing.
    items: Callable[[Topic], QuerySet[Any]]
    # The topic queryset annotated with ``published_count`` per topic.
    annotate_counts: Callable[[QuerySet[Topic]], QuerySet[Topic]]
    # Template that renders one item in a list (receives ``item``).
    item_template: str


_registered: TopicContent | None = None


def register(content: TopicContent) -> None:
    global _registered
    _registered = content


def registered() -> TopicContent | None:
    return _registered
