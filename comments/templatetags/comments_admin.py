from __future__ import annotations

from typing import Any

from django import template

from comments.models import Comment

register = template.Library()


@register.inclusion_tag("admin/comments/pending_notice.html", takes_context=True)
def pending_comments_notice(context: template.Context) -> dict[str, Any]:
    """How many comments wait, for staff who may moderate them."""
    user = context["request"].user
    if not user.has_perm("comments.change_comment"):
        return {"pending": None}
    return {"pending": Comment.objects.pending().count()}
