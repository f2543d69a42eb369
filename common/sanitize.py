"""HTML written by editors, reduced to an allow-list before it is stored.

nh3 (the Rust ammonia sanitiser) does the parsing and cleaning; bleach is no
longer maintained. Sanitising happens once, on save; pages print the stored
result as it is.
"""

from __future__ import annotations

import html
import re
from urllib.parse import urlsplit

import nh3

from common.plain_text import clean_lines

ALLOWED_TAGS = {
    "p", "br", "hr", "h2", "h3", "h4",
    "strong", "b", "em", "i", "u", "s", "sub", "sup", "mark", "small", "abbr", "cite", "q", "code", "pre",
    "a", "ul", "ol", "li", "blockquote",
    "figure", "figcaption", "img",
    "table", "caption", "thead", "tbody", "tfoot", "tr", "th", "td",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "img": {"src", "alt", "width", "height", "title"},
    "abbr": {"title"},
    "blockquote": {"cite"},
    "q": {"cite"},
    "ol": {"start", "reversed"},
    "th": {"colspan", "rowspan", "scope"},
    "td": {"colspan", "rowspan"},
}
URL_SCHEMES = {"http", "https", "mailto", "tel"}
# Whole elements whose content must go too, not only the tags.
CLEAN_CONTENT_TAGS = {"script", "style", "template", "iframe", "object", "embed", "noscript", "svg", "math"}

_cleaner = nh3.Cleaner(
    tags=ALLOWED_TAGS,
    clean_content_tags=CLEAN_CONTENT_TAGS,
    attributes=ALLOWED_ATTRIBUTES,
    url_schemes=URL_SCHEMES,
    strip_comments=True,
    link_rel=None,
)

# nh3 serialises every attribute as name="value" with the value escaped, so
# its output (never the raw input) can be read with this pattern.
_ANCHOR_HREF = re.compile(r'<a href="([^"]*)"')


def is_external_url(url: str) -> bool:
    parts = urlsplit(url)
    return bool(parts.netloc) or parts.scheme in {"http", "https"}


def _add_rel_to_external_links(html: str) -> str:
    def replace(match: re.Match[str]) -> str:
        href = match.group(1)
        if is_external_url(href.replace("&amp;", "&")):
            return f'<a rel="noopener noreferrer" href="{href}"'
        return match.group(0)

    return _ANCHOR_HREF.sub(replace, html)


def sanitize_html(html: str) -> str:
    """Editor HTML reduced to the allow-list: no scripts, styles, event handlers,
    ``javascript:`` or ``data:`` URLs, no control characters; links to other hosts get
    ``rel="noopener noreferrer"``."""
    if not html:
        return ""
    cleaned = _cleaner.clean(clean_lines(html)).strip()
    return _add_rel_to_external_links(cleaned)


_BLOCK_END = re.compile(
    r"</(p|h[2-4]|li|blockquote|figcaption|td|th|tr|pre)>|<br\s*/?>|<hr\s*/?>", re.IGNORECASE
)
_TAG = re.compile(r"<[^>]+>")


def plain_text(clean_html: str) -> str:
    """The words of sanitised HTML, for search and snippets: tags gone, entities decoded,
    a space where a block ended so words do not run together."""
    spaced = _BLOCK_END.sub(" ", clean_html)
    return " ".join(html.unescape(_TAG.sub("", spaced)).split())
