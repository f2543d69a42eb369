"""Topic pages: the tree of all topics and one topic with what is filed under it."""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404
from django.views.generic import ListView, TemplateView
from mptt.utils import get_cached_trees

from common import surrogate_keys
from common.pagination import CachedCountPaginator, cached_count
from common.publishing import MANY_ITEMS, can_preview
from focus import listings
from focus.models import Topic

ITEMS_PER_PAGE = 20


class TopicIndexView(TemplateView):
    """Every topic as a tree, in one query."""

    template_name = "focus/topic_index.html"
    http_method_names = ["get", "head"]  # not OPTIONS: a reader page answers GET and HEAD

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        surrogate_keys.add("topics")
        # The tree's roots, each holding its subtopics (get_children() reads no more rows).
        return super().get_context_data(roots=get_cached_trees(Topic.objects.public()), **kwargs)


class TopicView(ListView):
    """A topic: image, description, introduction, breadcrumb, subtopics, and everything
    filed under it or any subtopic (articles, albums, films), newest first, 20 a page."""

    template_name = "focus/topic_detail.html"
    context_object_name = "rows"
    paginate_by = ITEMS_PER_PAGE
    http_method_names = ["get", "head"]  # not OPTIONS: a reader page answers GET and HEAD
    cache_parameters = ("page",)

    def get_queryset(self) -> Any:
        topics = Topic.objects.visible_to(self.request.user).select_related("image")
        try:
            self.topic = get_object_or_404(topics, slug=self.kwargs["slug"])
        except Http404:
            surrogate_keys.add("topics")  # the missing page is refreshed when a topic is published
            raise
        self.list_key = surrogate_keys.listing_key(self.topic, "items")
        surrogate_keys.add(self.list_key)
        many = cached_count(lambda: listings.stream(self.topic), self.list_key) >= MANY_ITEMS
        return listings.stream(self.topic, many)

    def get_paginator(self, queryset: Any, per_page: int, **kwargs: Any) -> CachedCountPaginator:
        # The count is kept until something is filed under the topic or taken away.
        return CachedCountPaginator(queryset, per_page, count_key=self.list_key, **kwargs)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        # Readers only ever reach public topics; staff who may preview see drafts too.
        self.previewing = can_preview(self.request.user, Topic)
        ancestors, subtopics = Topic.objects.visible_to(self.request.user).family(self.topic)
        context.update(
            topic=self.topic,
            ancestors=ancestors,
            subtopics=subtopics,
            # A lead story heads the first page, as on the other list pages.
            items=listings.materialise(context["object_list"], lead=context["page_obj"].number == 1),
            is_preview=self.previewing and not self.topic.is_public,
        )
        return context

    def render_to_response(self, context: dict[str, Any], **kwargs: Any) -> HttpResponse:
        response = super().render_to_response(context, **kwargs)
        if self.previewing:
            response["Cache-Control"] = "private, no-store"
        return response
