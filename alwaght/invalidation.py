"""What makes cached pages stale: any change to content readers can see.

Saves, deletions and many-to-many changes of content models bump the content
generation. Bulk updates (admin actions using QuerySet.update) send no signals and
call :func:`common.cache_generation.bump_generation` themselves. Connected from
AlwaghtConfig.ready(): the top layer is the one place that knows every app.
"""

from __future__ import annotations

from typing import Any

from django.db.models.signals import m2m_changed, post_delete, post_save
from taggit.models import Tag, TaggedItem

from articles.models import Article, ArticleTopic, Author, EditorsPick, RelatedArticle, Section
from comments.models import Comment
from common.cache_generation import bump_generation
from common.models import Image
from focus.models import Topic
from gallery.models import Album, Film, Photo

CONTENT_MODELS = [
    Image,
    Section,
    Author,
    Article,
    EditorsPick,
    RelatedArticle,
    ArticleTopic,
    Topic,
    Album,
    Photo,
    Film,
    Tag,
]
MANY_TO_MANY_LINKS = [Article.authors.through, TaggedItem, Album.topics.through, Film.topics.through]


def _comment_saved(sender: Any, instance: Comment, created: bool, **kwargs: Any) -> None:
    # A new comment waits for moderation: readers see nothing new until it is approved.
    if not created or instance.status == instance.Status.APPROVED:
        bump_generation()


def connect() -> None:
    for model in CONTENT_MODELS:
        uid = f"page-cache-{model._meta.label_lower}"
        post_save.connect(bump_generation, sender=model, dispatch_uid=f"{uid}-save")
        post_delete.connect(bump_generation, sender=model, dispatch_uid=f"{uid}-delete")
    for through in MANY_TO_MANY_LINKS:
        m2m_changed.connect(
            bump_generation, sender=through, dispatch_uid=f"page-cache-{through._meta.label_lower}"
        )
    post_save.connect(_comment_saved, sender=Comment, dispatch_uid="page-cache-comment-save")
    post_delete.connect(bump_generation, sender=Comment, dispatch_uid="page-cache-comment-delete")
