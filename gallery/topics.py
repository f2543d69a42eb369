"""What the gallery tells the focus app: albums and films are filed under topics."""

from __future__ import annotations

from django.db.models import QuerySet
from markupsafe import Markup

from focus.listings import TopicContent
from gallery.cards import gallery_cards
from gallery.models import Album, Film


def album_listing() -> QuerySet[Album]:
    # Titles and addresses (the page's structured data); the cards come from the store.
    return Album.objects.published().only("id", "title", "slug", "language")


def film_listing() -> QuerySet[Film]:
    return Film.objects.published().only("id", "title", "slug", "language")


def row_cards(items: list[Album | Film]) -> list[Markup]:
    return gallery_cards(items, "row")


ALBUMS = TopicContent(kind="album", listing=album_listing, cards=row_cards)
FILMS = TopicContent(kind="film", listing=film_listing, cards=row_cards)
