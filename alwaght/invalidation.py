"""Which pages each change makes stale, as surrogate keys (common/surrogate_keys.py).

Connected from AlwaghtConfig.ready(): the top layer is the one place that knows every app.

* While a reader page renders, every content object loaded adds its key (post_init).
* Saving or deleting content purges its key (every page that showed it). Content that
  appears in lists (articles, albums, films) also purges the lists it enters or leaves,
  but only when it is created, deleted, published, unpublished or rescheduled; kinds
  without publication (sections, topics, tags…) purge their kind's lists on every change.
* Links between content (tags, authors, topics) purge both sides' keys.
* A correction purges its article's page and the list at /corrections/.
* A breaking-news bar purges the home pages (they carry its key).
* A comment purges only the comments of the page it belongs to, and only when readers
  see a difference (approved, or no longer approved).
* A map's developments and areas purge their map (its page, its data, the lists showing
  its picture); the legend's kinds and parties purge the maps that show them.

Bulk changes (admin actions using QuerySet.update) send no signals and call
:func:`common.surrogate_keys.purge` themselves.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db import models
from django.db.models.signals import m2m_changed, post_delete, post_init, post_save, pre_delete
from taggit.models import Tag, TaggedItem

from alwaght.models import SitePage
from articles.models import (
    Article,
    ArticleTopic,
    Author,
    BreakingNews,
    Correction,
    EditorsPick,
    RelatedArticle,
    Section,
)
from comments.models import Comment
from common.models import Image
from common.publishing import PublishableModel
from common.surrogate_keys import collection_key, key_of, purge, record_loaded
from focus import listings
from focus.models import Topic
from gallery.models import Album, Film, Photo
from maps.models import Area, Development, DevelopmentKind, Map, Party

# Content whose keys a page carries when it shows it.
SHOWN_MODELS = [
    Image, Section, Author, Article, Topic, Album, Photo, Film, Tag, Map, DevelopmentKind, Party, SitePage,
]  # fmt: skip
# Content whose own changes purge its key and its lists (photos purge their album instead).
CHANGED_MODELS = [model for model in SHOWN_MODELS if model is not Photo]
# The lists a related object owns, and what they list: a tag's page lists articles.
LISTS_OF_RELATED = {Tag: "articles", Author: "articles"}


def related_listing_keys(model: type[models.Model], pks: Iterable[int]) -> list[str]:
    """The keys of the lists that related objects (tags, authors, topics) own."""
    if model is Topic:
        return Topic.objects.listing_keys(pks)
    listed = LISTS_OF_RELATED.get(model)
    return [f"{model._meta.model_name}:{pk}:{listed}" for pk in pks] if listed else []


def content_saved(sender: type[models.Model], instance: models.Model, created: bool, **kwargs: Any) -> None:
    keys = [key_of(instance)]
    if isinstance(instance, PublishableModel):
        if getattr(instance, "publication_changed", True):
            keys += instance.listing_keys()
    else:
        keys.append(collection_key(sender))
        if isinstance(instance, Topic):
            keys += Topic.objects.listing_keys([instance.pk])
            if getattr(instance, "publication_changed", False) and not created:
                # Pages filed under it now link to it, or no longer do.
                keys += listings.filed_item_keys(instance)
    purge(*keys)


def content_deleting(sender: type[models.Model], instance: models.Model, **kwargs: Any) -> None:
    # Before the deletion: the lists it was in are still known.
    keys = [key_of(instance), collection_key(sender)]
    if isinstance(instance, PublishableModel):
        keys += instance.listing_keys()
    purge(*keys)


def links_changed(
    sender: Any,
    instance: models.Model,
    action: str,
    reverse: bool,
    model: type[models.Model],
    pk_set: set | None,
    **kwargs: Any,
) -> None:
    """Tags, authors or topics added to or removed from content (either side of the link)."""
    if action == "pre_clear" and not reverse and isinstance(instance, PublishableModel):
        purge(key_of(instance), *instance.listing_keys())
    if action not in {"post_add", "post_remove"} or not pk_set:
        return
    if reverse:  # topic.articles.add(...): the instance owns lists, the pks are content
        purge(
            *(f"{model._meta.model_name}:{pk}" for pk in pk_set),
            *related_listing_keys(type(instance), [instance.pk]),
        )
    else:
        purge(key_of(instance), *related_listing_keys(model, pk_set))


def map_links_changed(
    sender: Any, instance: models.Model, action: str, pk_set: set | None, **kwargs: Any
) -> None:
    """Related articles of a map: the map's page lists them (the articles' pages do not)."""
    if action in {"post_add", "post_remove", "post_clear"}:
        maps = [instance.pk] if isinstance(instance, Map) else (pk_set or [])
        purge(*(f"map:{pk}" for pk in maps))


def article_link_changed(sender: Any, instance: models.Model, **kwargs: Any) -> None:
    """An article filed under a topic, given related content or picked for Editor's Choice."""
    keys = [f"article:{instance.article_id}"]
    if isinstance(instance, ArticleTopic):
        keys += Topic.objects.listing_keys([instance.topic_id])
    if isinstance(instance, EditorsPick):
        keys.append(collection_key(EditorsPick))
    purge(*keys)


# The home pages show the breaking-news bar: they carry this key.
BREAKING_NEWS_KEY = "breaking-news"


def breaking_news_changed(sender: Any, instance: BreakingNews, **kwargs: Any) -> None:
    purge(BREAKING_NEWS_KEY)


def correction_changed(sender: Any, instance: Correction, **kwargs: Any) -> None:
    # The article's page (the note, its "Updated" time) and the list at /corrections/.
    purge(f"article:{instance.article_id}", "corrections")


def photo_changed(sender: Any, instance: Photo, **kwargs: Any) -> None:
    # The album's page and every card of the album (its first photo) show its photos.
    purge(key_of(instance), f"album:{instance.album_id}")


def map_part_changed(sender: Any, instance: Development | Area, **kwargs: Any) -> None:
    # A development or an area shows on its map's page and data only (not one key each).
    purge(f"map:{instance.map_id}")


def comment_saved(sender: Any, instance: Comment, created: bool, **kwargs: Any) -> None:
    # A new comment waits for moderation: readers see nothing new until it is approved.
    was_approved = getattr(instance, "_status_as_loaded", None) == Comment.Status.APPROVED
    if instance.status == Comment.Status.APPROVED or was_approved:
        purge(instance.comments_key)
    instance._status_as_loaded = instance.status


def comment_loaded(sender: Any, instance: Comment, **kwargs: Any) -> None:
    instance._status_as_loaded = instance.__dict__.get("status")


def comment_deleted(sender: Any, instance: Comment, **kwargs: Any) -> None:
    if instance.status == Comment.Status.APPROVED:
        purge(instance.comments_key)


def connect() -> None:
    for model in SHOWN_MODELS:
        post_init.connect(record_loaded, sender=model, dispatch_uid=f"keys-{model._meta.label_lower}-shown")
    for model in CHANGED_MODELS:
        label = model._meta.label_lower
        post_save.connect(content_saved, sender=model, dispatch_uid=f"keys-{label}-saved")
        pre_delete.connect(content_deleting, sender=model, dispatch_uid=f"keys-{label}-deleted")
    links = (
        Article.authors.through,
        TaggedItem,
        Album.topics.through,
        Film.topics.through,
        Map.topics.through,
    )
    for through in links:
        m2m_changed.connect(links_changed, sender=through, dispatch_uid=f"keys-{through._meta.label_lower}")
    for model in (ArticleTopic, RelatedArticle, EditorsPick):
        label = model._meta.label_lower
        post_save.connect(article_link_changed, sender=model, dispatch_uid=f"keys-{label}-saved")
        post_delete.connect(article_link_changed, sender=model, dispatch_uid=f"keys-{label}-deleted")
    m2m_changed.connect(
        map_links_changed, sender=Map.related_articles.through, dispatch_uid="keys-map-related-articles"
    )
    for model in (Development, Area):
        label = model._meta.label_lower
        post_save.connect(map_part_changed, sender=model, dispatch_uid=f"keys-{label}-saved")
        post_delete.connect(map_part_changed, sender=model, dispatch_uid=f"keys-{label}-deleted")
    post_save.connect(breaking_news_changed, sender=BreakingNews, dispatch_uid="keys-breakingnews-saved")
    post_delete.connect(breaking_news_changed, sender=BreakingNews, dispatch_uid="keys-breakingnews-deleted")
    post_save.connect(correction_changed, sender=Correction, dispatch_uid="keys-correction-saved")
    post_delete.connect(correction_changed, sender=Correction, dispatch_uid="keys-correction-deleted")
    post_save.connect(photo_changed, sender=Photo, dispatch_uid="keys-photo-album-saved")
    post_delete.connect(photo_changed, sender=Photo, dispatch_uid="keys-photo-album-deleted")
    post_init.connect(comment_loaded, sender=Comment, dispatch_uid="keys-comment-loaded")
    post_save.connect(comment_saved, sender=Comment, dispatch_uid="keys-comment-saved")
    post_delete.connect(comment_deleted, sender=Comment, dispatch_uid="keys-comment-deleted")
