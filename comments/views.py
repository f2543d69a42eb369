"""Receiving a reader's comment: validate, keep spam out, store, confirm.

Reader pages are one copy for everyone, so the comment form on them holds no per-reader
token. The token that keeps robots out is issued when the reader starts writing:

* with JavaScript, the form asks :func:`start_comment` for it as soon as the reader types;
* without JavaScript, the first send shows the comment again with a token, and the reader
  sends it once more from there (a confirm step).

Either way the token is bound to the reader (address and browser), used once, refused when
sent faster than a person could, and expires. Forms must come from this site's own pages
(``Origin``, or else ``Referer``): that is the CSRF protection a shared page can have.
"""

from __future__ import annotations

import logging
from typing import Any

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core import signing
from django.core.mail import send_mail
from django.db import IntegrityError, models, transaction
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST, require_safe

from comments import spam, targets
from comments.forms import CommentForm
from comments.models import Comment, UsedFormToken
from common.client_address import client_ip
from common.origin import is_same_origin

logger = logging.getLogger(__name__)

SENT_SALT = "comments.sent"
SENT_LINK_SECONDS = 600

PROBLEMS = {
    "missing": gettext_lazy("Please check your comment, then press Send to publish it for moderation."),
    "too fast": gettext_lazy("That was very fast. Please check your comment and send it again."),
    "expired": gettext_lazy(
        "This form was open for a long time. Please check your comment and send it again."
    ),
}


def _target_or_404(request: HttpRequest) -> models.Model:
    target = targets.resolve(request.POST.get("target", ""))
    if target is None or not getattr(target, "is_public", False):
        raise Http404(_("What you are commenting on no longer exists."))
    return target


def _cross_site(request: HttpRequest) -> HttpResponse | None:
    if is_same_origin(request):
        return None
    logger.info("Comment form refused: sent from another site")
    return render(request, "comments/cross_site.html", status=403)


def _form_page(
    request: HttpRequest, form: CommentForm, target: models.Model, status: int, problem: str = ""
) -> HttpResponse:
    """The form again, with what the reader typed, what to do, and a fresh token for this reader."""
    context = {
        "form": form,
        "target": target,
        "target_key": targets.target_key(target),
        "problem": problem,
        "token": spam.form_token(targets.target_key(target), spam.reader_of(request)),
        "show_form": status != 403,
    }
    response = render(request, "comments/form_page.html", context, status=status)
    response["Cache-Control"] = "private, no-store"
    return response


@csrf_exempt  # a shared page carries no CSRF token: the origin is checked instead
@never_cache
@require_POST
def start_comment(request: HttpRequest) -> JsonResponse:
    """The token for a reader who started writing a comment (the form asks for it by itself)."""
    if not is_same_origin(request):
        return JsonResponse({"error": "cross-site"}, status=403)
    target = _target_or_404(request)
    if not targets.is_open(target):
        return JsonResponse({"error": "closed"}, status=403)
    return JsonResponse({"token": spam.form_token(targets.target_key(target), spam.reader_of(request))})


@csrf_exempt  # a shared page carries no CSRF token: the origin is checked instead
@never_cache
@require_POST
def post_comment(request: HttpRequest) -> HttpResponse:
    refused = _cross_site(request)
    if refused is not None:
        return refused
    target = _target_or_404(request)
    form = CommentForm(request.POST)
    if not targets.is_open(target):
        return _form_page(request, form, target, status=403, problem=_("Comments are closed on this page."))
    if not form.is_valid():
        return _form_page(request, form, target, status=400)
    data = form.cleaned_data
    if data["website"]:
        logger.info("Comment refused: honeypot field filled")
        return _form_page(request, form, target, status=400, problem=_("Your comment could not be accepted."))
    token = spam.read_form_token(request.POST.get("token", ""))
    problem = spam.token_problem(token, targets.target_key(target), spam.reader_of(request))
    if problem is not None:
        # Nothing is lost: the reader's words come back with a token of their own.
        return _form_page(
            request, form, target, status=200 if problem == "missing" else 400, problem=PROBLEMS[problem]
        )

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
    try:
        with transaction.atomic():
            UsedFormToken.objects.create(nonce=token.nonce)  # a token is good for one comment
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
    except IntegrityError:
        logger.info("Comment refused: its form token was used before")
        return _form_page(request, form, target, status=400, problem=PROBLEMS["missing"])
    if comment.status == Comment.Status.PENDING:
        _tell_moderators(comment, target)
    # Spam gets the same answer: nothing tells a spammer what tripped the filter.
    sent = signing.dumps(targets.target_key(target), salt=SENT_SALT)
    return HttpResponseRedirect(f"{reverse('comments:sent')}?to={sent}", status=303)


@never_cache
@require_safe
def comment_sent(request: HttpRequest) -> HttpResponse:
    """After sending: the thanks, next to the page's comments, on a page for this reader only."""
    try:
        target_key = signing.loads(request.GET.get("to", ""), salt=SENT_SALT, max_age=SENT_LINK_SECONDS)
    except signing.BadSignature as error:
        raise Http404(_("This confirmation has expired.")) from error
    target = targets.resolve(str(target_key))
    if target is None or not getattr(target, "is_public", False):
        raise Http404(_("What you commented on no longer exists."))
    context: dict[str, Any] = {"target": target}
    response = render(request, "comments/sent.html", context)
    response["Cache-Control"] = "private, no-store"
    return response


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
