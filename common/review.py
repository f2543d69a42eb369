"""Review before publication, in admin: writers write and submit, editors publish and schedule.

Publishing is a permission of its own (``<app>.publish_<model>``, see
:func:`common.publishing.publish_permission`): without it a person may keep an item as a
draft or hand it over for review, never publish, schedule or unpublish it, and may no
longer change it once it is published. The rule is enforced on the server: the status
offered, the fields shown, the actions listed and the save itself all ask the same question.
"""

from __future__ import annotations

from typing import Any

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db.models import Model, QuerySet
from django.http import HttpRequest
from django.urls import NoReverseMatch, reverse
from django.utils import formats, timezone
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from common.publishing import (
    PublicationState,
    PublicationStatus,
    PublishableModel,
    can_publish,
    publishable_models,
)
from common.surrogate_keys import key_of, purge

SUBMIT_FOR_REVIEW = "_submit_for_review"
STATE_COLOURS = {
    PublicationState.DRAFT: "#57534e",
    PublicationState.REVIEW: "#b45309",
    PublicationState.SCHEDULED: "#1d4ed8",
    PublicationState.PUBLISHED: "#15803d",
}


class PublicationStateFilter(admin.SimpleListFilter):
    """Draft, awaiting review, scheduled or published: what the item is to readers now."""

    title = _("state")
    parameter_name = "state"

    def lookups(self, request: HttpRequest, model_admin: admin.ModelAdmin) -> list[tuple[str, str]]:
        return list(PublicationState.choices)

    def queryset(self, request: HttpRequest, queryset: QuerySet[Any]) -> QuerySet[Any]:
        if self.value() in PublicationState.values:
            return queryset.in_state(self.value())
        return queryset


def state_badge(item: PublishableModel) -> SafeString:
    state = item.publication_state
    if state == PublicationState.SCHEDULED:
        text = _("Scheduled: %(moment)s") % {
            "moment": formats.date_format(timezone.localtime(item.published_at), "DATETIME_FORMAT")
        }
    else:
        text = state.label
    return format_html(
        '<span class="publication-state publication-state--{}" style="border-color: {}">{}</span>',
        state.value,
        STATE_COLOURS[state],
        text,
    )


def review_queue(user: Any) -> list[dict[str, Any]]:
    """For each kind of content this person may publish: how many items await review, and the
    address of that queue in admin. One count query per kind."""
    queue = []
    for model in publishable_models():
        if not can_publish(user, model):
            continue
        count = model.objects.filter(status=PublicationStatus.REVIEW).count()
        try:
            url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")
        except NoReverseMatch:
            continue
        queue.append({"model": model._meta, "count": count, "url": f"{url}?state={PublicationState.REVIEW}"})
    return queue


class ReviewAdmin(admin.ModelAdmin):
    """For PublishableModel content: the publication state in the list and the form, the review
    queue's filter and buttons, and publishing reserved to those with the publish permission."""

    # Subclasses add their own: actions = [*ReviewAdmin.actions, "…"].
    actions = ["publish", "unpublish", "submit_for_review"]

    def has_publish_permission(self, request: HttpRequest) -> bool:
        return can_publish(request.user, self.model)

    def has_change_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        allowed = super().has_change_permission(request, obj)
        if allowed and obj is not None and obj.status == PublicationStatus.PUBLISHED:
            # Writers no longer change what readers see (or will see at its scheduled moment).
            return self.has_publish_permission(request)
        return allowed

    def get_list_display(self, request: HttpRequest) -> list[str]:
        return [
            "publication_state_label" if name == "status" else name
            for name in super().get_list_display(request)
        ]

    def get_list_filter(self, request: HttpRequest) -> list[Any]:
        return [
            PublicationStateFilter if name == "status" else name for name in super().get_list_filter(request)
        ]

    def get_readonly_fields(self, request: HttpRequest, obj: Model | None = None) -> list[str]:
        fields = [*super().get_readonly_fields(request, obj), "publication_state_note"]
        if not self.has_publish_permission(request):
            fields.append("published_at")  # scheduling is publishing
        return fields

    def get_fieldsets(
        self, request: HttpRequest, obj: Model | None = None
    ) -> list[tuple[Any, dict[str, Any]]]:
        fieldsets = []
        for name, options in super().get_fieldsets(request, obj):
            fields = list(options["fields"])
            if "status" in fields and "publication_state_note" not in fields:
                fields.insert(fields.index("status") + 1, "publication_state_note")
            fieldsets.append((name, {**options, "fields": fields}))
        return fieldsets

    def formfield_for_choice_field(self, db_field: Any, request: HttpRequest, **kwargs: Any) -> Any:
        if db_field.name == "status" and not self.has_publish_permission(request):
            kwargs["choices"] = [
                (value, label)
                for value, label in PublicationStatus.choices
                if value != PublicationStatus.PUBLISHED
            ]
            kwargs.setdefault(
                "help_text", _("Choose “Awaiting review” when it is ready: an editor publishes it.")
            )
        return super().formfield_for_choice_field(db_field, request, **kwargs)

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        if SUBMIT_FOR_REVIEW in request.POST and obj.status != PublicationStatus.PUBLISHED:
            obj.status = PublicationStatus.REVIEW
        if obj.status == PublicationStatus.PUBLISHED and not self.has_publish_permission(request):
            # The form offers no such choice; this refuses a forged request all the same.
            raise PermissionDenied
        super().save_model(request, obj, form, change)

    def render_change_form(
        self, request: HttpRequest, context: dict[str, Any], *args: Any, **kwargs: Any
    ) -> Any:
        obj = context.get("original")
        context.update(
            can_publish=self.has_publish_permission(request),
            can_submit_for_review=not self.has_publish_permission(request)
            and (obj is None or obj.status != PublicationStatus.PUBLISHED),
        )
        return super().render_change_form(request, context, *args, **kwargs)

    @admin.display(description=_("status"), ordering="status")
    def publication_state_label(self, item: PublishableModel) -> SafeString:
        return state_badge(item)

    @admin.display(description=_("state now"))
    def publication_state_note(self, item: PublishableModel) -> SafeString | str:
        if item is None or not item.pk:
            return _("Not saved yet.")
        return state_badge(item)

    def _report(self, request: HttpRequest, message: str, count: int) -> None:
        name = self.opts.verbose_name if count == 1 else self.opts.verbose_name_plural
        self.message_user(request, message % {"count": count, "name": name}, messages.SUCCESS)

    @admin.action(
        description=_("Publish the selected items now (or at their dates)"), permissions=["publish"]
    )
    def publish(self, request: HttpRequest, queryset: QuerySet[Any]) -> None:
        changed = 0
        for item in queryset.exclude(status=PublicationStatus.PUBLISHED):
            item.status = PublicationStatus.PUBLISHED
            item.save()  # save() dates an undated item now and purges its lists
            changed += 1
        self._report(
            request,
            ngettext("%(count)d %(name)s was published.", "%(count)d %(name)s were published.", changed),
            changed,
        )

    @admin.action(description=_("Unpublish the selected items (back to draft)"), permissions=["publish"])
    def unpublish(self, request: HttpRequest, queryset: QuerySet[Any]) -> None:
        published = queryset.filter(status=PublicationStatus.PUBLISHED)
        # update() sends no signal: the pages that listed these items are purged here.
        keys = [key for item in published for key in (key_of(item), *item.listing_keys())]
        changed = published.update(status=PublicationStatus.DRAFT, modified_at=timezone.now())
        purge(*keys)
        self._report(
            request,
            ngettext("%(count)d %(name)s was unpublished.", "%(count)d %(name)s were unpublished.", changed),
            changed,
        )

    @admin.action(description=_("Submit the selected drafts for review"), permissions=["change"])
    def submit_for_review(self, request: HttpRequest, queryset: QuerySet[Any]) -> None:
        changed = queryset.filter(status=PublicationStatus.DRAFT).update(
            status=PublicationStatus.REVIEW, modified_at=timezone.now()
        )
        self._report(
            request,
            ngettext(
                "%(count)d %(name)s was submitted for review.",
                "%(count)d %(name)s were submitted for review.",
                changed,
            ),
            changed,
        )
