"""``xml_safe``: text without the characters XML cannot hold, for templates that write XML."""

from django import template

from common.plain_text import xml_safe as _xml_safe

register = template.Library()


@register.filter
def xml_safe(text: object) -> str:
    return _xml_safe(str(text)) if text is not None else ""
