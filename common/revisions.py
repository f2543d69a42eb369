"""Revisions of content (django-reversion): every save through admin keeps a version; editors
see the history, compare any two versions side by side and restore one.

:class:`RevisionAdmin` is django-reversion's ``VersionAdmin`` (history and restore: the old
version is loaded into the change form and saving it restores it, inlines included) with a
history page that picks two versions and a compare page: text fields as a word diff, an
article body as its readable text, pictures as thumbnails, and the rows that came with the
version (photos, developments…) as what was added or removed.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from typing import Any

import reversion
from django.contrib import messages
from django.contrib.admin.utils import quote, unquote
from django.core.exceptions import PermissionDenied
from django.db import models
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import formats, timezone
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from reversion.admin import VersionAdmin
from reversion.errors import RevertError
from reversion.models import Version

from common.models import Image
from common.sanitize import plain_text

# Fields holding sanitised HTML: compared as the text a reader reads.
# The newest versions listed on an object's history page.
HISTORY_SHOWN = 100
HTML_FIELDS = frozenset({"body", "introduction"})
_TOKENS = re.compile(r"\s+|\w+|[^\w\s]", re.UNICODE)


def latest_version_id(obj: models.Model) -> int:
    """The id of the newest version kept of ``obj`` (0 when none is)."""
    if obj.pk is None:
        return 0
    return Version.objects.get_for_object(obj).order_by("-pk").values_list("pk", flat=True).first() or 0


def ensure_first_version(obj: models.Model, user: Any) -> None:
    """Keep a version of ``obj`` as it is, if none is kept yet (content made before revisions,
    or by a script): a later save can then be compared with what the form was opened on."""
    if obj.pk is None or not reversion.is_registered(type(obj)) or latest_version_id(obj):
        return
    with reversion.create_revision():
        reversion.add_to_revision(obj)
        reversion.set_comment(_("As it was when first opened in admin."))
        if getattr(user, "pk", None):
            reversion.set_user(user)


def word_diff(before: str, after: str) -> tuple[SafeString, SafeString]:
    """Both texts as HTML, words only in ``before`` in <del>, words only in ``after`` in <ins>."""
    old, new = _TOKENS.findall(before or ""), _TOKENS.findall(after or "")
    left: list[str] = []
    right: list[str] = []
    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    for operation, old_start, old_end, new_start, new_end in matcher.get_opcodes():
        removed, added = "".join(old[old_start:old_end]), "".join(new[new_start:new_end])
        if operation == "equal":
            left.append(format_html("{}", removed))
            right.append(format_html("{}", added))
            continue
        if removed:
            left.append(format_html("<del>{}</del>", removed))
        if added:
            right.append(format_html("<ins>{}</ins>", added))
    return mark_safe("".join(left)), mark_safe("".join(right))  # noqa: S308 (each piece escaped above)


@dataclass(frozen=True)
class FieldComparison:
    label: str
    before: SafeString | str
    after: SafeString | str
    changed: bool


def _display(field: models.Field, value: Any) -> SafeString | str:
    """A field's value in a version, as a person reads it."""
    if value in (None, "", []):
        return "—"
    if isinstance(field, models.ManyToManyField):
        names = [str(item) for item in field.related_model._default_manager.filter(pk__in=value)]
        return ", ".join(sorted(names)) or "—"
    if isinstance(field, models.ForeignKey):
        related = field.related_model._default_manager.filter(pk=value).first()
        if related is None:
            return _("(deleted, #%(id)s)") % {"id": value}
        if isinstance(related, Image):
            renditions = related.renditions()
            url = renditions[0].url if renditions else related.file.url
            return format_html(
                '<img src="{}" alt="" width="120" class="admin-thumbnail"> {}', url, related.description
            )
        return str(related)
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if isinstance(field, models.DateTimeField):
        return formats.date_format(timezone.localtime(value), "DATETIME_FORMAT")
    if isinstance(field, models.BooleanField):
        return _("yes") if value else _("no")
    return str(value)


def compare_fields(
    model: type[models.Model], before: dict[str, Any], after: dict[str, Any]
) -> list[FieldComparison]:
    """Each editable field of ``model`` kept in both versions' field dictionaries, changed or not."""
    rows = []
    for field in model._meta.get_fields():
        if not getattr(field, "editable", False) or not getattr(field, "concrete", False):
            continue
        if field.auto_created or (field.attname not in before and field.attname not in after):
            continue
        old, new = before.get(field.attname), after.get(field.attname)
        if isinstance(old, list) and isinstance(new, list):
            changed = sorted(map(str, old)) != sorted(map(str, new))
        else:
            changed = old != new
        label = capfirst(str(field.verbose_name))
        if isinstance(field, models.CharField | models.TextField) and not field.choices:
            old_text, new_text = old or "", new or ""
            if field.name in HTML_FIELDS:
                old_text, new_text = plain_text(old_text), plain_text(new_text)
            shown_before, shown_after = word_diff(old_text, new_text) if changed else (old_text, new_text)
            rows.append(FieldComparison(label, shown_before or "—", shown_after or "—", changed))
        else:
            rows.append(FieldComparison(label, _display(field, old), _display(field, new), changed))
    return rows


def companions(version: Version) -> dict[str, set[str]]:
    """The rows saved with ``version`` (an album's photos, a map's developments…), by kind."""
    found: dict[str, set[str]] = {}
    for other in version.revision.version_set.exclude(pk=version.pk).select_related("content_type"):
        model = other.content_type.model_class()
        kind = capfirst(str(model._meta.verbose_name_plural)) if model else other.content_type.model
        found.setdefault(kind, set()).add(other.object_repr)
    return found


def compare_companions(before: Version, after: Version) -> list[FieldComparison]:
    old, new = companions(before), companions(after)
    rows = []
    for kind in sorted(set(old) | set(new)):
        removed, added = (
            sorted(old.get(kind, set()) - new.get(kind, set())),
            sorted(new.get(kind, set()) - old.get(kind, set())),
        )
        rows.append(
            FieldComparison(
                kind,
                format_html_join("", "<div><del>{}</del></div>", ((item,) for item in removed))
                if removed
                else _("%(count)d, the same") % {"count": len(old.get(kind, ()))},
                format_html_join("", "<div><ins>{}</ins></div>", ((item,) for item in added))
                if added
                else _("%(count)d") % {"count": len(new.get(kind, ()))},
                bool(removed or added),
            )
        )
    return rows


def compare_versions(before: Version, after: Version) -> list[FieldComparison]:
    """Side by side: the fields of two versions of one object, then the rows kept with them."""
    return compare_fields(before._model, before.field_dict, after.field_dict) + compare_companions(
        before, after
    )


def describe_version(version: Version) -> str:
    user = version.revision.user
    return _("%(when)s by %(who)s") % {
        "when": formats.date_format(timezone.localtime(version.revision.date_created), "DATETIME_FORMAT"),
        "who": user.get_username() if user else _("someone"),
    }


class RevisionAdmin(VersionAdmin):
    """Versions of every save made through admin, with a history that compares any two."""

    object_history_template = "admin/revisions/object_history.html"
    history_latest_first = True

    def get_urls(self) -> list[Any]:
        info = self.opts.app_label, self.opts.model_name
        return [
            path(
                "<path:object_id>/history/compare/",
                self.admin_site.admin_view(self.compare_view),
                name="{}_{}_compare".format(*info),
            ),
            *super().get_urls(),
        ]

    def history_view(self, request: HttpRequest, object_id: str, extra_context: dict | None = None) -> Any:
        compare_url = reverse(
            f"admin:{self.opts.app_label}_{self.opts.model_name}_compare", args=[quote(unquote(object_id))]
        )
        obj = self.get_object(request, unquote(object_id))
        versions = (
            Version.objects.get_for_object(obj).select_related("revision__user").order_by("-pk")
            if obj is not None
            else Version.objects.none()
        )
        revision_url = f"admin:{self.opts.app_label}_{self.opts.model_name}_revision"
        rows = [
            {
                "version": version,
                "restore_url": reverse(revision_url, args=[quote(version.object_id), version.pk]),
            }
            for version in versions[:HISTORY_SHOWN]
        ]
        context = {"compare_url": compare_url, "version_rows": rows, **(extra_context or {})}
        return super().history_view(request, object_id, context)

    def compare_view(self, request: HttpRequest, object_id: str) -> HttpResponse:
        """?before=<version>&after=<version>: the two versions side by side."""
        obj = get_object_or_404(self.model, pk=unquote(object_id))
        if not self.has_view_or_change_permission(request, obj):
            raise PermissionDenied
        history_url = reverse(
            f"admin:{self.opts.app_label}_{self.opts.model_name}_history", args=[quote(obj.pk)]
        )
        versions = Version.objects.get_for_object(obj).select_related("revision__user")
        chosen = [request.GET.get(name, "") for name in ("before", "after")]
        if not all(value.isdigit() and len(value) < 19 for value in chosen):
            messages.warning(request, _("Choose two versions to compare."))
            return HttpResponseRedirect(history_url)
        found = versions.in_bulk([int(value) for value in chosen])
        if len(found) < len(set(chosen)) or len(set(chosen)) < 2:
            messages.warning(request, _("Choose two different versions of this item to compare."))
            return HttpResponseRedirect(history_url)
        before, after = sorted(found.values(), key=lambda version: version.pk)
        try:
            rows = compare_versions(before, after)
        except RevertError as error:
            messages.error(request, str(error))
            return HttpResponseRedirect(history_url)
        context = {
            **self.admin_site.each_context(request),
            "title": _("Compare versions of “%(item)s”") % {"item": obj},
            "opts": self.opts,
            "original": obj,
            "object_id": obj.pk,
            "rows": rows,
            "before": before,
            "after": after,
            "before_label": describe_version(before),
            "after_label": describe_version(after),
            "history_url": history_url,
            "restore_url": reverse(
                f"admin:{self.opts.app_label}_{self.opts.model_name}_revision",
                args=[quote(obj.pk), before.pk],
            ),
        }
        return TemplateResponse(request, "admin/revisions/compare.html", context)
