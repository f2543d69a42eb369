"""``{% comments_section obj %}``: approved comments and the form, for any content that takes them."""

from __future__ import annotations

from typing import Any

from django import template
from django.db import models

from comments import spam, targets
from comments.forms import CommentForm
from comments.models import Comment

register = template.Library()


@register.inclusion_tag("comments/section.html", takes_context=True)
def comments_section(context: template.Context, obj: models.Model) -> dict[str, Any]:
    """One query for the approved comments, oldest first, whatever their number."""
    comments = list(
        Comment.objects.approved()
        .for_object(obj)
        .only("id", "name", "text_html", "created_at")
        .order_by("created_at", "id")
    )
    return {
        "request": context.get("request"),
        "comments": comments,
        "is_open": targets.is_open(obj),
        "form": CommentForm(),
        "token": spam.form_token(targets.target_key(obj)),
        "csrf_token": context.get("csrf_token"),
    }
