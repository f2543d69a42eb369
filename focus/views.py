"""Topic pages: the tree of all topics and one topic with what is filed under it."""

from __future__ import annotations

from typing import Any

from django.shortcuts import get_object_or_404
from django.views.generic import ListView, TemplateView

from alwaght.pagination import DeferredJoinPaginator
from focus import listings
from focus.models import Topic

ITEMS_PER_PAGE = 20


class TopicIndexView(TemplateView):
    """Every topic as a tree, in one query."""

    template_name = "focus/topic_index.html"
    http_method_names = ["get", "head", "options"]

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return super().get_context_data(topics=Topic.objects.all(), **kwargs)


class TopicView(ListView):
    """A topic: image, description, introduction, breadcrumb, subtopics, and what is
    filed under it or any subtopic, newest first, 20 a page."""

    template_name = "focus/topic_detail.html"
    context_object_name = "items"
    paginate_by = ITEMS_PER_PAGE
    paginator_class = DeferredJoinPaginator
    http_method_names = ["get", "head", "options"]

    def get_queryset(self) -> Any:
        self.topic = get_object_or_404(Topic, slug=self.kwargs["slug"])
        content = listings.registered()
        return content.items(self.topic) if content else Topic.objects.none()

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        content = listings.registered()
        return super().get_context_data(
            topic=self.topic,
            ancestors=self.topic.get_ancestors(),
            subtopics=self.topic.get_children(),
            item_template=content.item_template if content else "",
            **kwargs,
        )
