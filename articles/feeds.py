"""RSS 2.0 and Atom feeds: the whole site, a section, a tag, an In Focus topic.

Each item carries the lead as description (plain text: escaped in RSS, whose descriptions are
read as HTML, and ``type="text"`` in Atom), the authors, the tags as categories and
the hero image as a Media RSS ``media:content`` element (width and height included,
which an RSS enclosure cannot say).

An article's item is the same in every feed of its edition (the site's, its section's, its
tags' and topics'), and stays the same until the article or what it shows changes: it is
written once per change and kept with the cards (common/fragments.py), so a feed reads 30
ids and dates, then their stored items, instead of building 30 articles with their sections,
pictures, authors and tags through the syndication framework.
"""

from __future__ import annotations

import copy
import io
from typing import Any

from django.contrib.syndication.views import Feed
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import get_object_or_404
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed
from django.utils.html import escape
from django.utils.translation import gettext as _
from django.utils.xmlutils import SimplerXMLGenerator
from taggit.models import Tag

from articles.models import Article, Section
from common import editions, fragments, surrogate_keys
from common.pagination import cached_count
from common.plain_text import xml_safe
from common.publishing import MANY_ITEMS, public_tags
from common.reversing import cached_reverse, path_below
from focus import listings
from focus.models import Topic

FEED_SIZE = 30
MEDIA_NAMESPACE = "http://search.yahoo.com/mrss/"


def _xml_safe(value: Any) -> Any:
    if isinstance(value, str):
        return xml_safe(value)
    if isinstance(value, list | tuple):
        return type(value)(_xml_safe(part) for part in value)
    return value


def _as_html(text: str | None) -> str | None:
    return escape(text) if text is not None else None


# The key of an item already written (its XML, from the store) in a feed's list of items.
WRITTEN = "written"


class _MediaElements:
    def prepare(self) -> None:
        # Rows stored before control characters were refused at input must not make the feed
        # fail (Django refuses them in element text) or invalid (nothing checks attributes).
        self.feed = {key: _xml_safe(value) for key, value in self.feed.items()}
        self.items = [
            item
            if WRITTEN in item
            else self.prepare_item({key: _xml_safe(value) for key, value in item.items()})
            for item in self.items
        ]

    def prepare_item(self, item: dict[str, Any]) -> dict[str, Any]:
        return item

    def write(self, outfile: Any, encoding: str) -> None:
        self.prepare()
        super().write(outfile, encoding)

    def write_items(self, handler: Any) -> None:
        if self.items and all(WRITTEN in item for item in self.items):
            handler.ignorableWhitespace("".join(item[WRITTEN] for item in self.items))  # written as is
        else:
            super().write_items(handler)

    def items_xml(self) -> list[str]:
        """Each item's element as write() writes it, on its own."""
        self.prepare()
        items, written = self.items, []
        for item in items:
            out = io.StringIO()
            self.items = [item]
            super().write_items(SimplerXMLGenerator(out, "utf-8", short_empty_elements=True))
            written.append(out.getvalue())
        self.items = items
        return written

    def add_media(self, handler: Any, item: dict[str, Any]) -> None:
        image = item.get("image")
        if image:
            url, width, height = image
            handler.addQuickElement(
                "media:content",
                "",
                {
                    "url": url,
                    "medium": "image",
                    "type": "image/jpeg",
                    "width": str(width),
                    "height": str(height),
                },
            )


class MediaRssFeed(_MediaElements, Rss201rev2Feed):
    def rss_attributes(self) -> dict[str, str]:
        return {**super().rss_attributes(), "xmlns:media": MEDIA_NAMESPACE}

    # Readers take an RSS description for HTML: leads and section descriptions are plain
    # text, escaped once more so that a reader shows them as written and obeys no markup.
    def prepare(self) -> None:
        super().prepare()
        self.feed["description"] = _as_html(self.feed["description"])

    def prepare_item(self, item: dict[str, Any]) -> dict[str, Any]:
        return {**item, "description": _as_html(item["description"])}

    def add_item_elements(self, handler: Any, item: dict[str, Any]) -> None:
        super().add_item_elements(handler, item)
        self.add_media(handler, item)


class MediaAtomFeed(_MediaElements, Atom1Feed):
    def root_attributes(self) -> dict[str, str]:
        return {**super().root_attributes(), "xmlns:media": MEDIA_NAMESPACE}

    def add_item_elements(self, handler: Any, item: dict[str, Any]) -> None:
        # Django writes the summary as type="html"; the lead is plain text, and says so.
        super().add_item_elements(handler, {**item, "description": None})
        if item["description"] is not None:
            handler.addQuickElement("summary", item["description"], {"type": "text"})
        self.add_media(handler, item)


class RequestFeed(Feed):
    """A feed whose methods know the request, as ``self.request``."""

    def __call__(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if request.method not in {"GET", "HEAD"}:
            return HttpResponseNotAllowed(["GET", "HEAD"])
        # The URLconf holds one feed object for every request: each request works on its own
        # copy, which knows the request (image and guid URLs must be absolute).
        feed = copy.copy(self)
        feed.request = request
        return Feed.__call__(feed, request, *args, **kwargs)


class LatestArticlesFeed(RequestFeed):
    """The newest published articles of the whole site."""

    feed_type = MediaRssFeed

    def title(self, obj: Any = None) -> str:
        return editions.site_name()

    def link(self, obj: Any = None) -> str:
        return cached_reverse("home")  # the edition's front page

    def description(self, obj: Any = None) -> str:
        return editions.site_tagline()

    def articles(self, obj: Any) -> QuerySet[Article]:
        surrogate_keys.add("articles")
        return Article.objects.published()

    def get_feed(self, obj: Any, request: HttpRequest) -> Any:
        """The channel from the syndication framework, the items from the store."""
        # Each edition has its own feeds: /feed/, /ar/feed/, /fa/feed/.
        entries = list(self.articles(obj).in_edition().feed_entries()[:FEED_SIZE])
        feed = super().get_feed(obj, request)
        # An item names its feed's format and the site's address (its links are absolute).
        style = f"{self.feed_type.__name__}:{request.scheme}://{request.get_host()}"
        written = fragments.cards(
            [(article, style) for article in entries],
            lambda model, ids: Article.objects.for_feed().in_bulk(ids),
            lambda article, style: self.item_xml(obj, article),
        )
        feed.items = [
            {"pubdate": entry.published_at, "updateddate": self.item_updateddate(entry), WRITTEN: xml}
            for entry, xml in zip(entries, written, strict=True)
        ]
        return feed

    def item_xml(self, obj: Any, article: Article) -> str:
        """An article's item, written by the syndication framework as in a feed of its own."""
        single = copy.copy(self)
        single.items = [article]  # not callable: the framework takes it as it is
        return Feed.get_feed(single, obj, self.request).items_xml()[0]

    def items(self, obj: Any = None) -> list[Article]:
        return []  # get_feed() adds them, from the store

    def item_title(self, item: Article) -> str:
        return item.title

    def item_description(self, item: Article) -> str:
        return item.lead

    def item_pubdate(self, item: Article):
        return item.published_at

    def item_updateddate(self, item: Article):
        return item.updated_at or item.published_at

    def item_author_name(self, item: Article) -> str | None:
        return ", ".join(author.name for author in item.authors.all()) or None

    def item_categories(self, item: Article) -> list[str]:
        return [item.section.local_name, *(tag.name for tag in item.tags.all())]

    def item_guid(self, item: Article) -> str:
        # The short address (articles:article_short) stays the same when the title changes.
        return self.request.build_absolute_uri(path_below(item.section.get_absolute_url(), item.pk))

    def item_extra_kwargs(self, item: Article) -> dict[str, Any]:
        share = item.hero_image.share_image if item.hero_image else None
        if share is None:
            return {}
        return {"image": (self.request.build_absolute_uri(share.url), share.width, share.height)}


class SectionFeed(LatestArticlesFeed):
    def get_object(self, request: HttpRequest, section_slug: str) -> Section:
        section = Section.objects.by_slug(section_slug)
        if section is None:
            raise Http404("No such section.")
        return section

    def title(self, obj: Section) -> str:
        return f"{obj.local_name} | {editions.site_name()}"

    def link(self, obj: Section) -> str:
        return obj.get_absolute_url()

    def description(self, obj: Section) -> str:
        return obj.local_description or _("The latest from %(section)s.") % {"section": obj.local_name}

    def articles(self, obj: Section) -> QuerySet[Article]:
        surrogate_keys.add(surrogate_keys.listing_key(obj, "articles"))
        return Article.objects.published().filter(section=obj)


class TagFeed(LatestArticlesFeed):
    def get_object(self, request: HttpRequest, slug: str) -> Tag:
        return get_object_or_404(public_tags(editions.current()), slug=slug)

    def title(self, obj: Tag) -> str:
        return f"{obj.name} | {editions.site_name()}"

    def link(self, obj: Tag) -> str:
        return cached_reverse("articles:tag", slug=obj.slug)

    def description(self, obj: Tag) -> str:
        return _("Articles tagged %(tag)s.") % {"tag": obj.name}

    def articles(self, obj: Tag) -> QuerySet[Article]:
        key = surrogate_keys.listing_key(obj, "articles")
        surrogate_keys.add(key)
        # The tag page's count (kept until the tag's list changes) tells how to read them.
        many = cached_count(lambda: Article.objects.published().in_edition().tagged(obj), key) >= MANY_ITEMS
        return Article.objects.published().tagged(obj, many)


class TopicFeed(LatestArticlesFeed):
    def get_object(self, request: HttpRequest, slug: str) -> Topic:
        return get_object_or_404(Topic.objects.public(), slug=slug)

    def title(self, obj: Topic) -> str:
        return f"{obj.local_name} | {_('In Focus')} | {editions.site_name()}"

    def link(self, obj: Topic) -> str:
        return obj.get_absolute_url()

    def description(self, obj: Topic) -> str:
        return obj.local_description

    def articles(self, obj: Topic) -> QuerySet[Article]:
        key = surrogate_keys.listing_key(obj, "items")
        surrogate_keys.add(key)
        # The topic page's count of what is filed (kept until it changes) tells how to read them.
        many = cached_count(lambda: listings.stream(obj), key) >= MANY_ITEMS
        return Article.objects.published().filed_under(obj, many)


def atom(feed_class: type[LatestArticlesFeed]) -> type[LatestArticlesFeed]:
    """The Atom twin of an RSS feed class."""

    class AtomFeed(feed_class):
        feed_type = MediaAtomFeed

        def subtitle(self, obj: Any = None) -> str:
            return self.description(obj)

    AtomFeed.__name__ = f"{feed_class.__name__}Atom"
    return AtomFeed
