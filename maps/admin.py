"""Editors' admin for maps: the editions with their developments and areas (placed on a map
widget, or typed), the legend's kinds and parties, GeoJSON import with a preview, and the
next edition started from the previous one."""

from __future__ import annotations

import json
from typing import Any

import reversion
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Count, QuerySet
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.templatetags.static import static
from django.urls import path, reverse
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from common.admin import ContentAdmin, TolerantAutocompleteMixin
from maps import drawing, share_image
from maps.editions import start_next_edition
from maps.forms import AreaForm, ImportAreasForm, MapAdminForm
from maps.legend import kind_marker, party_patterns, party_swatch
from maps.models import Area, Development, DevelopmentKind, Map, Party
from maps.projection import Projection

MAP_EDITOR_MEDIA = {
    "css": {"all": ["maps/leaflet/leaflet.css", "maps/admin.css"]},
    "js": ["maps/leaflet/leaflet.js", "maps/admin-map.js"],
}


# Every save of a map keeps a version with its developments and areas of control.
reversion.register(Development)
reversion.register(Area)
reversion.register(Map, follow=["developments", "areas"])


@admin.register(DevelopmentKind)
class DevelopmentKindAdmin(admin.ModelAdmin):
    list_display = ["marker", "name", "symbol", "colour", "position"]
    list_display_links = ["marker", "name"]
    list_editable = ["position"]
    search_fields = ["name"]

    @admin.display(description=_("marker"))
    def marker(self, kind: DevelopmentKind) -> SafeString:
        return kind_marker(kind, 1)

    def save_model(self, request: HttpRequest, obj: DevelopmentKind, form: Any, change: bool) -> None:
        super().save_model(request, obj, form, change)
        if change:
            for map_id in Map.objects.filter(developments__kind=obj).values_list("pk", flat=True).distinct():
                share_image.redraw_after_commit(map_id)


@admin.register(Party)
class PartyAdmin(admin.ModelAdmin):
    list_display = ["swatch", "name", "short_name", "colour", "pattern", "position"]
    list_display_links = ["swatch", "name"]
    list_editable = ["position"]
    search_fields = ["name", "short_name"]

    @admin.display(description=_("areas look like"))
    def swatch(self, party: Party) -> SafeString:
        return format_html("{}{}", party_patterns([party]), party_swatch(party))

    def save_model(self, request: HttpRequest, obj: Party, form: Any, change: bool) -> None:
        super().save_model(request, obj, form, change)
        if change:
            for map_id in Map.objects.filter(areas__party=obj).values_list("pk", flat=True).distinct():
                share_image.redraw_after_commit(map_id)


class DevelopmentInline(TolerantAutocompleteMixin, admin.StackedInline):
    model = Development
    extra = 1
    fields = [("occurred_at", "kind"), "place", ("latitude", "longitude"), "description", "article"]
    autocomplete_fields = ["article"]
    classes = ["map-developments"]

    def get_queryset(self, request: HttpRequest) -> QuerySet[Development]:
        return super().get_queryset(request).select_related("kind", "article")


class AreaInline(admin.StackedInline):
    model = Area
    form = AreaForm
    extra = 0
    fields = [("party", "label"), "geometry", "geometry_file"]
    classes = ["map-areas"]

    def get_queryset(self, request: HttpRequest) -> QuerySet[Area]:
        return super().get_queryset(request).select_related("party")


@admin.register(Map)
class MapAdmin(TolerantAutocompleteMixin, ContentAdmin):
    form = MapAdminForm
    list_display = ["title", "describes_at", "development_count", "area_count", "status", "published_at"]
    list_filter = ["status", "describes_at"]
    search_fields = ["title", "summary"]
    date_hierarchy = "describes_at"
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["topics", "related_articles"]
    readonly_fields = ["map_editor"]
    inlines = [DevelopmentInline, AreaInline]
    actions = [*ContentAdmin.actions, "start_next_edition_action"]
    fieldsets = [
        (None, {"fields": ["title", "slug", "describes_at", "summary"]}),
        (
            _("Region shown"),
            {
                "fields": [("west", "east"), ("south", "north")],
                "description": _(
                    "The map's edges in degrees of longitude (west, east) and latitude (south, north)."
                ),
            },
        ),
        (
            _("The map"),
            {
                "fields": ["map_editor"],
                "description": _(
                    "Click a development's fields below, then click the map to place it there (or type its "
                    "latitude and longitude). Areas are drawn from their GeoJSON as you type it, or drawn on "
                    "the map with their “Draw on the map” button."
                ),
            },
        ),
        (_("Publishing"), {"fields": ["status", "published_at", "language", "topics", "related_articles"]}),
    ]

    class Media:
        css = MAP_EDITOR_MEDIA["css"]
        js = MAP_EDITOR_MEDIA["js"]

    def get_queryset(self, request: HttpRequest) -> QuerySet[Map]:
        return (
            super()
            .get_queryset(request)
            .annotate(number_of_developments=Count("developments", distinct=True))
            .annotate(number_of_areas=Count("areas", distinct=True))
            .order_by("-describes_at", "-id")
        )

    @admin.display(description=_("developments"), ordering="number_of_developments")
    def development_count(self, map_: Map) -> int:
        return map_.number_of_developments

    @admin.display(description=_("areas"), ordering="number_of_areas")
    def area_count(self, map_: Map) -> int:
        return map_.number_of_areas

    @admin.display(description=_("map"))
    def map_editor(self, map_: Map) -> SafeString:
        """The server's drawing of the saved map (what readers without JavaScript see); the
        admin script lays an editable map over it."""
        drawn = ""
        if map_.pk:
            saved = Map.objects.with_features().get(pk=map_.pk)
            drawn = drawing.map_svg(saved, id_prefix="admin-map")
        words = {
            "text-place": _("Click the map to place %s."),
            "text-development": _("development %s"),
            "text-choose-first": _("Click a development's fields first, then the map."),
            "text-draw": _(
                "Click the map at each corner of the area; click the first corner or press Finish to close it. Escape cancels."
            ),
            "text-too-few": _("An area needs at least three corners."),
            "text-drawn": _("The area's outline is in its GeoJSON field: save to keep it."),
            "text-draw-button": _("Draw on the map"),
            "text-finish-button": _("Finish the area"),
        }
        attributes = format_html_join(" ", 'data-{}="{}"', words.items())
        return format_html(
            '<div class="map-editor" data-map-editor data-basemap="{}" {}>{}</div>',
            static("maps/basemap.geojson"),
            attributes,
            drawn or _("The drawing appears once the map is saved."),
        )

    def save_related(self, request: HttpRequest, form: Any, formsets: Any, change: bool) -> None:
        super().save_related(request, form, formsets, change)
        share_image.redraw_after_commit(form.instance.pk)

    # --- the next edition ------------------------------------------------------------------

    @admin.action(description=_("Start a new edition from the selected map"), permissions=["add"])
    def start_next_edition_action(self, request: HttpRequest, queryset: QuerySet[Map]) -> HttpResponse | None:
        if queryset.count() != 1:
            self.message_user(
                request, _("Select exactly one map to start the next edition from."), messages.WARNING
            )
            return None
        return self._start_next_edition(request, queryset.get())

    def _start_next_edition(self, request: HttpRequest, previous: Map) -> HttpResponse:
        edition = start_next_edition(previous)
        count = edition.areas.count()
        self.message_user(
            request,
            ngettext(
                "A new draft edition was started from “%(title)s” with its %(count)d area of control. Add today's developments.",
                "A new draft edition was started from “%(title)s” with its %(count)d areas of control. Add today's developments.",
                count,
            )
            % {"title": previous.title, "count": count},
            messages.SUCCESS,
        )
        share_image.redraw_after_commit(edition.pk)
        return HttpResponseRedirect(reverse("admin:maps_map_change", args=[edition.pk]))

    def get_urls(self) -> list[Any]:
        own = [
            path(
                "<int:pk>/next-edition/",
                self.admin_site.admin_view(self.next_edition_view),
                name="maps_map_next_edition",
            ),
            path(
                "<int:pk>/import-areas/",
                self.admin_site.admin_view(self.import_areas_view),
                name="maps_map_import_areas",
            ),
        ]
        return own + super().get_urls()

    def next_edition_view(self, request: HttpRequest, pk: int) -> HttpResponse:
        """GET asks, POST starts the next edition (a link must not create anything)."""
        previous = get_object_or_404(Map, pk=pk)
        if not self.has_add_permission(request) or not self.has_view_permission(request, previous):
            raise PermissionDenied
        if request.method == "POST":
            return self._start_next_edition(request, previous)
        context = {
            **self.admin_site.each_context(request),
            "title": _("Start the next edition"),
            "opts": self.opts,
            "original": previous,
        }
        return TemplateResponse(request, "admin/maps/map/next_edition.html", context)

    def import_areas_view(self, request: HttpRequest, pk: int) -> HttpResponse:
        """Upload (or paste) GeoJSON, see the areas drawn on the map, then save them."""
        map_ = get_object_or_404(Map.objects.with_features(), pk=pk)
        if not self.has_change_permission(request, map_):
            raise PermissionDenied
        form = ImportAreasForm(request.POST or None, request.FILES or None, map_=map_)
        preview = None
        if request.method == "POST" and form.is_valid():
            areas = form.cleaned_data["areas"]
            if "confirm" in request.POST:
                return self._save_imported(request, map_, areas, form.cleaned_data["replace"])
            kept = [] if form.cleaned_data["replace"] else list(map_.areas.all())
            projection = Projection(map_.bounds, drawing.SVG_WIDTH)
            scene = drawing.build_scene(map_.numbered_developments(), [*kept, *areas], projection)
            preview = {
                "drawing": drawing.svg(
                    scene,
                    title=map_.title,
                    description=drawing.describe([], [*kept, *areas]),
                    id_prefix="import",
                ),
                "areas": areas,
                # Sent back with "Save": checked again then, whatever the browser returns.
                "geojson": json.dumps(
                    {
                        "type": "FeatureCollection",
                        "features": [
                            {
                                "type": "Feature",
                                "properties": {"party": area.party.name, "name": area.label},
                                "geometry": area.geometry,
                            }
                            for area in areas
                        ],
                    }
                ),
            }
        context = {
            **self.admin_site.each_context(request),
            "title": _("Import areas of control"),
            "opts": self.opts,
            "original": map_,
            "form": form,
            "preview": preview,
            "media": self.media + form.media,
        }
        return TemplateResponse(request, "admin/maps/map/import_areas.html", context)

    def _save_imported(
        self, request: HttpRequest, map_: Map, areas: list[Area], replace: bool
    ) -> HttpResponse:
        with transaction.atomic():
            if replace:
                for area in map_.areas.all():
                    area.delete()
            for area in areas:
                area.save()
        share_image.redraw_after_commit(map_.pk)
        self.message_user(
            request,
            ngettext("%(count)d area was imported.", "%(count)d areas were imported.", len(areas))
            % {"count": len(areas)},
            messages.SUCCESS,
        )
        return HttpResponseRedirect(reverse("admin:maps_map_change", args=[map_.pk]))
