"""Reader pages: article, section, tag and author listings."""

from __future__ import annotations

from typing import Any

from django.db.models import Exists, OuterRef, Prefetch
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseForbidden
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_safe
from django.views.generic import ListView
from taggit.models import Tag

from articles import ranking, view_counting
from articles.models import Article, Author, Section
from common import surrogate_keys
from common.origin import is_same_origin
from common.page_parameters import uses_parameters
from common.pagination import DeferredJoinPaginator
from common.publishing import keep_previews_private, tag_is_public
from focus.models import Topic

ARTICLES_PER_PAGE = 20


class ArticleListView(ListView):
    """Published articles, newest first, 20 a page; a bad ?page= is a 404."""

    template_name = "articles/article_list.html"
    context_object_name = "articles"
    paginate_by = ARTICLES_PER_PAGE
    paginator_class = DeferredJoinPaginator
    http_method_names = ["get", "head"]  # not OPTIONS: a reader page answers GET and HEAD
    show_section_names = True
    cache_parameters = ("page",)

    def articles(self) -> Any:
        return Article.objects.published().for_listing()

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["show_section_names"] = self.show_section_names
        return context


class SectionView(ArticleListView):
    show_section_names = False

    def get_queryset(self) -> Any:
        self.section = get_object_or_404(Section, slug=self.kwargs["section_slug"])
        surrogate_keys.add(surrogate_keys.listing_key(self.section, "articles"))
        return self.articles().filter(section=self.section)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return super().get_context_data(
            heading=self.section.name,
            description=self.section.description,
            current_section_slug=self.section.slug,
            feed_url=reverse("articles:section_feed", kwargs={"section_slug": self.section.slug}),
            atom_feed_url=reverse("articles:section_feed_atom", kwargs={"section_slug": self.section.slug}),
            **kwargs,
        )


class TagView(ArticleListView):
    """Published articles with a tag; a tag nothing published carries has no page."""

    def get_queryset(self) -> Any:
        self.tag = get_object_or_404(
            Tag.objects.annotate(is_public=tag_is_public()), slug=self.kwargs["slug"]
        )
        # Even its 404 is refreshed when an article with the tag is published.
        surrogate_keys.add(surrogate_keys.listing_key(self.tag, "articles"))
        if not self.tag.is_public:
            raise Http404(_("No published article has this tag."))
        return self.articles().tagged(self.tag)

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
            has_published=Exists(Article.objects.published().filter(authors=OuterRef("pk")))
        )
        self.author = get_object_or_404(authors, slug=self.kwargs["slug"])
        # Even its 404 is refreshed when one of the author's articles is published.
        surrogate_keys.add(surrogate_keys.listing_key(self.author, "articles"))
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


RELATED_CACHE_SECONDS = 600


def cached_related_content(article: Article) -> list[Article]:
    """Related Content, with the choice of articles kept until one of them changes (or for
    RELATED_CACHE_SECONDS), so re-rendering an article skips the search for similar ones."""
    if not article.is_public:
        return article.related_content()
    ids = surrogate_keys.cached(
        f"related:{article.pk}",
        lambda: [item.pk for item in article.related_content()],
        RELATED_CACHE_SECONDS,
    )
    if not ids:
        return []
    found = Article.objects.published().for_listing().in_bulk(ids)
    return [found[pk] for pk in ids if pk in found]


@uses_parameters("comments")
@require_safe
def article_detail(request: HttpRequest, section_slug: str, pk: int, slug: str) -> HttpResponse:
    """One article. Unpublished ones are a 404 except for staff previewing them;
    an outdated section or slug in the address answers 301 to the canonical one."""
    # Even a 404 for this address is refreshed when the article is published.
    surrogate_keys.add(f"article:{pk}")
    article = get_object_or_404(
        Article.objects.visible_to(request.user)
        .select_related("section", "hero_image")
        .prefetch_related(
            Prefetch("authors", queryset=Author.objects.only("id", "name", "slug")),
            "tags",
            Prefetch("topics", queryset=Topic.objects.public()),
        ),
        pk=pk,
    )
    if section_slug != article.section.slug or slug != article.slug:
        return redirect(article, permanent=True)
    is_preview = not article.is_public
    response = render(
        request,
        "articles/article_detail.html",
        {
            "article": article,
            "related_articles": cached_related_content(article),
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
