"""Search snippets: the database marks matches with control characters; here they become <mark>."""

from django import template
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

register = template.Library()


@register.filter
def highlighted(snippet: str | None) -> SafeString:
    """Escape everything, then turn the match markers into <mark> elements."""
    escaped = escape(snippet or "")
    return mark_safe(escaped.replace("\u0002", "<mark>").replace("\u0003", "</mark>"))  # noqa: S308 (escaped above)
