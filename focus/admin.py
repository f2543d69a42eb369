"""Editors arrange the In Focus tree by drag and drop (django-mptt's draggable admin)."""

from __future__ import annotations

from typing import Any

import reversion
from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import ProtectedError, QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from mptt.admin import DraggableMPTTAdmin
from mptt.forms import MPTTAdminForm
from reversion.models import Version

from common.admin import TolerantAutocompleteMixin
from common.editing import EditingAdmin
from common.forms import ImageDetailsField, LibraryImageForm
from common.surrogate_keys import key_of, purge
from focus import listings
from focus.models import Topic

# A topic's versions keep its words and picture. Its place in the tree (parent and the
# tree's own numbers) is arranged in the tree and is left out: restoring old numbers would
# break the tree.
VERSIONED_FIELDS = ["name", "slug", "description", "introduction", "image", "featured"]
reversion.register(Topic, fields=VERSIONED_FIELDS)


class TopicForm(LibraryImageForm, MPTTAdminForm):
    image_fields = ("image",)
    image_details = ImageDetailsField()

    class Meta:
        model = Topic
        fields = [
            "name", "slug", "parent", "description", "introduction", "image", "status", "featured",
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
class TopicAdmin(TolerantAutocompleteMixin, EditingAdmin, DraggableMPTTAdmin):
    form = TopicForm
    list_display = [
        "tree_actions",
        "indented_title",
        "slug",
        "status",
        "featured",
        "filed_items",
    ]
    list_display_links = ["indented_title"]
    list_filter = ["status", "featured"]
    search_fields = ["name", "description"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["image"]
    fields = [
        "name", "slug", "parent", "description", "introduction", "image", "image_details", "status",
        "featured",
    ]  # fmt: skip
    actions = ["publish", "unpublish", "feature", "unfeature"]
    expand_tree_by_default = True
    # The draggable tree's own list (not django-reversion's, whose "recover deleted" would
    # write a topic back without its place in the tree).
    change_list_template = None

    def get_queryset(self, request: HttpRequest) -> QuerySet[Topic]:
        return listings.annotate_counts(super().get_queryset(request))

    def recoverlist_view(self, request: HttpRequest, extra_context: dict | None = None) -> HttpResponse:
        raise PermissionDenied

    def revision_view(
        self, request: HttpRequest, object_id: str, version_id: str, extra_context: dict | None = None
    ) -> HttpResponse:
        """The version's words and picture loaded into the topic's form, nothing written until the
        form is saved (django-reversion's own restore writes the stored row back, tree numbers too)."""
        topic = get_object_or_404(Topic, pk=unquote(object_id))
        version = get_object_or_404(Version.objects.get_for_object(topic), pk=version_id)
        request.restoring_version = version
        context = {
            "title": _("Restore a version of “%(topic)s”") % {"topic": topic},
            "restoring_version": version,
            **(extra_context or {}),
        }
        return self.changeform_view(request, str(topic.pk), request.path, context)

    @admin.display(description=_("published items"))
    def filed_items(self, topic: Topic) -> str:
        """What is filed directly under the topic, by kind: "3 articles, 1 album"."""
        parts = []
        for content in listings.registered():
            count = getattr(topic, f"{content.kind}_count", 0)
            if count:
                meta = content.model._meta
                name = meta.verbose_name if count == 1 else meta.verbose_name_plural
                parts.append(f"{count} {name}")
        return ", ".join(parts) or "–"

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

    def _set_status(self, queryset: QuerySet[Topic], status: str) -> int:
        changing = list(queryset.exclude(status=status))
        for topic in changing:
            topic.status = status
            topic.save()  # signals: the topic's pages and what is filed under it are purged
        return len(changing)

    @admin.action(description=_("Publish the selected topics"), permissions=["change"])
    def publish(self, request: HttpRequest, queryset: QuerySet[Topic]) -> None:
        changed = self._set_status(queryset, Topic.Status.PUBLISHED)
        self.message_user(
            request,
            ngettext("%(count)d topic was published.", "%(count)d topics were published.", changed)
            % {"count": changed},
            messages.SUCCESS,
        )

    @admin.action(description=_("Unpublish the selected topics (back to draft)"), permissions=["change"])
    def unpublish(self, request: HttpRequest, queryset: QuerySet[Topic]) -> None:
        changed = self._set_status(queryset, Topic.Status.DRAFT)
        self.message_user(
            request,
            ngettext("%(count)d topic was unpublished.", "%(count)d topics were unpublished.", changed)
            % {"count": changed},
            messages.SUCCESS,
        )

    @admin.action(description=_("Feature on the home page"), permissions=["change"])
    def feature(self, request: HttpRequest, queryset: QuerySet[Topic]) -> None:
        changed = queryset.filter(featured=False).update(featured=True)
        purge("topics", *(key_of(topic) for topic in queryset))
        self.message_user(
            request,
            ngettext("%(count)d topic is now featured.", "%(count)d topics are now featured.", changed)
            % {"count": changed},
            messages.SUCCESS,
        )

    @admin.action(description=_("Stop featuring on the home page"), permissions=["change"])
    def unfeature(self, request: HttpRequest, queryset: QuerySet[Topic]) -> None:
        changed = queryset.filter(featured=True).update(featured=False)
        purge("topics", *(key_of(topic) for topic in queryset))
        self.message_user(
            request,
            ngettext(
                "%(count)d topic is no longer featured.", "%(count)d topics are no longer featured.", changed
            )
            % {"count": changed},
            messages.SUCCESS,
        )
