"""The comments block of a page (``comments_section(obj)`` in templates): approved comments and
the form, for any content that takes them."""

from __future__ import annotations

from typing import Any

from django.db import models
from django.http import HttpRequest

from comments import targets
from comments.forms import CommentForm
from comments.models import Comment, comments_key
from common import surrogate_keys
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
