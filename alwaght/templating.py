"""The template engine of reader pages: Jinja2, through Django's own backend.

Reader pages are rendered on every cache miss, every search and for every member of staff,
so their templates must be cheap: Jinja2 compiles templates to Python and renders a page of
twenty cards several times faster than Django's engine (bench/profile.py measured it). The
admin and form widgets stay on Django templates (templates/); reader pages live in jinja2/.

Templates see the same helpers as before, under the same names: ``url()``, ``static()``,
``picture()``, ``json_ld()``… (globals) and ``date``, ``iso_datetime``, ``truncatechars``…
(filters), and translate with ``_()``/``ngettext()`` (Django's catalogues, the active language).
"""

from __future__ import annotations

from typing import Any

from django.contrib.humanize.templatetags.humanize import intcomma
from django.http import HttpRequest
from django.template import defaultfilters
from django.template.backends.jinja2 import Jinja2, Template
from django.templatetags.static import static
from django.test.signals import template_rendered
from django.utils import timezone, translation
from markupsafe import Markup

import jinja2
from articles.metadata import article_breadcrumb, news_article
from comments.blocks import comments_block, stored_section
from common.bidi import isolate_latin
from common.dates import iso_datetime, local_date
from common.editions import local_digits, open_graph_locale
from common.metadata import absolute_url, item_list, json_ld, share_image_of
from common.pagination import page_url
from common.pictures import picture, picture_url
from common.plain_text import xml_safe
from common.reversing import cached_reverse
from common.text_search import highlighted
from maps.legend import kind_marker, party_patterns, party_swatch
from maps.metadata import map_breadcrumb, map_data, map_share_image


def url(viewname: str, **kwargs: Any) -> str:
    """The address of a named page: ``url("articles:tag", slug=tag.slug)``."""
    return cached_reverse(viewname, **kwargs)


@jinja2.pass_context
def comments_section(context: jinja2.runtime.Context, obj: Any, with_form: bool = True) -> str:
    """The approved comments of ``obj`` and the form (comments/templatetags/comments.py)."""
    request: HttpRequest | None = context.get("request")
    template = context.environment.get_template("comments/section.html")

    def render() -> str:
        return template.render({**context.get_all(), **comments_block(request, obj, with_form)})

    stored = stored_section(request, obj, with_form, render)
    return stored if stored is not None else Markup(render())  # noqa: S704 (our own template's output)


def environment(**options: Any) -> jinja2.Environment:
    """The Jinja2 environment of reader pages (settings.TEMPLATES names this function)."""
    # Like Django's engine, a missing value (and anything read from it) renders as nothing
    # rather than failing the page; the tests make it an error (tests/conftest.py).
    options["undefined"] = jinja2.ChainableUndefined
    # Django's backend passes autoescape=True (settings.TEMPLATES says it too).
    env = jinja2.Environment(extensions=["jinja2.ext.i18n"], **options)  # noqa: S701
    env.install_gettext_callables(
        translation.gettext, translation.ngettext, newstyle=True, pgettext=translation.pgettext
    )
    env.globals.update(
        url=url,
        static=static,
        now=timezone.localtime,
        get_language=translation.get_language,
        get_language_bidi=translation.get_language_bidi,
        picture=picture,
        picture_url=picture_url,
        json_ld=json_ld,
        absolute_url=jinja2.pass_context(absolute_url),
        share_image_of=jinja2.pass_context(share_image_of),
        item_list=jinja2.pass_context(item_list),
        news_article=jinja2.pass_context(news_article),
        article_breadcrumb=jinja2.pass_context(article_breadcrumb),
        page_url=page_url,
        comments_section=comments_section,
        kind_marker=kind_marker,
        party_swatch=party_swatch,
        party_patterns=party_patterns,
        map_share_image=jinja2.pass_context(map_share_image),
        map_data=jinja2.pass_context(map_data),
        map_breadcrumb=jinja2.pass_context(map_breadcrumb),
        open_graph_locale=open_graph_locale,
    )
    env.filters.update(
        # Dates as each edition's readers write them (Solar Hijri in Persian): common/dates.py.
        date=local_date,
        local_digits=local_digits,
        time=defaultfilters.time,
        iso_datetime=iso_datetime,
        truncatechars=defaultfilters.truncatechars,
        truncatewords=defaultfilters.truncatewords,
        linebreaks=defaultfilters.linebreaks_filter,
        linebreaksbr=defaultfilters.linebreaksbr,
        urlencode=defaultfilters.urlencode,
        intcomma=intcomma,
        highlighted=highlighted,
        xml_safe=xml_safe,
        isolate_latin=isolate_latin,
    )
    return env


class ReaderTemplate(Template):
    def render(self, context: dict[str, Any] | None = None, request: HttpRequest | None = None) -> str:
        # Django's test client records what templates rendered with this signal (it has no
        # receiver outside tests, and then costs a dictionary lookup).
        template_rendered.send(sender=self, template=self, context=context if context is not None else {})
        return super().render(context, request)


class ReaderTemplates(Jinja2):
    """Django's Jinja2 backend whose templates report their rendering as Django's do."""

    def get_template(self, template_name: str) -> ReaderTemplate:
        template = super().get_template(template_name)
        return ReaderTemplate(template.template, self)

    def from_string(self, template_code: str) -> ReaderTemplate:
        return ReaderTemplate(self.env.from_string(template_code), self)
