"""``{% page_url %}``: the address of another page of a listing, keeping the other parameters."""

from __future__ import annotations

from django import template
from django.template.defaulttags import querystring

register = template.Library()


@register.simple_tag(takes_context=True)
def page_url(context: template.Context, number: int, parameter: str = "page") -> str:
    """This page's path with ``parameter`` set to ``number`` and every other query parameter
    kept (Django's ``{% querystring %}``); page 1 drops the parameter, its canonical address."""
    query = querystring(context, **{parameter: None if int(number) == 1 else number})
    return f"{context.request.path}{query if query != '?' else ''}"
