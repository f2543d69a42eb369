"""The admin index's notice of what awaits review, for those who may publish it."""

from __future__ import annotations

from typing import Any

from django import template

from common.review import review_queue

register = template.Library()


@register.inclusion_tag("admin/newsroom/review_notice.html", takes_context=True)
def review_queue_notice(context: template.Context) -> dict[str, Any]:
    return {"queue": review_queue(context["request"].user)}
