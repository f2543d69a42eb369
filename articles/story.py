"""An article page's stored pieces (common/fragments.py): the story, its head, Related Content.

The story (header, picture, lead, body, tags, topics, share links) and its head (Open
Graph, JSON-LD) change only when the article or something they show changes: they are
rendered once per change and language, and per host, since they hold absolute addresses.
Related Content and "More in the section" are kept for RELATED_SECONDS, because a newly
published article that shares a tag or the section belongs in them without changing this one.
The page puts them at their marks in the story.
"""

from __future__ import annotations

from django.http import HttpRequest
from django.template import engines
from django.utils.translation import get_language
from markupsafe import Markup

from articles.models import Article
from common import editions, fragments

RELATED_SECONDS = 600
RELATED_MARK = Markup("<!-- related content -->")
MORE_MARK = Markup("<!-- more in section -->")
MORE_IN_SECTION = 4
# Related Content and "More in the section" are stored as one piece, this between them.
PIECES_APART = "<!-- apart -->"


def render_story(
    request: HttpRequest, article: Article, related: Markup, more: Markup = MORE_MARK
) -> tuple[Markup, Markup]:
    """The story (with ``related`` and ``more`` in their places) and its head, for an article
    read with ``Article.objects.for_page()``."""
    env = engines["reader"].env
    context = {
        "request": request,
        "site_name": editions.site_name(),
        "article": article,
        "related": related,
        "more": more,
    }
    story = env.get_template("articles/story.html").render(context)
    head = env.get_template("articles/story_head.html").render(context)
    return Markup(story), Markup(head)  # noqa: S704 (our own templates' output)


def render_related(articles: list[Article]) -> Markup:
    html = engines["reader"].env.get_template("articles/related.html").render({"related_articles": articles})
    return Markup(html)  # noqa: S704 (our own template's output)


def render_more(article: Article, articles: list[Article]) -> Markup:
    """The end of the story: the newest articles of its section, with their pictures."""
    template = engines["reader"].env.get_template("articles/more_in_section.html")
    return Markup(template.render({"article": article, "more_articles": articles}))  # noqa: S704 (ours)


def story_pieces(request: HttpRequest, article: Article) -> tuple[Markup, Markup]:
    """The story (Related Content in place) and head of a published article, stored or rendered
    now. ``article`` only needs its id."""
    where = f"{request.scheme}://{request.get_host()}:{get_language()}:{article.pk}"
    names = [f"story:{where}", f"story-head:{where}", f"related:{get_language()}:{article.pk}"]

    def render(indexes: list[int]) -> dict[int, tuple[str, set[str]]]:
        full = Article.objects.for_page().get(pk=article.pk)
        keys = fragments.keys_of(full)
        rendered: dict[int, tuple[str, set[str]]] = {}
        if 2 in indexes:
            related = full.related_content()
            more = full.more_in_section(MORE_IN_SECTION)
            related_keys = {fragments.surrogate_keys.key_of(full)}.union(
                *map(fragments.keys_of, related + more)
            )
            rendered[2] = (f"{render_related(related)}{PIECES_APART}{render_more(full, more)}", related_keys)
        if 0 in indexes or 1 in indexes:
            story, head = render_story(request, full, RELATED_MARK)
            rendered[0], rendered[1] = (str(story), keys), (str(head), keys)
        return rendered

    story, head, related_and_more = fragments.pieces(names, render, seconds=[None, None, RELATED_SECONDS])
    related, _apart, more = related_and_more.partition(PIECES_APART)
    return Markup(story.replace(RELATED_MARK, related, 1).replace(MORE_MARK, more, 1)), head  # noqa: S704 (ours, stored)
