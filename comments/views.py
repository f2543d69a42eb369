"""Receiving a reader's comment: validate, keep spam out, store, send the reader back."""

from __future__ import annotations

import logging

from django.conf import settings
from django.contrib import messages
from django.contrib.contenttypes.models import ContentType
from django.core.mail import send_mail
from django.db import models
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from comments import spam, targets
from comments.forms import CommentForm
from comments.models import Comment
from common.client_address import client_ip

logger = logging.getLogger(__name__)


def _form_page(
    request: HttpRequest, form: CommentForm, target: models.Model, status: int, problem: str = ""
) -> HttpResponse:
    """The form again, with what the reader typed, what to fix, and a fresh token."""
    context = {
        "form": form,
        "target": target,
        "problem": problem,
        "token": spam.form_token(targets.target_key(target)),
        "show_form": status != 403,
    }
    return render(request, "comments/form_page.html", context, status=status)


@require_POST
def post_comment(request: HttpRequest) -> HttpResponse:
    try:
        target_key, issued_at = spam.read_form_token(request.POST.get("token", ""))
    except spam.ForgedToken as error:
        logger.info("Comment refused: forged or missing form token")
        raise Http404(_("This comment form is not valid.")) from error
    target = targets.resolve(target_key)
    if target is None or not getattr(target, "is_public", False):
        raise Http404(_("What you are commenting on no longer exists."))

    form = CommentForm(request.POST)
    if not targets.is_open(target):
        return _form_page(request, form, target, status=403, problem=_("Comments are closed on this page."))
    age_problem = spam.form_age_problem(issued_at)
    if age_problem == "too fast":
        problem = _("That was very fast. Please check your comment and send it again.")
        return _form_page(request, form, target, status=400, problem=problem)
    if age_problem == "expired":
        problem = _("This form was open for more than a day. Please send your comment again.")
        return _form_page(request, form, target, status=400, problem=problem)
    if not form.is_valid():
        return _form_page(request, form, target, status=400)
    data = form.cleaned_data
    if data["website"]:
        logger.info("Comment refused: honeypot field filled")
        return _form_page(request, form, target, status=400, problem=_("Your comment could not be accepted."))

    content_type = ContentType.objects.get_for_model(target)
    if spam.is_duplicate(content_type.pk, target.pk, data["email"], data["text"]):
        form.add_error("text", _("You have already sent this comment."))
        return _form_page(request, form, target, status=400)
    ip = client_ip(request)
    if spam.over_rate_limit(ip):
        problem = _(
            "You have sent several comments in a short time. Please wait a few minutes and try again."
        )
        return _form_page(request, form, target, status=429, problem=problem)

    verdict = spam.assess(data["name"], data["email"], data["text"], ip)
    comment = Comment.objects.create(
        content_type=content_type,
        object_id=target.pk,
        name=data["name"],
        email=data["email"],
        text=data["text"],
        status=verdict.status,
        spam_reason=verdict.reason,
        ip_address=ip,
        user_agent=request.headers.get("user-agent", "")[:300],
    )
    if comment.status == Comment.Status.PENDING:
        _tell_moderators(comment, target)
    # Spam gets the same answer: nothing tells a spammer what tripped the filter.
    messages.success(
        request, _("Thank you. Your comment awaits moderation and will appear once a moderator approves it.")
    )
    return HttpResponseRedirect(f"{target.get_absolute_url()}#comments")


def _tell_moderators(comment: Comment, target: models.Model) -> None:
    if not settings.COMMENTS_MODERATOR_EMAILS:
        return
    send_mail(
        subject=_("A comment awaits moderation"),
        message=_("%(name)s commented on “%(target)s”:\n\n%(text)s")
        % {"name": comment.name, "target": target, "text": comment.text},
        from_email=None,
        recipient_list=settings.COMMENTS_MODERATOR_EMAILS,
        fail_silently=True,
    )
