"""No lost work in admin forms: stale saves refused, who else is editing, autosaved drafts, and
uploads kept when a form comes back with errors.

* **Stale forms.** A change form carries the version it was opened on (``_edit_base``: the
  newest kept version and the last-edited time). A save from a form opened before someone
  else's save is refused with what they changed; the editor's own input stays on the page,
  and they may save over the other edit knowingly (``_overwrite``).
* **Presence.** Opening a change form (and the page's script, while it stays open) notes who
  is on which object; the form names the others seen in the last PRESENCE_MINUTES. Without
  JavaScript the form says it when it is opened.
* **Autosave.** With JavaScript the form is sent every little while to ``…/autosave/``, which
  keeps it as the person's draft (common.models.AutosavedDraft), never touching the object:
  nothing is published by an autosave. The form offers to restore a draft newer than the
  object's last save; saving the form discards it.
* **Held uploads.** A file chosen in a form that comes back with errors is kept
  (common.models.HeldUpload) and attached again when the form is sent back.
"""

from __future__ import annotations

import json
from datetime import timedelta
from typing import Any

from django.contrib.admin.utils import quote, unquote
from django.contrib.contenttypes.models import ContentType
from django.core import signing
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import models, transaction
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from reversion.models import Version

from common.models import AutosavedDraft, EditingPresence, HeldUpload
from common.revisions import RevisionAdmin, compare_versions, ensure_first_version, latest_version_id

PRESENCE_MINUTES = 5
AUTOSAVE_SECONDS = 20
AUTOSAVE_MAX_BYTES = 2 * 1024 * 1024
HELD_UPLOAD_HOURS = 24
HELD_UPLOAD_SALT = "common.editing.held-upload"
BASE_FIELD, OVERWRITE_FIELD, HELD_FIELD, RESTORE_DRAFT = (
    "_edit_base",
    "_overwrite",
    "_held_upload",
    "restore_draft",
)


def edit_token(obj: models.Model) -> str:
    """What a form was opened on: the newest version kept and the last-edited moment (a bulk
    action may publish without a version of its own)."""
    modified = getattr(obj, "modified_at", None)
    return f"{latest_version_id(obj)}:{modified.isoformat() if modified else ''}"


def _version_of_token(token: str) -> int:
    number = token.partition(":")[0]
    return int(number) if number.isdigit() and len(number) < 19 else 0


def conflict_changes(obj: models.Model, base_token: str) -> dict[str, Any]:
    """Who saved ``obj`` since ``base_token``, when, and what they changed (fields that differ)."""
    newest = Version.objects.get_for_object(obj).select_related("revision__user").order_by("-pk").first()
    base = Version.objects.get_for_object(obj).filter(pk=_version_of_token(base_token)).first()
    user = newest.revision.user if newest is not None else None
    moment = newest.revision.date_created if newest is not None else getattr(obj, "modified_at", None)
    conflict = {
        "who": user.get_username() if user else _("someone"),
        "when": formats.date_format(timezone.localtime(moment), "DATETIME_FORMAT") if moment else "",
        "changes": [],
    }
    if base is not None and newest is not None and base.pk != newest.pk:
        conflict["changes"] = [row for row in compare_versions(base, newest) if row.changed]
    return conflict


def others_editing(obj_or_model: Any, object_id: str, user: Any) -> list[EditingPresence]:
    content_type = ContentType.objects.get_for_model(obj_or_model)
    since = timezone.now() - timedelta(minutes=PRESENCE_MINUTES)
    return list(
        EditingPresence.objects.filter(content_type=content_type, object_id=object_id, seen_at__gte=since)
        .exclude(user=user)
        .select_related("user")
        .order_by("-seen_at")
    )


def note_presence(model: type[models.Model], object_id: str, user: Any) -> None:
    EditingPresence.objects.update_or_create(
        content_type=ContentType.objects.get_for_model(model),
        object_id=object_id,
        user=user,
        defaults={"seen_at": timezone.now()},
    )


def _draft_filter(model: type[models.Model], object_id: str | None, user: Any) -> dict[str, Any]:
    return {
        "content_type": ContentType.objects.get_for_model(model),
        "object_id": object_id or "",
        "user": user,
    }


def restored_initial(model: type[models.Model], version: Version) -> dict[str, Any]:
    """A version's field values as a form's initial values (by field name, ids for relations)."""
    values = version.field_dict
    initial = {}
    for field in model._meta.concrete_fields:
        if field.attname in values:
            initial[field.name] = values[field.attname]
    for field in model._meta.many_to_many:
        if field.attname in values:
            initial[field.name] = values[field.attname]
    return initial


def hold_upload(user: Any, field_name: str, upload: UploadedFile) -> str:
    """Keep an uploaded file for the form's next try; the signed token that brings it back."""
    HeldUpload.objects.filter(created_at__lt=timezone.now() - timedelta(hours=HELD_UPLOAD_HOURS)).delete()
    upload.seek(0)
    held = HeldUpload(
        user=user,
        field_name=field_name[:200],
        original_name=(upload.name or "upload")[-255:],
        content_type=(upload.content_type or "")[:100],
    )
    held.file.save(upload.name or "upload", upload, save=False)
    held.save()
    return signing.dumps(held.pk, salt=HELD_UPLOAD_SALT)


def held_upload(token: str, user: Any) -> HeldUpload | None:
    try:
        pk = signing.loads(token, salt=HELD_UPLOAD_SALT, max_age=HELD_UPLOAD_HOURS * 3600)
    except signing.BadSignature:
        return None
    return HeldUpload.objects.filter(pk=pk, user=user).first() if isinstance(pk, int) else None


def reattach_held_uploads(request: HttpRequest) -> list[tuple[str, HeldUpload]]:
    """Put the files held for this form back among the request's files, unless the editor chose
    another file for the same field. Returns (token, held upload) of those attached."""
    attached = []
    for token in request.POST.getlist(HELD_FIELD)[:50]:
        held = held_upload(token, request.user)
        if held is None or (held.field_name in request.FILES and not _is_held(request, held.field_name)):
            continue
        try:
            stored = held.file.open("rb")
        except OSError:
            continue
        upload = UploadedFile(stored, held.original_name, held.content_type or None, held.file.size)
        request.FILES.appendlist(held.field_name, upload)
        request._held_field_names = {*getattr(request, "_held_field_names", set()), held.field_name}
        attached.append((token, held))
    return attached


def refused_fields(context: dict[str, Any]) -> set[str]:
    """The names (as sent, prefixes included) of the fields of a change form and its inlines
    that came back with an error of their own."""
    forms = [context["adminform"].form]
    for inline in context.get("inline_admin_formsets", []):
        forms += list(inline.formset.forms)
    return {form.add_prefix(name) for form in forms for name in form.errors if name != "__all__"}


def _is_held(request: HttpRequest, field_name: str) -> bool:
    return field_name in getattr(request, "_held_field_names", set())


class EditingAdmin(RevisionAdmin):
    """A ModelAdmin whose change forms lose no work (see the module's docstring), with save
    buttons at the top as well as the bottom."""

    change_form_template = "admin/newsroom/change_form.html"
    save_on_top = True

    class Media:
        js = ["common/admin-editing.js"]

    def get_urls(self) -> list[Any]:
        info = self.opts.app_label, self.opts.model_name
        return [
            path(
                "add/autosave/",
                self.admin_site.admin_view(self.autosave_view),
                name="{}_{}_autosave_new".format(*info),
            ),
            path(
                "<path:object_id>/autosave/",
                self.admin_site.admin_view(self.autosave_view),
                name="{}_{}_autosave".format(*info),
            ),
            *super().get_urls(),
        ]

    # --- the form: stale saves refused, drafts restored ---------------------------------------

    def get_form(
        self, request: HttpRequest, obj: models.Model | None = None, change: bool = False, **kwargs: Any
    ) -> Any:
        form_class = super().get_form(request, obj, change=change, **kwargs)
        draft_values = self._draft_initial(request, obj) if request.method == "GET" else {}
        if request.method == "GET" and getattr(request, "restoring_version", None) is not None:
            draft_values = restored_initial(self.model, request.restoring_version)

        class NoLostWorkForm(form_class):
            def __init__(self, *args: Any, **form_kwargs: Any) -> None:
                super().__init__(*args, **form_kwargs)
                self.edit_conflict: dict[str, Any] | None = None
                if draft_values and not self.is_bound:
                    for name, value in draft_values.items():
                        field = self.fields.get(name)
                        if field is None:
                            continue
                        widget = getattr(field.widget, "widget", field.widget)  # admin's related wrapper
                        multiple = getattr(widget, "allow_multiple_selected", False)
                        if isinstance(value, list) and not multiple:
                            value = value[0] if value else ""
                        self.initial[name] = value

            def clean(self) -> dict[str, Any]:
                cleaned_data = super().clean()
                if obj is not None and obj.pk and self.is_bound:
                    self._refuse_stale_save(obj)
                return cleaned_data

            def _refuse_stale_save(self, saved: models.Model) -> None:
                base = self.data.get(BASE_FIELD, "")
                current = edit_token(saved)
                if not base or base == current or self.data.get(OVERWRITE_FIELD) == current:
                    return
                self.edit_conflict = {**conflict_changes(saved, base), "current": current}
                raise ValidationError(
                    _(
                        "%(who)s saved this item at %(when)s, after you opened it, so your save was not "
                        "made. Their changes are shown above; your own text is still in the form below. "
                        "Bring their changes into yours, or tick “Save mine over theirs”, then save again."
                    )
                    % self.edit_conflict,
                    code="stale",
                )

        NoLostWorkForm.__name__ = form_class.__name__
        return NoLostWorkForm

    def _draft_initial(self, request: HttpRequest, obj: models.Model | None) -> dict[str, Any]:
        if not request.GET.get(RESTORE_DRAFT):
            return {}
        draft = AutosavedDraft.objects.filter(
            **_draft_filter(self.model, obj and str(obj.pk), request.user)
        ).first()
        if draft is None:
            return {}
        return {name: values for name, values in draft.data.items() if isinstance(values, list)}

    def get_changeform_initial_data(self, request: HttpRequest) -> dict[str, Any]:
        # ?restore_draft=1 is the page's own parameter, not a field's initial value.
        return {
            name: value
            for name, value in super().get_changeform_initial_data(request).items()
            if name != RESTORE_DRAFT
        }

    # --- the change form's page ---------------------------------------------------------------

    def change_view(
        self, request: HttpRequest, object_id: str, form_url: str = "", extra_context: dict | None = None
    ) -> HttpResponse:
        if request.method == "GET":
            # Before django-reversion's revision of this request begins: this one is saved at once.
            obj = self.get_object(request, unquote(object_id))
            if obj is not None and self.has_change_permission(request, obj):
                ensure_first_version(obj, request.user)
        return super().change_view(request, object_id, form_url, extra_context)

    def changeform_view(
        self,
        request: HttpRequest,
        object_id: str | None = None,
        form_url: str = "",
        extra_context: dict | None = None,
    ) -> HttpResponse:
        attached = reattach_held_uploads(request) if request.method == "POST" else []
        response = super().changeform_view(request, object_id, form_url, extra_context)
        object_key = unquote(object_id) if object_id else ""
        if request.method == "POST" and response.status_code in (301, 302):
            # Saved: the draft and the held files have done their work.
            AutosavedDraft.objects.filter(**_draft_filter(self.model, object_key, request.user)).delete()
            if not object_key:
                AutosavedDraft.objects.filter(**_draft_filter(self.model, "", request.user)).delete()
            for _token, held in attached:
                transaction.on_commit(held.file.delete)
                held.delete()
            return response
        if not isinstance(response, TemplateResponse) or "adminform" not in (response.context_data or {}):
            return response
        context = response.context_data
        obj = context.get("original")
        if obj is not None and obj.pk:
            note_presence(self.model, str(obj.pk), request.user)
        form = context["adminform"].form
        context.update(
            edit_base=request.POST.get(BASE_FIELD, "")
            if request.method == "POST"
            else (edit_token(obj) if obj is not None and obj.pk else ""),
            edit_conflict=getattr(form, "edit_conflict", None),
            others_editing=others_editing(self.model, str(obj.pk), request.user)
            if obj is not None and obj.pk
            else [],
            presence_minutes=PRESENCE_MINUTES,
            held_uploads=self._held_for_next_try(request, attached, refused_fields(context))
            if request.method == "POST"
            else [],
            autosave_url=self._autosave_url(obj),
            autosave_seconds=AUTOSAVE_SECONDS,
            autosaved_draft=self._draft_to_offer(request, obj) if request.method == "GET" else None,
            draft_restored=bool(request.GET.get(RESTORE_DRAFT)),
        )
        return response

    def _held_for_next_try(
        self, request: HttpRequest, attached: list[tuple[str, HeldUpload]], refused: set[str]
    ) -> list[dict[str, str]]:
        kept = [
            {"token": token, "name": held.original_name}
            for token, held in attached
            if held.field_name not in refused
        ]
        for field_name, uploads in request.FILES.lists():
            # A file refused for what it is (not a film, too large…) is not kept: only files held
            # back by an error elsewhere in the form.
            if _is_held(request, field_name) or field_name in refused:
                continue
            for upload in uploads:
                kept.append({"token": hold_upload(request.user, field_name, upload), "name": upload.name})
        return kept

    def _autosave_url(self, obj: models.Model | None) -> str:
        info = self.opts.app_label, self.opts.model_name
        if obj is not None and obj.pk:
            return reverse("admin:{}_{}_autosave".format(*info), args=[quote(obj.pk)])
        return reverse("admin:{}_{}_autosave_new".format(*info))

    def _draft_to_offer(self, request: HttpRequest, obj: models.Model | None) -> AutosavedDraft | None:
        """The person's autosaved draft, when it is newer than the object's last save."""
        draft = AutosavedDraft.objects.filter(
            **_draft_filter(self.model, str(obj.pk) if obj is not None and obj.pk else "", request.user)
        ).first()
        if draft is None or request.GET.get(RESTORE_DRAFT):
            return None
        modified = getattr(obj, "modified_at", None) if obj is not None else None
        return draft if modified is None or draft.saved_at > modified else None

    # --- autosave -----------------------------------------------------------------------------

    def autosave_view(self, request: HttpRequest, object_id: str | None = None) -> HttpResponse:
        return require_POST(self._autosave)(request, object_id)

    def _autosave(self, request: HttpRequest, object_id: str | None) -> JsonResponse:
        """Keep the form as sent as this person's draft (never the object); ``discard=1``
        forgets it. Answers who else has the object open."""
        obj = None
        if object_id is not None:
            obj = self.get_object(request, unquote(object_id))
            if obj is None:
                return JsonResponse({"error": _("This item no longer exists.")}, status=404)
            if not self.has_change_permission(request, obj):
                raise PermissionDenied
        elif not self.has_add_permission(request):
            raise PermissionDenied
        object_key = str(obj.pk) if obj is not None else ""
        where = _draft_filter(self.model, object_key, request.user)
        if request.POST.get("discard"):
            AutosavedDraft.objects.filter(**where).delete()
            return JsonResponse({"discarded": True})
        data = {
            # PostgreSQL's JSON refuses NUL characters: a draft keeps the rest of the text.
            name[:200]: [value[:200_000].replace("\x00", "") for value in values]
            for name, values in request.POST.lists()
            if not name.startswith("_") and name != "csrfmiddlewaretoken"
        }
        if len(json.dumps(data)) > AUTOSAVE_MAX_BYTES:
            return JsonResponse({"error": _("The form is too large to keep as a draft.")}, status=413)
        now = timezone.now()
        AutosavedDraft.objects.update_or_create(**where, defaults={"data": data, "saved_at": now})
        others = []
        if obj is not None:
            note_presence(self.model, object_key, request.user)
            others = [
                presence.user.get_username()
                for presence in others_editing(self.model, object_key, request.user)
            ]
        return JsonResponse(
            {
                "saved_at": now.isoformat(),
                "message": _("Draft kept at %(time)s (not published, not saved to the item).")
                % {"time": formats.time_format(timezone.localtime(now), "TIME_FORMAT")},
                "others": others,
            }
        )
