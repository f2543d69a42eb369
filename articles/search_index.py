"""Keeps each article's ``search_extra`` (its tags' and authors' names) current.

Title, lead and body feed the generated ``search_vector`` directly; tags and authors
live in other tables, so their names are copied into the article whenever they change:
tags or authors added or removed, a tag or an author renamed.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.models.signals import m2m_changed, post_save
from taggit.models import Tag, TaggedItem

from articles.models import Article, Author


def refresh_search_extra(article_ids: Iterable[int]) -> None:
    """One UPDATE: the articles' tag and author names, for full-text search."""
    ids = list(article_ids)
    if not ids:
        return
    article_type = ContentType.objects.get_for_model(Article).pk
    with connection.cursor() as cursor:
        cursor.execute(
            f"""
            UPDATE {Article._meta.db_table} AS article SET search_extra = concat_ws(' ',
                (SELECT string_agg(tag.name, ' ' ORDER BY tag.name)
                   FROM {TaggedItem._meta.db_table} AS item JOIN {Tag._meta.db_table} AS tag ON tag.id = item.tag_id
                  WHERE item.object_id = article.id AND item.content_type_id = %(type)s),
                (SELECT string_agg(author.name, ' ' ORDER BY author.name)
                   FROM {Article.authors.through._meta.db_table} AS link
                   JOIN {Author._meta.db_table} AS author ON author.id = link.author_id
                  WHERE link.article_id = article.id))
            WHERE article.id = ANY(%(ids)s)
            """,  # noqa: S608 (table names are ours)
            {"type": article_type, "ids": ids},
        )


def _links_changed(
    sender: Any, instance: Any, action: str, reverse: bool, pk_set: set[int] | None, **kwargs: Any
) -> None:
    if action not in {"post_add", "post_remove", "post_clear"}:
        return
    if isinstance(instance, Article):
        refresh_search_extra([instance.pk])
    elif reverse and pk_set:  # author.articles.add(...) and the like
        refresh_search_extra(pk_set)


def _tag_saved(sender: Any, instance: Tag, created: bool, **kwargs: Any) -> None:
    if not created:
        article_type = ContentType.objects.get_for_model(Article)
        refresh_search_extra(
            TaggedItem.objects.filter(tag=instance, content_type=article_type).values_list(
                "object_id", flat=True
            )
        )


def _author_saved(sender: Any, instance: Author, created: bool, **kwargs: Any) -> None:
    if not created:
        refresh_search_extra(instance.articles.values_list("pk", flat=True))


def connect() -> None:
    m2m_changed.connect(_links_changed, sender=Article.authors.through, dispatch_uid="search-authors")
    m2m_changed.connect(_links_changed, sender=TaggedItem, dispatch_uid="search-tags")
    post_save.connect(_tag_saved, sender=Tag, dispatch_uid="search-tag-renamed")
    post_save.connect(_author_saved, sender=Author, dispatch_uid="search-author-renamed")
