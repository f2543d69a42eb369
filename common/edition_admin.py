"""The admin side of the editions: each item's edition, and editors limited to theirs.

An editor or writer in an edition's group (``common.roles.EDITION_GROUPS``; made by a data
migration of the alwaght app) works on that edition's content only: their lists show it, the
form offers that edition alone, and what they save, delete or act on is theirs. They may read
the other editions (a list asked for with the edition filter, an item's page, read-only): a
translator starts from the story in another edition. People in no edition group (and
superusers) work on every edition.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin
from django.db.models import Model, QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from common import editions
from common.roles import editions_of

READING = ("GET", "HEAD")


class EditionAdmin(admin.ModelAdmin):
    """For models with a ``language`` field (the edition): the edition in lists and filters,
    editors kept to their editions, and the form's words in the edition's direction."""

    class Media:
        js = ["common/admin-edition.js"]

    def get_list_display(self, request: HttpRequest) -> list[str]:
        return [*super().get_list_display(request), "language"]

    def get_list_filter(self, request: HttpRequest) -> list[Any]:
        return [*super().get_list_filter(request), "language"]

    def get_queryset(self, request: HttpRequest) -> QuerySet[Any]:
        queryset = super().get_queryset(request)
        if getattr(request, "every_edition", False):
            return queryset
        return queryset.filter(language__in=editions_of(request.user))

    def changelist_view(self, request: HttpRequest, extra_context: dict | None = None) -> Any:
        # Another edition's list when asked for by the filter, to read; actions are posts, on one's own.
        if request.method in READING and "language__exact" in request.GET:
            request.every_edition = True
        return super().changelist_view(request, extra_context)

    def get_object(self, request: HttpRequest, object_id: str, from_field: str | None = None) -> Any:
        # Another edition's item opens read-only (has_change_permission); saving it finds nothing.
        before = getattr(request, "every_edition", False)
        request.every_edition = before or request.method in READING
        try:
            return super().get_object(request, object_id, from_field)
        finally:
            request.every_edition = before

    def has_change_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        if obj is not None and obj.language not in editions_of(request.user):
            return False
        return super().has_change_permission(request, obj)

    def has_delete_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        if obj is not None and obj.language not in editions_of(request.user):
            return False
        return super().has_delete_permission(request, obj)

    def formfield_for_choice_field(self, db_field: Any, request: HttpRequest, **kwargs: Any) -> Any:
        if db_field.name == "language":
            mine = editions_of(request.user)
            kwargs["choices"] = [(code, editions.edition_name(code)) for code in mine]
            right_to_left = " ".join(code for code in mine if editions.is_right_to_left(code))
            kwargs["widget"] = forms.Select(attrs={"data-rtl-editions": right_to_left})
            kwargs.setdefault(
                "help_text", _("The edition it belongs to: its readers see it there, and only there.")
            )
        return super().formfield_for_choice_field(db_field, request, **kwargs)

    def get_changeform_initial_data(self, request: HttpRequest) -> dict[str, Any]:
        initial = super().get_changeform_initial_data(request)
        mine = editions_of(request.user)
        if initial.get("language") not in mine:
            # A new item starts in the edition of the admin's language, when it is one of theirs.
            language = getattr(request, "LANGUAGE_CODE", "")
            initial["language"] = language if language in mine else mine[0]
        return initial
