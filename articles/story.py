"""An article page's stored pieces (common/fragments.py): the story, its head, Related Content.

The story (header, picture, lead, body, tags, topics, share links) and its head (Open
Graph, JSON-LD) change only when the article or something they show changes: they are
rendered once per change and language, and per host, since they hold absolute addresses.
Related Content is kept for RELATED_SECONDS as well, because a newly published article that
shares a tag belongs in it without changing this one. The page puts it at a mark in the story.
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


def render_story(request: HttpRequest, article: Article, related: Markup) -> tuple[Markup, Markup]:
    """The story (with ``related`` in its place) and its head, for an article read with
    ``Article.objects.for_page()``."""
    env = engines["reader"].env
    context = {"request": request, "site_name": editions.site_name(), "article": article, "related": related}
    story = env.get_template("articles/story.html").render(context)
    head = env.get_template("articles/story_head.html").render(context)
    return Markup(story), Markup(head)  # noqa: S704 (our own templates' output)


def render_related(articles: list[Article]) -> Markup:
    html = engines["reader"].env.get_template("articles/related.html").render({"related_articles": articles})
    return Markup(html)  # noqa: S704 (our own template's output)


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
            related_keys = {fragments.surrogate_keys.key_of(full)}.union(*map(fragments.keys_of, related))
            rendered[2] = (str(render_related(related)), related_keys)
        if 0 in indexes or 1 in indexes:
            story, head = render_story(request, full, RELATED_MARK)
            rendered[0], rendered[1] = (str(story), keys), (str(head), keys)
        return rendered

    story, head, related = fragments.pieces(names, render, seconds=[None, None, RELATED_SECONDS])
    return Markup(story.replace(RELATED_MARK, related, 1)), head  # noqa: S704 (both our own, stored)
