"""Sections, authors, articles, Related Content and Editor's Choice."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.contrib.postgres.expressions import ArraySubquery
from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchHeadline, SearchQuery, SearchRank, SearchVectorField
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Exists, F, Max, OuterRef, Q, Subquery, Value
from django.db.models.expressions import RawSQL
from django.db.models.functions import Coalesce, Concat
from django.utils import timezone
from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _
from taggit.managers import TaggableManager
from taggit.models import TaggedItem

from articles.models.search_words import SUGGESTED_QUERY, SearchWord
from common import editions, surrogate_keys
from common.inline_prefetch import InlinePrefetch, inline_tags, with_inline
from common.models import Image
from common.plain_text import LineField, LinesField
from common.publishing import PublishableModel, PublishableQuerySet
from common.reversing import cached_reverse, path_below
from common.sanitize import plain_text, sanitize_html
from common.slugs import unicode_slug
from common.text_search import edition_vector, search_config, search_query
from focus.models import Topic

# First URL segments taken by other parts of the site (the URL contract in
# DESIGN.md), plus a few kept for later: a section may not use them as its slug.
RESERVED_FIRST_SEGMENTS = frozenset(
    {
        "admin", "static", "media", "tags", "focus", "gallery", "maps", "most-viewed", "search", "feed",
        "sitemap.xml", "sitemaps", "robots.txt", "healthz", "authors", "comments", "views", "api", "accounts",
        "preview", "i18n", "favicon.ico", "en", "fa", "ar", "corrections", "about", "contact", "privacy",
    }
)  # fmt: skip


# How many Editor's Choice picks the home page shows (its admin warns about picks beyond them).
EDITORS_CHOICE_SLOTS = 5

# A reader's pace for an article's reading time (common estimates run 200 to 250 for news).
WORDS_PER_MINUTE = 200

# Search ranks relevance among this many of the newest matching articles.
SEARCH_CANDIDATES = 1000


def validate_section_slug(value: str) -> None:
    if value.lower() in RESERVED_FIRST_SEGMENTS:
        raise ValidationError(
            _("“%(slug)s” is already used by another part of the site (/%(slug)s/). Choose another slug."),
            code="reserved_slug",
            params={"slug": value},
        )


# Sections are few and rarely change: pages find them in memory, kept until one changes.
SECTIONS_SECONDS = 300


class SectionQuerySet(models.QuerySet):
    def cached(self) -> dict[str, Section]:
        """Every section by slug, in the sections' order, kept in the cache (no query on a
        running site) until a section changes (the ``sections`` key is purged)."""

        def load() -> dict[str, Section]:
            surrogate_keys.add("sections")
            return {section.slug: section for section in Section.objects.all()}

        return surrogate_keys.cached("sections-by-slug", load, SECTIONS_SECONDS)

    def by_slug(self, slug: str) -> Section | None:
        """The section with this slug, from the cached sections."""
        return self.cached().get(slug)


class Section(editions.LocalNames, models.Model):
    name = LineField(_("name"), max_length=80, unique=True)
    slug = models.SlugField(
        _("slug"),
        max_length=80,
        unique=True,
        allow_unicode=True,
        validators=[validate_section_slug],
        help_text=_("The first part of the section's address: /news/. Letters of any alphabet are fine."),
    )
    description = LinesField(_("description"), max_length=500, blank=True)
    # Every edition has the section: its words in each edition's language (common/editions.py).
    name_ar = LineField(_("name in Arabic"), max_length=80, blank=True)
    name_fa = LineField(_("name in Persian"), max_length=80, blank=True)
    description_ar = LinesField(_("description in Arabic"), max_length=500, blank=True)
    description_fa = LinesField(_("description in Persian"), max_length=500, blank=True)
    position = models.PositiveIntegerField(
        _("position"), default=0, help_text=_("Sections are listed in this order, lowest first.")
    )
    in_navigation = models.BooleanField(
        _("in navigation"), default=True, help_text=_("Show the section in the site's main menu.")
    )

    objects = SectionQuerySet.as_manager()

    class Meta:
        ordering = ["position", "name"]
        verbose_name = _("section")
        verbose_name_plural = _("sections")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self, language: str | None = None) -> str:
        """The section's page in an edition: the one shown now, unless another is named."""
        return cached_reverse("articles:section", language=language, section_slug=self.slug)


class Author(models.Model):
    name = LineField(_("name"), max_length=120)
    slug = models.SlugField(_("slug"), max_length=120, unique=True, allow_unicode=True)
    bio = LinesField(_("short biography"), max_length=1000, blank=True)
    photo = models.ForeignKey(
        Image, verbose_name=_("photo"), on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("author")
        verbose_name_plural = _("authors")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return cached_reverse("articles:author", slug=self.slug)


# What a page needs of an article's section to name it in any edition (Section.local_name).
SECTION_NAME_FIELDS = ("section__name", "section__name_ar", "section__name_fa")
# Columns no page shows: the search text and its vector (large), read by the database only.
SEARCH_FIELDS = ("body_text", "search_extra", "search_vector")


def inline_authors() -> InlinePrefetch:
    return InlinePrefetch(
        "authors",
        Author.objects.filter(articles=OuterRef("pk")).order_by("name", "id"),
        ("id", "name", "slug"),
    )


@dataclass
class NewestLists:
    """What ArticleQuerySet.newest_lists() found: articles with their ids only."""

    latest: list[Article]
    by_section: dict[int, list[Article]]


class ArticleQuerySet(PublishableQuerySet):
    def for_listing(self) -> ArticleQuerySet:
        """Everything a list of articles shows (section, picture, authors), in one query,
        newest first."""
        queryset = self.select_related("section", "hero_image").defer("body", *SEARCH_FIELDS)
        return with_inline(queryset, inline_authors()).newest_first()

    def for_page_frame(self) -> ArticleQuerySet:
        """What an article's page shows around its stored story (articles/story.py): the
        address, the title and lead for the page's head, what the comments need, whether the
        story has versions in other editions."""
        translated = Exists(Article.objects.published().filter(translation_of=OuterRef("pk")))
        return (
            self.select_related("section")
            .only(
                "id", "title", "slug", "lead", "status", "published_at", "comments_enabled", "language",
                "translation_of", "section__id", "section__slug", *SECTION_NAME_FIELDS,
            )
            .annotate(has_translations=translated)
        )  # fmt: skip

    def for_page(self) -> ArticleQuerySet:
        """Everything an article's page shows of it (section, picture, authors, tags, topics,
        corrections, the editors' related picks), in one query."""
        corrections = self.model._meta.get_field("corrections").related_model
        return with_inline(
            self.select_related("section", "hero_image").defer(*SEARCH_FIELDS),
            inline_authors(),
            inline_tags(self.model),
            InlinePrefetch(
                "topics",
                # Readers see the public topics only (not drafts, nor topics under a draft).
                Topic.objects.public()
                .filter(article_links__article=OuterRef("pk"))
                .order_by("tree_id", "lft"),
                ("id", "name", "slug"),
            ),
            InlinePrefetch(
                "corrections",
                corrections.objects.filter(article=OuterRef("pk")).order_by("published_at", "id"),
                ("id", "kind", "published_at", "text"),
            ),
        ).annotate(
            related_pick_ids=ArraySubquery(
                RelatedArticle.objects.filter(article=OuterRef("pk"))
                .order_by("position", "id")
                .values("related")
            )
        )

    def feed_entries(self) -> ArticleQuerySet:
        """Ids and dates only, newest first: a feed reads its items' XML from the store
        (articles/feeds.py) and needs the dates for its own."""
        return self.only("id", "published_at", "updated_at").newest_first()

    def for_feed(self) -> ArticleQuerySet:
        """What a feed's items carry (section, picture, authors, tags as categories), in one
        query, newest first."""
        queryset = self.select_related("section", "hero_image").defer("body", *SEARCH_FIELDS)
        return with_inline(queryset, inline_authors(), inline_tags(self.model)).newest_first()

    # What a headline shows: title, date, address (section, slug, edition).
    HEADLINE_FIELDS = (
        "id",
        "title",
        "slug",
        "language",
        "published_at",
        "section__slug",
        *SECTION_NAME_FIELDS,
    )

    def headlines(self) -> ArticleQuerySet:
        """Just enough for a list of linked titles with dates: one query, newest first."""
        return self.select_related("section").only(*self.HEADLINE_FIELDS).newest_first()

    def newest_lists(
        self, latest: int, sections: Sequence[int], per_section: int, excluding: Sequence[int] = ()
    ) -> NewestLists:
        """The ids of the ``latest`` newest of these articles and of the ``per_section`` newest of
        each of these sections (ids) but ``excluding`` (ids shown elsewhere on the page), in one
        query: a row a section with both lists as arrays, each a small index scan. (A UNION of
        one query a list did the same in the database but cost 6–7 ms of Python to build.)"""
        newest = self.newest_first().values("id")
        if not sections:
            return NewestLists([Article(pk=pk) for pk in newest.values_list("id", flat=True)[:latest]], {})
        rows = list(
            Section.objects.filter(pk__in=sections)
            .annotate(
                newest=ArraySubquery(
                    newest.filter(section_id=OuterRef("pk")).exclude(pk__in=excluding)[:per_section]
                ),
                latest=ArraySubquery(newest[:latest]),  # the same for every row: computed once
            )
            .values_list("pk", "newest", "latest")
        )
        by_section = {section_id: [Article(pk=pk) for pk in ids] for section_id, ids, _latest in rows}
        return NewestLists(
            [Article(pk=pk) for pk in rows[0][2]] if rows else [],
            {section_id: by_section.get(section_id, []) for section_id in sections},
        )

    def in_section(self, slug: str) -> ArticleQuerySet:
        return self.filter(section__slug=slug)

    def tagged(self, tag: Any, many: bool = False) -> ArticleQuerySet:
        """Articles with the tag; ``many`` when the tag has a thousand or more (see among())."""
        links = TaggedItem.objects.filter(tag=tag, content_type=ContentType.objects.get_for_model(self.model))
        return self.among(links.values("object_id"), many)

    def filed_under(self, topic: Topic, many: bool = False) -> ArticleQuerySet:
        """Articles filed under the topic or any of its subtopics (no duplicates); ``many``
        when they are a thousand or more (see among())."""
        links = ArticleTopic.objects.filter(
            topic__tree_id=topic.tree_id, topic__lft__gte=topic.lft, topic__rght__lte=topic.rght
        )
        return self.among(links.values("article_id"), many)

    def search(self, text: str) -> ArticleQuerySet:
        """These articles matching a reader's words, best match first, newer first among
        equals, each with a ``snippet`` (headline with markers; see the search_snippets tags).

        Relevance is ranked among the newest SEARCH_CANDIDATES matches: a word found in
        every article would otherwise mean ranking the whole archive on each search. The
        candidates are a subquery of this queryset, so filters applied before still hold
        and nothing runs until the results are read.
        """
        query = search_query(text)
        newest_matches = (
            self.filter(search_vector=query).order_by("-published_at", "-id").values("pk")[:SEARCH_CANDIDATES]
        )
        return (
            self.filter(pk__in=newest_matches)
            .annotate(
                rank=SearchRank(F("search_vector"), query),
                snippet=SearchHeadline(
                    Concat("lead", Value(" "), "body_text", output_field=models.TextField()),
                    query,
                    config=search_config(),
                    start_sel="\u0002",
                    stop_sel="\u0003",
                    max_words=40,
                    min_words=20,
                    max_fragments=2,
                    fragment_delimiter=" … ",
                ),
            )
            .order_by("-rank", "-published_at", "-id")
        )

    def published_between(self, start: datetime | None, end: datetime | None) -> ArticleQuerySet:
        """Articles published from ``start`` (included) until ``end`` (excluded); None leaves
        that side open (the search page's date filters)."""
        bounds = {"published_at__gte": start, "published_at__lt": end}
        return self.filter(**{lookup: moment for lookup, moment in bounds.items() if moment is not None})

    def search_suggestion(self, text: str, beyond: int = 0) -> str | None:
        """The query of "Did you mean …?": the reader's with misspelt words replaced by words of
        the edition's articles (SearchWord), when these articles match it more than ``beyond``
        times; else None. One query."""
        suggested = SearchQuery(
            RawSQL(SUGGESTED_QUERY, (), output_field=models.TextField()),  # noqa: S611 (a column name of ours)
            search_type="websearch",
            config=search_config(),
        )
        matches = self.filter(search_vector=suggested).order_by().values("pk")[: beyond + 1]
        return SearchWord.objects.suggestion(text, editions.current(), matches, beyond)

    def editors_choice(self) -> ArticleQuerySet:
        """Articles picked for the home page whose pick has not lapsed, in the editors' order."""
        return self.filter(Exists(EditorsPick.objects.active().filter(article=OuterRef("pk")))).order_by(
            "editors_pick__position", "-published_at"
        )


class Article(PublishableModel):
    title = LineField(_("title"), max_length=200)
    slug = models.SlugField(
        _("slug"),
        max_length=200,
        allow_unicode=True,
        blank=True,
        help_text=_("The readable end of the address. Made from the title when left empty."),
    )
    section = models.ForeignKey(
        Section, verbose_name=_("section"), on_delete=models.PROTECT, related_name="articles"
    )
    lead = LinesField(
        _("lead"), max_length=600, help_text=_("One or two sentences shown under the title and in lists.")
    )
    body = models.TextField(
        _("body"),
        blank=True,
        help_text=_("Cleaned on save: scripts, styles and unknown markup are removed."),
    )
    hero_image = models.ForeignKey(
        Image,
        verbose_name=_("hero image"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("Choose from the image library, or upload a new picture below."),
    )
    authors = models.ManyToManyField(Author, verbose_name=_("authors"), blank=True, related_name="articles")
    tags = TaggableManager(_("tags"), blank=True)
    topics = models.ManyToManyField(
        Topic, verbose_name=_("In Focus topics"), through="ArticleTopic", blank=True, related_name="articles"
    )
    related_articles = models.ManyToManyField(
        "self",
        verbose_name=_("related content"),
        through="RelatedArticle",
        through_fields=("article", "related"),
        symmetrical=False,
        blank=True,
        related_name="+",
    )
    translation_of = models.ForeignKey(
        "self",
        verbose_name=_("translation of"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="translations",
        help_text=_(
            "The story this one translates into its edition's language. The versions link each other "
            "(and the language menu goes from one to the other)."
        ),
    )
    updated_at = models.DateTimeField(
        _("substantially updated"),
        null=True,
        blank=True,
        help_text=_("Shown to readers as “Updated …”. Set it when the story changed in substance."),
    )
    # Kept current on save and when tags or authors change (articles/search_index.py):
    # the text that full-text search and its snippets read.
    body_text = models.TextField(editable=False, blank=True)
    search_extra = models.TextField(editable=False, blank=True)
    search_vector = models.GeneratedField(
        expression=edition_vector(("title", "A"), ("lead", "B"), ("search_extra", "B"), ("body_text", "C")),
        output_field=SearchVectorField(),
        db_persist=True,
    )
    comments_enabled = models.BooleanField(
        _("comments open"),
        default=True,
        help_text=_("Readers may comment. Comments also close by themselves some days after publication."),
    )

    objects = ArticleQuerySet.as_manager()

    class Meta(PublishableModel.Meta):
        verbose_name = _("article")
        verbose_name_plural = _("articles")
        permissions = [("publish_article", _("Can publish, schedule and unpublish articles"))]
        indexes = [
            *PublishableModel.Meta.indexes,
            # Section pages: an edition's newest published articles of one section.
            models.Index(
                fields=["language", "section", "-published_at", "-id"],
                name="article_section_recent",
                condition=Q(status="published"),
            ),
            GinIndex(fields=["search_vector"], name="article_search"),
            # Sitemaps: when the published articles last changed.
            models.Index(
                fields=["-modified_at"], name="article_recently_edited", condition=Q(status="published")
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        super().clean()
        original = self.translation_of
        if original is None:
            return
        if original.translation_of_id:
            # Versions all link to the story's first version: a translation of a translation is one of it.
            self.translation_of = original = original.translation_of
        if self.pk and original.pk == self.pk:
            raise ValidationError({"translation_of": _("A story cannot be a translation of itself.")})
        if original.language == self.language:
            raise ValidationError(
                {"translation_of": _("Choose the story in another edition: this one is in the same edition.")}
            )
        if self.pk and self.translations.exists():
            raise ValidationError(
                {
                    "translation_of": _(
                        "Other editions translate this story: it is the original, not a translation."
                    )
                }
            )
        taken = (
            Article.objects.filter(Q(pk=original.pk) | Q(translation_of=original), language=self.language)
            .exclude(pk=self.pk)
            .first()
        )
        if taken is not None:
            raise ValidationError(
                {
                    "translation_of": _("This edition already has a version of this story: “%(title)s”.")
                    % {"title": taken.title}
                }
            )

    def save(self, *args, **kwargs) -> None:
        if not self.slug:
            self.slug = unicode_slug(self.title, 200, fallback="article")
        self.body = sanitize_html(self.body)
        self.body_text = plain_text(self.body)
        super().save(*args, **kwargs)

    def listing_keys(self) -> list[str]:
        """The lists this article appears in: every list of articles, its section's, its tags',
        its authors' and its topics' (and their ancestors')."""
        keys = ["articles", f"section:{self.section_id}:articles"]
        if self.translation_of_id:
            # The story's other versions link to this one (hreflang, the language menu).
            keys.append(f"article:{self.translation_of_id}")
        if self.pk:
            keys += [f"tag:{pk}:articles" for pk in self.tags.values_list("pk", flat=True)]
            keys += [f"author:{pk}:articles" for pk in self.authors.values_list("pk", flat=True)]
            keys += Topic.objects.listing_keys(self.topics.values_list("pk", flat=True))
        return keys

    def versions(self) -> list[Article]:
        """The story's published versions in the other editions (one query): the article it
        translates, and that article's other translations, or this one's translations."""
        root = self.translation_of_id or self.pk
        return list(
            Article.objects.published()
            .filter(Q(pk=root) | Q(translation_of=root))
            .exclude(pk=self.pk)
            .headlines()
        )

    @property
    def reading_minutes(self) -> int:
        """About how long the body takes to read, at least a minute (WORDS_PER_MINUTE)."""
        words = len(strip_tags(self.body).split())
        return max(1, round(words / WORDS_PER_MINUTE))

    def get_absolute_url(self) -> str:
        # /<section>/<id>/<slug>/, the pattern "articles:article", built on the section's address
        # in the article's own edition (/ar/news/… for an Arabic article, whichever page links it).
        return path_below(self.section.get_absolute_url(self.language), self.pk, self.slug)

    def more_in_section(self, limit: int) -> list[Article]:
        """The newest published articles of this one's section and edition but this one, with
        what their cards show: the end of the story, where a reader looks for what to read next."""
        return list(
            Article.objects.published()
            .in_edition(self.language)
            .filter(section_id=self.section_id)
            .exclude(pk=self.pk)
            .for_listing()[:limit]
        )

    def related_content(self, limit: int = 5) -> list[Article]:
        """The editors' picks in their order, then published articles sharing a tag or a topic,
        newest first (the site-wide rule, PublishableQuerySet.related_to), as headlines.

        Never this article, never an unpublished one. One query, or two when the editors
        picked some (tags, topics and the picks' ids come from ``for_page()`` when the
        article was read with it).
        """
        pick_ids = getattr(self, "related_pick_ids", None)
        if pick_ids is None:
            pick_ids = list(self.related_links.values_list("related", flat=True))
        picks: list[Article] = []
        if pick_ids:
            found = Article.objects.published().in_edition(self.language).headlines().in_bulk(pick_ids)
            picks = [found[pk] for pk in pick_ids if pk in found][:limit]
        missing = limit - len(picks)
        if missing <= 0:
            return picks
        similar = (
            Article.objects.published()
            .in_edition(self.language)
            .related_to(self)
            .exclude(pk__in=pick_ids)
            .headlines()
        )
        return picks + list(similar[:missing])


class ArticleTopic(models.Model):
    """An article filed under an In Focus topic. A topic with articles cannot be
    deleted (PROTECT): the editor moves the articles first."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="topic_links")
    topic = models.ForeignKey(
        Topic, verbose_name=_("topic"), on_delete=models.PROTECT, related_name="article_links"
    )

    class Meta:
        verbose_name = _("In Focus topic")
        verbose_name_plural = _("In Focus topics")
        constraints = [models.UniqueConstraint(fields=["article", "topic"], name="article_topic_once")]
        indexes = [models.Index(fields=["topic", "article"], name="article_topic_by_topic")]

    def __str__(self) -> str:
        return _("“%(article)s” is filed under “%(topic)s”") % {"article": self.article, "topic": self.topic}


class RelatedArticle(models.Model):
    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="related_links")
    related = models.ForeignKey(
        Article, verbose_name=_("related article"), on_delete=models.CASCADE, related_name="related_from"
    )
    position = models.PositiveIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["position", "id"]
        verbose_name = _("related article")
        verbose_name_plural = _("related content")
        constraints = [
            models.UniqueConstraint(fields=["article", "related"], name="related_article_once"),
            models.CheckConstraint(
                condition=~Q(article=models.F("related")), name="related_article_not_self"
            ),
        ]

    def __str__(self) -> str:
        return str(self.related)

    def clean(self) -> None:
        if self.article_id and self.article_id == self.related_id:
            raise ValidationError({"related": _("An article cannot be related to itself.")})


class EditorsPickQuerySet(models.QuerySet):
    def active(self, now: datetime | None = None) -> EditorsPickQuerySet:
        """Picks that have not lapsed: no end date, or one still to come."""
        return self.filter(EditorsPick.still_active(now))

    def with_activity(self) -> EditorsPickQuerySet:
        """Each pick annotated with ``is_active``, by the same rule as active()."""
        return self.annotate(
            is_active=models.ExpressionWrapper(EditorsPick.still_active(), output_field=models.BooleanField())
        )

    def next_lapse(self, now: datetime | None = None) -> datetime | None:
        """When the next pick lapses, if any: the home page changes then."""
        return (
            self.active(now)
            .filter(ends_at__isnull=False)
            .order_by("ends_at")
            .values_list("ends_at", flat=True)
            .first()
        )

    def with_home_slot(self, now: datetime | None = None) -> EditorsPickQuerySet:
        """Each pick with ``home_slot``: its place in its edition's home page's Editor's Choice
        (1 is first) when it is active and its article public, counting the picks of the same
        edition ahead of it in the home page's order; None otherwise. The home page shows the
        first EDITORS_CHOICE_SLOTS."""
        now = now or timezone.now()
        shown = EditorsPick.still_active(now) & Q(article__status="published", article__published_at__lte=now)
        ahead = (
            EditorsPick.objects.filter(shown, article__language=OuterRef("article__language"))
            .filter(
                Q(position__lt=OuterRef("position"))
                | Q(
                    position=OuterRef("position"), article__published_at__gt=OuterRef("article__published_at")
                )
                | Q(
                    position=OuterRef("position"),
                    article__published_at=OuterRef("article__published_at"),
                    pk__lt=OuterRef("pk"),
                )
            )
            .order_by()
            # COUNT as a plain function, not an aggregate: one row, no GROUP BY.
            .annotate(total=models.Func(models.F("id"), function="COUNT"))
            .values("total")
        )
        return self.annotate(
            home_slot=models.Case(
                models.When(shown, then=Coalesce(Subquery(ahead[:1]), 0) + 1),
                default=None,
                output_field=models.IntegerField(),
            )
        )

    def next_position(self) -> int:
        return (self.aggregate(highest=Max("position"))["highest"] or 0) + 1


class EditorsPick(models.Model):
    """An article the editors put in the home page's Editor's Choice block."""

    article = models.OneToOneField(
        Article, verbose_name=_("article"), on_delete=models.CASCADE, related_name="editors_pick"
    )
    position = models.PositiveIntegerField(
        _("position"), default=0, help_text=_("Lowest first on the home page.")
    )
    ends_at = models.DateTimeField(
        _("ends"),
        null=True,
        blank=True,
        help_text=_("Optional. After this moment the pick lapses by itself."),
    )
    created_at = models.DateTimeField(_("picked"), auto_now_add=True)

    objects = EditorsPickQuerySet.as_manager()

    class Meta:
        ordering = ["position", "-created_at"]
        verbose_name = _("Editor's Choice pick")
        verbose_name_plural = _("Editor's Choice")

    def __str__(self) -> str:
        return str(self.article)

    @staticmethod
    def still_active(now: datetime | None = None) -> Q:
        """The one definition of a pick that has not lapsed."""
        return Q(ends_at__isnull=True) | Q(ends_at__gt=now or timezone.now())
