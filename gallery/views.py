"""Gallery pages: the Photo and Film tabs, an album with its viewer, a film with its player."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe
from django.views.generic import ListView

from common import editions, surrogate_keys
from common.page_parameters import uses_parameters
from common.pagination import DeferredJoinPaginator
from common.publishing import keep_previews_private
from gallery.cards import gallery_cards
from gallery.models import Album, Film

ITEMS_PER_PAGE = 24
RELATED_FILMS = 4


class GalleryIndexView(ListView):
    """/gallery/?tab=photos|films, newest first; the tabs are plain links."""

    template_name = "gallery/index.html"
    context_object_name = "items"
    paginate_by = ITEMS_PER_PAGE
    http_method_names = ["get", "head"]  # not OPTIONS: a reader page answers GET and HEAD
    cache_parameters = ("tab", "page")

    def get_queryset(self) -> QuerySet[Any]:
        self.tab = "films" if self.request.GET.get("tab") == "films" else "photos"
        model = Film if self.tab == "films" else Album
        self.list_key = surrogate_keys.collection_key(model)
        surrogate_keys.add(self.list_key)
        return model.objects.published().in_edition().newest_first().only("id")

    def get_paginator(self, queryset: QuerySet[Any], per_page: int, **kwargs: Any) -> DeferredJoinPaginator:
        # The count is kept until an album (or film) comes or goes.
        return DeferredJoinPaginator(queryset, per_page, count_key=self.list_key, **kwargs)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(tab=self.tab, **kwargs)
        context["cards"] = gallery_cards(context["items"])
        return context


@uses_parameters("photo", "comments")
@require_safe
def album_detail(request: HttpRequest, pk: int, slug: str) -> HttpResponse:
    """The album's photos in a grid. ``?photo=N`` shows photo N large with previous and next
    links: the viewer works without JavaScript, and JavaScript opens it without a reload."""
    surrogate_keys.add(f"album:{pk}")
    album = get_object_or_404(Album.objects.visible_to(request.user).for_page(), pk=pk)
    if slug != album.slug or album.language != editions.current():
        return redirect(album, permanent=True)  # its canonical address, in its own edition
    photos = list(album.photos.select_related("image"))
    viewer = None
    requested = request.GET.get("photo")
    if requested is not None:
        if not requested.isdigit() or not 1 <= int(requested) <= len(photos):
            raise Http404(_("This album has no such photo."))
        number = int(requested)
        viewer = {
            "photo": photos[number - 1],
            "number": number,
            "previous": number - 1 if number > 1 else None,
            "next": number + 1 if number < len(photos) else None,
        }
    response = render(
        request,
        "gallery/album_detail.html",
        {
            "album": album,
            "photos": photos,
            "viewer": viewer,
            "is_preview": not album.is_public,
            "share_source": album.cover or (photos[0].image if photos else None),
        },
    )
    return keep_previews_private(response, request.user, album)


@uses_parameters("comments")
@require_safe
def film_detail(request: HttpRequest, pk: int, slug: str) -> HttpResponse:
    surrogate_keys.add(f"film:{pk}")
    film = get_object_or_404(Film.objects.visible_to(request.user).for_page(), pk=pk)
    if slug != film.slug or film.language != editions.current():
        return redirect(film, permanent=True)  # its canonical address, in its own edition
    related = related_films(film)
    response = render(
        request,
        "gallery/film_detail.html",
        {
            "film": film,
            "related_films": related,
            "related_film_cards": gallery_cards(related),
            "is_preview": not film.is_public,
        },
    )
    return keep_previews_private(response, request.user, film)


def related_films(film: Film, limit: int = RELATED_FILMS) -> list[Film]:
    """Films related to this one (the site-wide rule: sharing a tag or a topic), newest first,
    then the newest others: two queries at most (ids only: their cards are stored)."""
    films = Film.objects.published().in_edition(film.language)
    others = films.newest_first().only("id").exclude(pk=film.pk)
    similar = list(films.related_to(film).newest_first().only("id")[:limit])
    if len(similar) < limit:
        similar += list(others.exclude(pk__in=[item.pk for item in similar])[: limit - len(similar)])
    return similar
