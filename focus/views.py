"""Topic pages: the tree of all topics and one topic with what is filed under it."""

from __future__ import annotations

from typing import Any

from django.shortcuts import get_object_or_404
from django.views.generic import ListView, TemplateView
from mptt.utils import get_cached_trees

from common import surrogate_keys
from common.pagination import CachedCountPaginator, cached_count
from common.publishing import MANY_ITEMS
from focus import listings
from focus.models import Topic

ITEMS_PER_PAGE = 20


class TopicIndexView(TemplateView):
    """Every topic as a tree, in one query."""

    template_name = "focus/topic_index.html"
    http_method_names = ["get", "head", "options"]

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        surrogate_keys.add("topics")
        # The tree's roots, each holding its subtopics (get_children() reads no more rows).
        return super().get_context_data(roots=get_cached_trees(Topic.objects.all()), **kwargs)


class TopicView(ListView):
    """A topic: image, description, introduction, breadcrumb, subtopics, and everything
    filed under it or any subtopic (articles, albums, films), newest first, 20 a page."""

    template_name = "focus/topic_detail.html"
    context_object_name = "rows"
    paginate_by = ITEMS_PER_PAGE
    http_method_names = ["get", "head", "options"]
    cache_parameters = ("page",)

    def get_queryset(self) -> Any:
        self.topic = get_object_or_404(Topic.objects.select_related("image"), slug=self.kwargs["slug"])
        self.list_key = surrogate_keys.listing_key(self.topic, "items")
        surrogate_keys.add(self.list_key)
        many = cached_count(lambda: listings.stream(self.topic), self.list_key) >= MANY_ITEMS
        return listings.stream(self.topic, many)

    def get_paginator(self, queryset: Any, per_page: int, **kwargs: Any) -> CachedCountPaginator:
        # The count is kept until something is filed under the topic or taken away.
        return CachedCountPaginator(queryset, per_page, count_key=self.list_key, **kwargs)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        ancestors, subtopics = Topic.objects.family(self.topic)
        context.update(
            topic=self.topic,
            ancestors=ancestors,
            subtopics=subtopics,
            items=listings.materialise(context["object_list"]),
        )
        return context
