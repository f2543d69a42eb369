"""Cards of albums and films in lists, rendered once per change and shared (common/fragments.py)."""

from __future__ import annotations

from collections.abc import Sequence

from django.template import engines
from markupsafe import Markup

from common import fragments
from gallery.models import Film, GalleryItem

# The macros of jinja2/includes/cards.html that draw each style of card.
MACROS = {"grid": "gallery_card", "row": "gallery_row_card"}


def gallery_cards(items: Sequence[GalleryItem], style: str = "grid") -> list[Markup]:
    """The card of each album or film (any instance with its id), in order, in one read of the
    stored cards: ``grid`` in the gallery and on the home page, ``row`` in a topic's list."""
    return fragments.card_groups(gallery_card_group(items, style))[0]


def gallery_card_group(items: Sequence[GalleryItem], style: str = "grid") -> fragments.CardGroup:
    """These albums' and films' cards as one list of a page's cards (fragments.card_groups
    reads several lists together)."""
    macros = engines["reader"].env.get_template("includes/cards.html").module

    def render(item: GalleryItem, style: str) -> Markup:
        return getattr(macros, MACROS[style])(item, "film" if isinstance(item, Film) else "album")

    return fragments.CardGroup(
        [(item, style) for item in items], lambda model, ids: model.objects.for_listing().in_bulk(ids), render
    )
