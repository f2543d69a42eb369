"""Topic pages: the tree of all topics and one topic with what is filed under it."""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404
from django.views.generic import ListView, TemplateView

from common import surrogate_keys
from common.publishing import can_preview
from focus import listings
from focus.models import Topic

ITEMS_PER_PAGE = 20


class TopicIndexView(TemplateView):
    """Every topic as a tree, in one query."""

    template_name = "focus/topic_index.html"
    http_method_names = ["get", "head"]  # not OPTIONS: a reader page answers GET and HEAD

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        surrogate_keys.add("topics")
        return super().get_context_data(topics=Topic.objects.public(), **kwargs)


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
        surrogate_keys.add(surrogate_keys.listing_key(self.topic, "items"))
        return listings.stream(self.topic)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        # Readers only ever reach public topics; staff who may preview see drafts too.
        self.previewing = can_preview(self.request.user, Topic)
        context.update(
            topic=self.topic,
            ancestors=self.topic.get_ancestors(),
            subtopics=self.topic.get_children().visible_to(self.request.user),
            items=listings.materialise(context["object_list"]),
            is_preview=self.previewing and not self.topic.is_public,
        )
        return context

    def render_to_response(self, context: dict[str, Any], **kwargs: Any) -> HttpResponse:
        response = super().render_to_response(context, **kwargs)
        if self.previewing:
            response["Cache-Control"] = "private, no-store"
        return response
