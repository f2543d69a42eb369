"""The comments block of a page (``comments_section(obj)`` in templates): approved comments and
the form, for any content that takes them."""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

from django.db import models
from django.http import HttpRequest
from django.templatetags.static import static
from django.utils import timezone
from django.utils.translation import get_language
from markupsafe import Markup

from comments import targets
from comments.forms import CommentForm
from comments.models import Comment, comments_key
from common import fragments, surrogate_keys
from common.pagination import CountInPagePaginator

COMMENTS_PER_PAGE = 50


def comments_block(request: HttpRequest | None, obj: models.Model, with_form: bool = True) -> dict[str, Any]:
    """The approved comments, oldest first, 50 at a time (``?comments=N``): one query for the
    page and the count whatever their number, and a long discussion does not make a huge page. The form holds
    nothing of the reader: the page is one copy for everyone (see comments/views.py)."""
    surrogate_keys.add(comments_key(obj._meta.model_name, obj.pk))
    approved = Comment.objects.approved().for_object(obj)
    paginator = CountInPagePaginator(
        approved.only("id", "name", "text_html", "created_at").order_by("created_at", "id"), COMMENTS_PER_PAGE
    )
    # A bad number falls back to the first page: the article itself must not become a 404.
    page = paginator.get_page(request.GET.get("comments") if request else None)
    return {
        "comments": page.object_list,
        "comments_page": page,
        "comment_count": paginator.count,
        "is_open": targets.is_open(obj),
        "with_form": with_form,
        "form": CommentForm(),
        "target_key": targets.target_key(obj),
    }


def stored_section(
    request: HttpRequest | None, obj: models.Model, with_form: bool, render: Callable[[], str]
) -> Markup | None:
    """The comments section of a public item as every reader of its plain address sees it
    (no query string: the first page of comments): the same for all of them until its comments
    or the item change, or comments close by themselves. So it is rendered once (``render()``)
    and stored (common/fragments.py). None where it cannot be shared: a preview, another page
    of comments, any query parameter (the section's links keep them)."""
    if request is None or request.GET or not getattr(obj, "is_public", False):
        return None
    # Its script's hashed name is in the section: a deploy that changes the script renders it anew.
    name = (
        f"comments:{get_language()}:{targets.target_key(obj)}:{int(with_form)}:{static('js/comment-form.js')}"
    )
    keys = {comments_key(obj._meta.model_name, obj.pk), surrogate_keys.key_of(obj)}
    closing = targets.closes_at(obj)
    now = timezone.now()
    # Kept no longer than comments stay open: then the form gives way to "Comments are closed".
    seconds = math.ceil((closing - now).total_seconds()) if closing and closing > now else None
    (html,) = fragments.pieces([name], lambda indexes: {0: (render(), keys)}, seconds=seconds)
    return html
