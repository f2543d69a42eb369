"""What the gallery tells the focus app: albums and films are filed under topics."""

from __future__ import annotations

from django.db.models import QuerySet

from focus.listings import TopicContent
from gallery.models import Album, Film


def album_listing() -> QuerySet[Album]:
    return Album.objects.published().for_listing()


def film_listing() -> QuerySet[Film]:
    return Film.objects.published().for_listing()


ALBUMS = TopicContent(kind="album", listing=album_listing, item_template="includes/gallery_row_card.html")
FILMS = TopicContent(kind="film", listing=film_listing, item_template="includes/gallery_row_card.html")
