"""Editors arrange the In Focus tree by drag and drop (django-mptt's draggable admin)."""

from __future__ import annotations

from typing import Any

from django.contrib import admin, messages
from django.db import transaction
from django.db.models import ProtectedError, QuerySet
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from mptt.admin import DraggableMPTTAdmin
from mptt.forms import MPTTAdminForm

from alwaght.page_cache import bump_generation
from focus import listings
from focus.models import Topic, lock_topic_tree


class TopicForm(MPTTAdminForm):
    class Meta:
        model = Topic
        fields = [
            "name", "slug", "parent", "description", "introduction", "image", "featured", "featured_position",
        ]  # fmt: skip

    def clean(self) -> dict[str, Any]:
        parent = self.data.get("parent")
        cleaned_data = super().clean()
        if self.instance.pk and parent and "parent" in self.errors:
            # Say why, in words, instead of mptt's "Invalid parent".
            self.errors["parent"] = self.error_class(
                [_("A topic cannot be placed under itself or under one of its own subtopics.")]
            )
        return cleaned_data


@admin.register(Topic)
class TopicAdmin(DraggableMPTTAdmin):
    form = TopicForm
    list_display = [
        "tree_actions",
        "indented_title",
        "slug",
        "featured",
        "featured_position",
        "article_count",
    ]
    list_display_links = ["indented_title"]
    list_filter = ["featured"]
    search_fields = ["name", "description"]
    prepopulated_fields = {"slug": ["name"]}
    actions = ["feature", "unfeature"]
    expand_tree_by_default = True

    def get_queryset(self, request: HttpRequest) -> QuerySet[Topic]:
        queryset = super().get_queryset(request)
        content = listings.registered()
        return content.annotate_counts(queryset) if content else queryset

    @admin.display(description=_("published articles"))
    def article_count(self, topic: Topic) -> int | str:
        return getattr(topic, "published_count", "–")

    def _move_node(self, request: HttpRequest) -> HttpResponse:
        # One tree edit at a time, inside the move's transaction.
        with transaction.atomic():
            lock_topic_tree()
            moving = self._topic_from(request.POST.get("cut_item"))
            target = self._topic_from(request.POST.get("pasted_on"))
            position = request.POST.get("position")
            if (
                moving
                and target
                and position == "last-child"
                and target.is_descendant_of(moving, include_self=True)
            ):
                self.message_user(
                    request,
                    _("“%(topic)s” cannot be moved under itself or under one of its own subtopics.")
                    % {"topic": moving.name},
                    messages.ERROR,
                )
                return HttpResponse("FAIL, invalid move.")
            response = super()._move_node(request)
            bump_generation()
            return response

    @staticmethod
    def _topic_from(value: str | None) -> Topic | None:
        return Topic.objects.filter(pk=int(value)).first() if value and value.isdigit() else None

    def delete_selected_tree(self, modeladmin: Any, request: HttpRequest, queryset: QuerySet[Topic]) -> Any:
        """mptt's bulk delete, refusing topics that still hold subtopics or articles."""
        if not request.POST.get("post"):
            return super().delete_selected_tree(modeladmin, request, queryset)
        deleted, refused = 0, []
        for topic in queryset.order_by("-level"):  # leaves first
            try:
                with transaction.atomic():
                    topic.delete()
                deleted += 1
            except ProtectedError:
                refused.append(topic.name)
        if deleted:
            self.message_user(
                request,
                ngettext("%(count)d topic was deleted.", "%(count)d topics were deleted.", deleted)
                % {"count": deleted},
                messages.SUCCESS,
            )
        if refused:
            self.message_user(
                request,
                _("Not deleted, because they still have subtopics or articles: %(names)s.")
                % {"names": ", ".join(refused)},
                messages.ERROR,
            )
        return None

    @admin.action(description=_("Feature on the home page"), permissions=["change"])
    def feature(self, request: HttpRequest, queryset: QuerySet[Topic]) -> None:
        changed = queryset.filter(featured=False).update(featured=True)
        bump_generation()
        self.message_user(
            request,
            ngettext("%(count)d topic is now featured.", "%(count)d topics are now featured.", changed)
            % {"count": changed},
            messages.SUCCESS,
        )

    @admin.action(description=_("Stop featuring on the home page"), permissions=["change"])
    def unfeature(self, request: HttpRequest, queryset: QuerySet[Topic]) -> None:
        changed = queryset.filter(featured=True).update(featured=False)
        bump_generation()
        self.message_user(
            request,
            ngettext(
                "%(count)d topic is no longer featured.", "%(count)d topics are no longer featured.", changed
            )
            % {"count": changed},
            messages.SUCCESS,
        )
