"""Cards of articles in lists, each rendered once per change and shared (common/fragments.py).

A list page reads its articles' headlines (one light query), then their cards: stored
ones in one query; the others are read with what they show (section, picture, authors) in
one more query and rendered with the ``article_card`` macro of jinja2/includes/cards.html.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict, dataclass, replace
from functools import cached_property
from typing import Any

from django.template import engines
from markupsafe import Markup

from articles.models import Article
from common import fragments


@dataclass(frozen=True)
class CardStyle:
    """How a list shows its articles: the ``article_card`` macro's arguments, and a name
    that tells the stored cards of each style apart."""

    name: str
    heading_level: int = 3
    show_image: bool = False
    show_lead: bool = False
    show_section: bool = False
    show_time: bool = False
    show_authors: bool = True
    card_class: str = ""
    image_sizes: str = "(min-width: 60rem) 20rem, 100vw"
    image_loading: str = "lazy"

    @cached_property
    def arguments(self) -> dict[str, Any]:
        """The macro's keyword arguments."""
        arguments = asdict(self)
        del arguments["name"]
        return arguments

    def eager(self) -> CardStyle:
        """The same card whose picture loads at once (the first of a list, above the fold)."""
        return replace(self, name=f"{self.name}-eager", image_loading="eager")

    def lead(self) -> CardStyle:
        """The first story of a list's first page: larger, its picture loaded at once."""
        return replace(
            self,
            name=f"{self.name}-lead",
            card_class=f"{self.card_class} card--listing-lead",
            image_loading="eager",
            image_sizes="(min-width: 72rem) 34rem, (min-width: 40rem) 48vw, 100vw",
        )


# Section, tag, author and topic pages: a lead story, then dense rows with a small picture and
# the lead (a section's own page does not repeat its name).
LISTING = CardStyle(
    "listing",
    heading_level=2,
    show_image=True,
    show_lead=True,
    show_section=True,
    card_class="card--row",
    image_sizes="(min-width: 40rem) 11rem, 7rem",
)
SECTION_LISTING = replace(LISTING, name="section-listing", show_section=False)
# Topic pages list articles beside albums and films, under a "Latest" heading.
TOPIC_LISTING = replace(LISTING, name="topic-listing", heading_level=3)
# The home page: Editor's Choice (a lead story with a large picture, then smaller ones), a
# block for each section of the menu (its newest story with a picture, then headlines), and
# the Latest strip (headlines with their times).
HOME_LEAD = CardStyle(
    "home-lead",
    show_image=True,
    show_lead=True,
    show_section=True,
    show_time=True,
    card_class="card--lead",
    image_loading="eager",
    image_sizes="(min-width: 72rem) 28rem, (min-width: 60rem) 38vw, (min-width: 40rem) 55vw, 100vw",
)
HOME_SMALL = CardStyle(
    "home-small",
    show_image=True,
    show_section=True,
    show_time=True,
    card_class="card--small",
    image_sizes="(min-width: 60rem) 9rem, 35vw",
)
HOME_SECTION_LEAD = CardStyle(
    "home-section-lead",
    show_image=True,
    show_lead=True,
    show_time=True,
    card_class="card--section-lead",
    image_sizes="(min-width: 72rem) 22rem, (min-width: 60rem) 30vw, (min-width: 40rem) 50vw, 100vw",
)
HOME_HEADLINE = CardStyle("home-headline", show_time=True, show_authors=False, card_class="card--headline")
LATEST = CardStyle("latest", show_time=True, show_authors=False, show_section=True, card_class="card--latest")


def article_cards(
    articles: Sequence[Article], style: CardStyle, first: CardStyle | None = None
) -> list[Markup]:
    """The card of each article (any instance with its id: a headline is enough), in order;
    ``first`` is the first card's style when it differs (``style.eager()`` at the top of a page)."""
    return styled_cards(
        [(article, first if index == 0 and first else style) for index, article in enumerate(articles)]
    )


def styled_cards(entries: Sequence[tuple[Article, CardStyle]]) -> list[Markup]:
    """The card of each (article, style), in order: the cards of several lists of a page in
    one read of the store (and one query for the articles whose cards are not stored)."""
    return fragments.card_groups(card_group(entries))[0]


def card_group(entries: Sequence[tuple[Article, CardStyle]]) -> fragments.CardGroup:
    """These articles' cards as one list of a page's cards (fragments.card_groups reads
    several lists together)."""
    styles = {style.name: style for _, style in entries}
    card = engines["reader"].env.get_template("includes/cards.html").module.article_card
    return fragments.CardGroup(
        [(article, style.name) for article, style in entries],
        lambda model, ids: Article.objects.for_listing().in_bulk(ids),
        lambda article, style: card(article, **styles[style].arguments),
    )
