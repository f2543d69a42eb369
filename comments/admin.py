"""Moderation: the desk (one comment at a time, with its context, buttons and keyboard
shortcuts; comments/desk.py) and the list of every comment with bulk decisions."""

from __future__ import annotations

from typing import Any

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Case, IntegerField, QuerySet, Value, When
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect, JsonResponse
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from comments import desk
from comments.models import BlockRule, Comment
from common.surrogate_keys import purge

DESK_PAGE_SIZE = 50
# What each decision of the desk sets, and what it says when done.
DECISIONS = {
    "approve": (Comment.Status.APPROVED, _("Approved: it shows on the site.")),
    "reject": (Comment.Status.REJECTED, _("Rejected.")),
    "spam": (Comment.Status.SPAM, _("Marked as spam.")),
    "pending": (Comment.Status.PENDING, _("Back in the queue, awaiting moderation.")),
}


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
    actions = ["approve", "reject", "mark_as_spam", "back_to_pending"]
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

    # --- the desk -----------------------------------------------------------------------------

    def get_urls(self) -> list[Any]:
        return [
            path("desk/", self.admin_site.admin_view(self.desk_view), name="comments_comment_desk"),
            path(
                "<int:pk>/moderate/",
                self.admin_site.admin_view(self.moderate_view),
                name="comments_comment_moderate",
            ),
            path(
                "<int:pk>/block/", self.admin_site.admin_view(self.block_view), name="comments_comment_block"
            ),
            *super().get_urls(),
        ]

    def desk_view(self, request: HttpRequest) -> HttpResponse:
        """?status=pending (the default), rejected or spam: that queue, longest waiting first,
        each comment with its context and its decisions."""
        if not self.has_change_permission(request):
            raise PermissionDenied
        status = request.GET.get("status", Comment.Status.PENDING)
        if status not in desk.DESK_STATUSES:
            status = Comment.Status.PENDING
        paginator = Paginator(desk.queue(status), DESK_PAGE_SIZE)
        page = paginator.get_page(request.GET.get("page"))
        counts = {value: Comment.objects.filter(status=value).count() for value in desk.DESK_STATUSES}
        context = {
            **self.admin_site.each_context(request),
            "title": _("Moderation desk"),
            "opts": self.opts,
            "status": status,
            "statuses": [(value, Comment.Status(value).label, counts[value]) for value in desk.DESK_STATUSES],
            "entries": desk.with_context(list(page.object_list)),
            "page_obj": page,
            "can_block": request.user.has_perm("comments.add_blockrule"),
            "can_delete": self.has_delete_permission(request),
        }
        return TemplateResponse(request, "admin/comments/desk.html", context)

    def _back_to_desk(self, request: HttpRequest, status: str, next_comment: Comment | None) -> HttpResponse:
        url = reverse("admin:comments_comment_desk")
        if status != Comment.Status.PENDING:
            url += f"?status={status}"
        if next_comment is not None:
            url += f"#comment-{next_comment.pk}"
        return HttpResponseRedirect(url)

    def moderate_view(self, request: HttpRequest, pk: int) -> HttpResponse:
        """POST decision=approve|reject|spam|pending: decide on one comment, then on to the next
        one of the queue it was in (the page's script asks for JSON and stays on the page)."""
        if request.method != "POST":
            return HttpResponseRedirect(reverse("admin:comments_comment_desk"))
        comment = get_object_or_404(Comment, pk=pk)
        if not self.has_change_permission(request, comment):
            raise PermissionDenied
        decision = DECISIONS.get(request.POST.get("decision", ""))
        if decision is None:
            return self._desk_answer(
                request, comment.status, comment, _("Choose approve, reject or spam."), False
            )
        came_from = comment.status
        next_comment = desk.next_in_queue(comment, came_from)
        self._moderate(request, Comment.objects.filter(pk=comment.pk), decision[0])
        return self._desk_answer(request, came_from, next_comment, decision[1], True)

    def block_view(self, request: HttpRequest, pk: int) -> HttpResponse:
        """POST kind=email|domain|network: block the sender with a new block rule, and send this
        comment and their other waiting ones to spam."""
        if request.method != "POST":
            return HttpResponseRedirect(reverse("admin:comments_comment_desk"))
        comment = get_object_or_404(Comment, pk=pk)
        if not request.user.has_perm("comments.add_blockrule") or not self.has_change_permission(
            request, comment
        ):
            raise PermissionDenied
        came_from = comment.status
        next_comment = desk.next_in_queue(comment, came_from)
        if comment.status == Comment.Status.APPROVED:
            self._moderate(request, Comment.objects.filter(pk=comment.pk), Comment.Status.SPAM)
        outcome = desk.block_sender(comment, request.POST.get("kind", ""), request.user)
        if outcome is None:
            return self._desk_answer(
                request,
                came_from,
                comment,
                _("This comment has no such detail to block (an address is forgotten after a while)."),
                False,
            )
        Comment.objects.filter(pk=comment.pk).exclude(status=Comment.Status.SPAM).update(
            status=Comment.Status.SPAM, moderated_at=timezone.now(), moderated_by=request.user
        )
        message = ngettext(
            "Blocked %(value)s. %(count)s waiting comment from it went to spam.",
            "Blocked %(value)s. %(count)s waiting comments from it went to spam.",
            outcome.sent_to_spam,
        ) % {"value": outcome.rule.value, "count": outcome.sent_to_spam}
        return self._desk_answer(request, came_from, next_comment, message, True)

    def _desk_answer(
        self, request: HttpRequest, status: str, next_comment: Comment | None, message: str, ok: bool
    ) -> HttpResponse:
        if request.headers.get("accept", "").startswith("application/json"):
            return JsonResponse(
                {"ok": ok, "message": str(message), "next": next_comment.pk if next_comment else None},
                status=200 if ok else 400,
            )
        self.message_user(request, message, messages.SUCCESS if ok else messages.ERROR)
        return self._back_to_desk(request, status, next_comment)

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

    @admin.action(description=_("Back to the queue (awaiting moderation)"), permissions=["change"])
    def back_to_pending(self, request: HttpRequest, queryset: QuerySet[Comment]) -> None:
        changed = self._moderate(request, queryset, Comment.Status.PENDING)
        self.message_user(
            request,
            ngettext(
                "%(count)d comment is back in the queue.",
                "%(count)d comments are back in the queue.",
                changed,
            )
            % {"count": changed},
            messages.SUCCESS,
        )


@admin.register(BlockRule)
class BlockRuleAdmin(admin.ModelAdmin):
    list_display = ["value", "kind", "note", "created_at"]
    list_filter = ["kind"]
    search_fields = ["value", "note"]
