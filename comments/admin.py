"""The moderation queue: pending comments first, newest first, with bulk decisions."""

from __future__ import annotations

from django.contrib import admin, messages
from django.db.models import Case, IntegerField, QuerySet, Value, When
from django.http import HttpRequest
from django.utils import timezone
from django.utils.html import format_html
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from comments.models import BlockRule, Comment
from common.surrogate_keys import purge


class TargetFilter(admin.SimpleListFilter):
    """The pages with comments awaiting moderation, to work through one discussion at a time."""

    title = _("page")
    parameter_name = "target"

    def lookups(self, request: HttpRequest, model_admin: admin.ModelAdmin) -> list[tuple[str, str]]:
        waiting = (
            Comment.objects.pending()
            .values_list("content_type", "object_id")
            .distinct()
            .order_by("content_type", "object_id")[:30]
        )
        choices = []
        for content_type_id, object_id in waiting:
            comment = Comment(content_type_id=content_type_id, object_id=object_id)
            target = comment.content_object
            label = Truncator(str(target) if target else _("(deleted)")).chars(60)
            choices.append((f"{content_type_id}:{object_id}", label))
        return choices

    def queryset(self, request: HttpRequest, queryset: QuerySet[Comment]) -> QuerySet[Comment]:
        content_type_id, _, object_id = (self.value() or "").partition(":")
        if content_type_id.isdigit() and object_id.isdigit():
            return queryset.filter(content_type_id=int(content_type_id), object_id=int(object_id))
        return queryset


@admin.register(Comment)
class CommentAdmin(admin.ModelAdmin):
    list_display = ["excerpt", "target_link", "name", "email", "ip_address", "status", "created_at"]
    list_display_links = ["excerpt"]
    list_filter = ["status", TargetFilter, "created_at"]
    search_fields = ["name", "email", "text", "ip_address"]
    date_hierarchy = "created_at"
    list_per_page = 50
    actions = ["approve", "reject", "mark_as_spam"]
    readonly_fields = [
        "target_link", "name", "email", "text", "created_at", "ip_address", "user_agent", "spam_reason",
        "moderated_at", "moderated_by",
    ]  # fmt: skip
    fields = [
        "target_link", "status", "name", "email", "text", "created_at", "spam_reason", "ip_address",
        "user_agent", "moderated_at", "moderated_by",
    ]  # fmt: skip

    def get_queryset(self, request: HttpRequest) -> QuerySet[Comment]:
        waiting_first = Case(
            When(status=Comment.Status.PENDING, then=Value(0)), default=Value(1), output_field=IntegerField()
        )
        # Not super(): it orders by get_ordering() before the annotation exists.
        return (
            Comment.objects.all()
            .select_related("content_type")
            .prefetch_related("content_object")
            .annotate(waiting_first=waiting_first)
        )

    def get_ordering(self, request: HttpRequest) -> list[str]:
        # The changelist replaces the queryset's ordering with this one.
        return ["waiting_first", "-created_at"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False  # Comments come from readers.

    @admin.display(description=_("comment"))
    def excerpt(self, comment: Comment) -> str:
        return Truncator(comment.text).chars(120)

    @admin.display(description=_("on"))
    def target_link(self, comment: Comment) -> str:
        target = comment.content_object
        if target is None:
            return _("(deleted)")
        return format_html(
            '<a href="{}#comments" target="_blank" rel="noopener">{}</a>',
            target.get_absolute_url(),
            Truncator(str(target)).chars(60),
        )

    def save_model(self, request: HttpRequest, obj: Comment, form, change: bool) -> None:
        if change and "status" in form.changed_data:
            obj.moderated_at = timezone.now()
            obj.moderated_by = request.user
        super().save_model(request, obj, form, change)

    def _moderate(self, request: HttpRequest, queryset: QuerySet[Comment], status: str) -> int:
        changing = queryset.exclude(status=status)
        # update() sends no signal: the pages whose visible comments change are purged here.
        shown_before = (
            changing.filter(status=Comment.Status.APPROVED) if status != Comment.Status.APPROVED else changing
        )
        keys = {comment.comments_key for comment in shown_before.only("content_type", "object_id")}
        changed = changing.update(status=status, moderated_at=timezone.now(), moderated_by=request.user)
        if changed:
            purge(*keys)
        return changed

    @admin.action(description=_("Approve: show on the site"), permissions=["change"])
    def approve(self, request: HttpRequest, queryset: QuerySet[Comment]) -> None:
        changed = self._moderate(request, queryset, Comment.Status.APPROVED)
        self.message_user(
            request,
            ngettext("%(count)d comment was approved.", "%(count)d comments were approved.", changed)
            % {"count": changed},
            messages.SUCCESS,
        )

    @admin.action(description=_("Reject"), permissions=["change"])
    def reject(self, request: HttpRequest, queryset: QuerySet[Comment]) -> None:
        changed = self._moderate(request, queryset, Comment.Status.REJECTED)
        self.message_user(
            request,
            ngettext("%(count)d comment was rejected.", "%(count)d comments were rejected.", changed)
            % {"count": changed},
            messages.SUCCESS,
        )

    @admin.action(description=_("Mark as spam"), permissions=["change"])
    def mark_as_spam(self, request: HttpRequest, queryset: QuerySet[Comment]) -> None:
        changed = self._moderate(request, queryset, Comment.Status.SPAM)
        self.message_user(
            request,
            ngettext(
                "%(count)d comment was marked as spam.", "%(count)d comments were marked as spam.", changed
            )
            % {"count": changed},
            messages.SUCCESS,
        )


@admin.register(BlockRule)
class BlockRuleAdmin(admin.ModelAdmin):
    list_display = ["value", "kind", "note", "created_at"]
    list_filter = ["kind"]
    search_fields = ["value", "note"]
