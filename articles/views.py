"""Reader pages: article, section, tag and author listings."""

from __future__ import annotations

from typing import Any

from django.db.models import Exists, OuterRef
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseForbidden
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_safe
from django.views.generic import ListView
from taggit.models import Tag

from articles import cards, ranking, story, view_counting
from articles.models import Article, Author, Section
from common import editions, surrogate_keys
from common.origin import is_same_origin
from common.page_parameters import uses_parameters
from common.pagination import DeferredJoinPaginator, cached_count
from common.publishing import MANY_ITEMS, keep_previews_private, tag_is_public

ARTICLES_PER_PAGE = 20


class ArticleListView(ListView):
    """Published articles, newest first, 20 a page; a bad ?page= is a 404. The page reads
    its articles' headlines, then their cards (articles/cards.py)."""

    template_name = "articles/article_list.html"
    context_object_name = "articles"
    paginate_by = ARTICLES_PER_PAGE
    http_method_names = ["get", "head"]  # not OPTIONS: a reader page answers GET and HEAD
    card_style = cards.LISTING
    cache_parameters = ("page",)

    # The surrogate key of the list shown, set by get_queryset(): its count is kept until it is purged.
    list_key = ""

    def articles(self) -> Any:
        return Article.objects.published().in_edition().headlines()

    def get_paginator(self, queryset: Any, per_page: int, **kwargs: Any) -> DeferredJoinPaginator:
        return DeferredJoinPaginator(queryset, per_page, count_key=self.list_key, **kwargs)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        # A lead story heads the first page; later pages start with an ordinary row.
        first = self.card_style.lead() if context["page_obj"].number == 1 else self.card_style.eager()
        context["cards"] = cards.article_cards(context["articles"], self.card_style, first)
        return context


class SectionView(ArticleListView):
    card_style = cards.SECTION_LISTING

    def get_queryset(self) -> Any:
        self.section = Section.objects.by_slug(self.kwargs["section_slug"])
        if self.section is None:
            raise Http404("No such section.")
        self.list_key = surrogate_keys.listing_key(self.section, "articles")
        surrogate_keys.add(self.list_key)
        return self.articles().filter(section=self.section)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return super().get_context_data(
            heading=self.section.local_name,
            description=self.section.local_description,
            current_section_slug=self.section.slug,
            feed_url=reverse("articles:section_feed", kwargs={"section_slug": self.section.slug}),
            atom_feed_url=reverse("articles:section_feed_atom", kwargs={"section_slug": self.section.slug}),
            **kwargs,
        )


class TagView(ArticleListView):
    """Published articles with a tag; a tag nothing published carries has no page."""

    def get_queryset(self) -> Any:
        tags = Tag.objects.annotate(is_public=tag_is_public(editions.current()))
        self.tag = get_object_or_404(tags, slug=self.kwargs["slug"])
        # Even its 404 is refreshed when an article with the tag is published.
        self.list_key = surrogate_keys.listing_key(self.tag, "articles")
        surrogate_keys.add(self.list_key)
        if not self.tag.is_public:
            raise Http404(_("No published article has this tag."))
        many = cached_count(lambda: self.articles().tagged(self.tag), self.list_key) >= MANY_ITEMS
        return self.articles().tagged(self.tag, many)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return super().get_context_data(
            heading=self.tag.name,
            kicker=_("Tag"),
            description="",
            feed_url=reverse("articles:tag_feed", kwargs={"slug": self.tag.slug}),
            atom_feed_url=reverse("articles:tag_feed_atom", kwargs={"slug": self.tag.slug}),
            **kwargs,
        )


class AuthorView(ArticleListView):
    """An author's published articles; an author with nothing published has no page."""

    def get_queryset(self) -> Any:
        authors = Author.objects.select_related("photo").annotate(
            has_published=Exists(Article.objects.published().in_edition().filter(authors=OuterRef("pk")))
        )
        self.author = get_object_or_404(authors, slug=self.kwargs["slug"])
        # Even its 404 is refreshed when one of the author's articles is published.
        self.list_key = surrogate_keys.listing_key(self.author, "articles")
        surrogate_keys.add(self.list_key)
        if not self.author.has_published:
            raise Http404(_("This author has nothing published yet."))
        return self.articles().filter(authors=self.author)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return super().get_context_data(
            heading=self.author.name,
            kicker=_("Author"),
            description=self.author.bio,
            author=self.author,
            **kwargs,
        )


@uses_parameters("comments")
@require_safe
def article_detail(request: HttpRequest, section_slug: str, pk: int, slug: str) -> HttpResponse:
    """One article. Unpublished ones are a 404 except for staff previewing them;
    an outdated section or slug in the address answers 301 to the canonical one.

    Readers get the story from the store (articles/story.py): this view reads only what the
    page needs around it. Previews render it afresh."""
    # Even a 404 for this address is refreshed when the article is published.
    surrogate_keys.add(f"article:{pk}")
    article = get_object_or_404(Article.objects.visible_to(request.user).for_page_frame(), pk=pk)
    if section_slug != article.section.slug or slug != article.slug or article.language != editions.current():
        # Its canonical address, in its own edition.
        return redirect(article, permanent=True)
    is_preview = not article.is_public
    # The story in each edition (hreflang links, the language menu): 1 query, for translated stories only.
    request.alternates = {article.language: article.get_absolute_url()}
    if not is_preview and (article.translation_of_id or article.has_translations):
        for version in article.versions():
            request.alternates.setdefault(version.language, version.get_absolute_url())
    if is_preview:
        full = Article.objects.for_page().get(pk=pk)
        story_html, head = story.render_story(
            request,
            full,
            story.render_related(full.related_content()),
            story.render_more(full, full.more_in_section(story.MORE_IN_SECTION)),
        )
    else:
        story_html, head = story.story_pieces(request, article)
    response = render(
        request,
        "articles/article_detail.html",
        {
            "article": article,
            "story": story_html,
            "story_head": head,
            "is_preview": is_preview,
            "current_section_slug": article.section.slug,
        },
    )
    return keep_previews_private(response, request.user, article)


# The beacon carries no cookie-bound state: instead of a CSRF token, the browser's word on
# where it comes from (common.origin), then deduplication and the rate limits.
@csrf_exempt
@never_cache
@require_http_methods(["GET", "POST"])
def count_view(request: HttpRequest, pk: int) -> HttpResponse:
    """The article page's view beacon (POST from navigator.sendBeacon, GET from the no-JavaScript
    image). Answers 204 at once whatever happens next: the view is noted, and written with the
    worker's others within a second (articles/view_counting.py), which is where unpublished
    articles, repeats and floods are left out."""
    if pk > view_counting.LARGEST_ID:
        raise Http404("No such article.")
    if not is_same_origin(request):
        # Another site's page (or a script saying nothing of where it runs) counts nothing.
        return HttpResponseForbidden()
    if view_counting.is_countable(request):
        view_counting.view_log.add(view_counting.pending_view(request, pk))
    return HttpResponse(status=204)


@uses_parameters("period")
@require_safe
def most_viewed(request: HttpRequest) -> HttpResponse:
    """/most-viewed/?period=day|week|month; anything else shows the day."""
    period = request.GET.get("period", ranking.DEFAULT_PERIOD)
    if period not in ranking.PERIODS:
        period = ranking.DEFAULT_PERIOD
    articles = ranking.most_viewed([period])[period]
    return render(
        request,
        "articles/most_viewed.html",
        {"period": period, "articles": articles, "periods": list(ranking.PERIODS)},
    )
