"""Reader pages: the editions, one map (SVG and list without JavaScript) and its GeoJSON."""

from __future__ import annotations

import json
from typing import Any

from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_safe
from django.views.generic import ListView

from common import editions, surrogate_keys
from common.pagination import DeferredJoinPaginator
from common.publishing import keep_previews_private
from maps import drawing
from maps.feature_collection import feature_collection
from maps.models import Map, MapQuerySet

MAPS_PER_PAGE = 12


class MapListView(ListView):
    """/maps/: published editions, newest situation first, 12 a page; a bad ?page= is a 404."""

    template_name = "maps/map_list.html"
    context_object_name = "maps"
    paginate_by = MAPS_PER_PAGE
    http_method_names = ["get", "head"]  # not OPTIONS: a reader page answers GET and HEAD
    cache_parameters = ("page",)

    def get_queryset(self) -> QuerySet[Map]:
        surrogate_keys.add("maps")
        return Map.objects.published().in_edition().for_listing()

    def get_paginator(self, queryset: QuerySet[Map], per_page: int, **kwargs: Any) -> DeferredJoinPaginator:
        # The count is kept until a map comes or goes.
        return DeferredJoinPaginator(queryset, per_page, count_key="maps", **kwargs)


def _visible_map(request: HttpRequest, pk: int, maps: MapQuerySet) -> Map:
    surrogate_keys.add(f"map:{pk}")
    return get_object_or_404(maps.visible_to(request.user), pk=pk)


@require_safe
def map_detail(request: HttpRequest, pk: int, slug: str) -> HttpResponse:
    """One edition: the map drawn by the server with the numbered list of developments
    beside it; the page's script turns the drawing into an interactive map."""
    map_ = _visible_map(request, pk, Map.objects.with_drawing())
    if slug != map_.slug or map_.language != editions.current():
        return redirect(map_, permanent=True)  # its canonical address, in its own edition
    # The links to the editions before and after this one change when any map is published.
    surrogate_keys.add("maps")
    edition_list = Map.objects.published().in_edition(map_.language).for_listing()
    context = {
        "map": map_,
        "numbered": map_.numbered_developments(),
        "areas": list(map_.areas.all()),
        "drawing": drawing.map_svg(map_),
        "previous_edition": edition_list.before(map_).first(),
        "next_edition": edition_list.after(map_).first(),
        "is_preview": not map_.is_public,
    }
    context["legend"] = legend(context["numbered"], context["areas"])
    response = render(request, "maps/map_detail.html", context)
    return keep_previews_private(response, request.user, map_)


def legend(numbered: list[tuple[int, Any]], areas: list[Any]) -> dict[str, list[Any]]:
    """The kinds and parties this map shows, in the legend's order, each once."""
    kinds = {development.kind_id: development.kind for _, development in numbered}
    parties = {area.party_id: area.party for area in areas}
    return {
        "kinds": sorted(kinds.values(), key=lambda kind: (kind.position, kind.name)),
        "parties": sorted(parties.values(), key=lambda party: (party.position, party.name)),
    }


@require_safe
def map_data(request: HttpRequest, pk: int, slug: str) -> HttpResponse:
    """The map's areas and developments as a GeoJSON FeatureCollection (RFC 7946)."""
    map_ = _visible_map(request, pk, Map.objects.with_features())
    if slug != map_.slug:
        return redirect(reverse("maps:data", kwargs={"pk": map_.pk, "slug": map_.slug}), permanent=True)
    body = json.dumps(feature_collection(map_, request), ensure_ascii=False, separators=(",", ":"))
    response = HttpResponse(body, content_type="application/geo+json")
    response["Access-Control-Allow-Origin"] = "*"
    return keep_previews_private(response, request.user, map_)
