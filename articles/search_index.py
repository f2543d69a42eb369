"""Keeps each article's ``search_extra`` (its tags' and authors' names) current, and the
edition's word list that "Did you mean …?" reads (articles/models/search_words.py).

Title, lead and body feed the generated ``search_vector`` directly; tags and authors
live in other tables, so their names are copied into the article whenever they change:
tags or authors added or removed, a tag or an author renamed.

An article's words join the list when it is saved, whatever its status: the search page
suggests a word only when published articles match it, so a draft's words never show, and
a story published later in bulk (an update, no save) is suggestible at once. Words only
leave, and the counts become exact, when ``refresh_search_words`` rebuilds the list
(nightly): a stale word costs a row, never a wrong suggestion.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.models.signals import m2m_changed, post_save
from taggit.models import Tag, TaggedItem

from articles.models import Article, Author, SearchWord
from articles.models.search_words import words_from_lexemes
from common.publishing import PublicationStatus

# Each article's distinct words as PostgreSQL's parser reads them ("simple": lower case, not
# stemmed), with the number of articles of each: (language, lexeme, articles) rows.
_LEXEMES = f"""
    SELECT article.language, word.lexeme, count(*)
      FROM {Article._meta.db_table} AS article,
           unnest(to_tsvector('simple', concat_ws(' ',
               article.title, article.lead, article.search_extra, article.body_text))) AS word
     WHERE {{condition}}
     GROUP BY article.language, word.lexeme
"""  # noqa: S608 (the table name is ours)
WORDS_BATCH = 2000


def add_search_words(article_ids: Iterable[int]) -> None:
    """The articles' words that the list lacks join it (two queries)."""
    ids = list(article_ids)
    if not ids:
        return
    with connection.cursor() as cursor:
        cursor.execute(_LEXEMES.format(condition="article.id = ANY(%s)"), [ids])
        words = words_from_lexemes(cursor.fetchall())
    SearchWord.objects.bulk_create(words, batch_size=WORDS_BATCH, ignore_conflicts=True)


def rebuild_search_words() -> int:
    """The word list made again from the published articles (scheduled ones included: their
    words show only once they are public): words no article uses leave it, every count becomes
    exact. Only what changed is written, in small batches, so editors' saves never wait long
    for it. Returns the number of words."""
    with connection.cursor() as cursor:
        cursor.execute(_LEXEMES.format(condition="article.status = %s"), [PublicationStatus.PUBLISHED])
        words = words_from_lexemes(cursor.fetchall())
    listed = {
        (language, key): (word, articles)
        for language, key, word, articles in SearchWord.objects.values_list(
            "language", "key", "word", "articles"
        ).iterator(chunk_size=WORDS_BATCH)
    }
    changed = [
        word for word in words if listed.pop((word.language, word.key), None) != (word.word, word.articles)
    ]
    # An upsert: an editor's save may add one of these words meanwhile. (A key's variants never change.)
    SearchWord.objects.bulk_create(
        changed,
        batch_size=WORDS_BATCH,
        update_conflicts=True,
        unique_fields=["language", "key"],
        update_fields=["word", "articles"],
    )
    gone: dict[str, list[str]] = {}
    for language, key in listed:  # what is left: keys no published article uses any more
        gone.setdefault(language, []).append(key)
    for language, keys in gone.items():
        for start in range(0, len(keys), WORDS_BATCH):
            SearchWord.objects.filter(language=language, key__in=keys[start : start + WORDS_BATCH]).delete()
    return len(words)


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
        add_search_words([instance.pk])
    elif reverse and pk_set:  # author.articles.add(...) and the like
        refresh_search_extra(pk_set)
        add_search_words(pk_set)
    # (A renamed tag or author reaches the word list with its nightly rebuild.)


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


def _article_saved(sender: Any, instance: Article, **kwargs: Any) -> None:
    add_search_words([instance.pk])


def connect() -> None:
    post_save.connect(_article_saved, sender=Article, dispatch_uid="search-words")
    m2m_changed.connect(_links_changed, sender=Article.authors.through, dispatch_uid="search-authors")
    m2m_changed.connect(_links_changed, sender=TaggedItem, dispatch_uid="search-tags")
    post_save.connect(_tag_saved, sender=Tag, dispatch_uid="search-tag-renamed")
    post_save.connect(_author_saved, sender=Author, dispatch_uid="search-author-renamed")
