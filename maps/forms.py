"""Admin forms for maps: bounds checked against the base map, areas from pasted or uploaded
GeoJSON, and the import of many areas at once."""

from __future__ import annotations

import json
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from maps import geometry
from maps.models import Area, Map, Party

GEOJSON_ACCEPT = ".geojson,.json,application/geo+json,application/json"


def read_upload(upload: Any) -> bytes:
    """An uploaded file's bytes, refusing a huge one before reading it whole."""
    if upload.size > geometry.MAX_GEOJSON_BYTES:
        raise ValidationError(
            _("The file is %(size)s MB; at most %(limit)s MB is accepted. Simplify it first.")
            % {
                "size": round(upload.size / 1024 / 1024, 1),
                "limit": geometry.MAX_GEOJSON_BYTES // 1024 // 1024,
            }
        )
    return upload.read()


class GeoJSONField(forms.CharField):
    """A GeoJSON text area that refuses what is not JSON, in plain words."""

    widget = forms.Textarea(attrs={"rows": 4, "class": "vLargeTextField map-geojson", "spellcheck": "false"})

    def prepare_value(self, value: Any) -> Any:
        if isinstance(value, dict):
            return json.dumps(value)
        return value

    def to_python(self, value: Any) -> Any:
        value = super().to_python(value)
        if value in self.empty_values:
            return None
        if isinstance(value, dict):
            return value
        return geometry.parse_geojson(value)


class MapAdminForm(forms.ModelForm):
    class Meta:
        model = Map
        fields = [
            "title", "slug", "describes_at", "summary", "west", "south", "east", "north", "status",
            "published_at", "language", "topics", "related_articles",
        ]  # fmt: skip
        widgets = {"summary": forms.Textarea(attrs={"rows": 3, "maxlength": 1000})}


class AreaForm(forms.ModelForm):
    geometry = GeoJSONField(
        label=_("outline (GeoJSON)"),
        required=False,
        max_length=geometry.MAX_GEOJSON_BYTES,
        help_text=_("Paste a GeoJSON Polygon or MultiPolygon, or upload a file below."),
    )
    geometry_file = forms.FileField(
        label=_("or upload a GeoJSON file"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": GEOJSON_ACCEPT}),
    )

    class Meta:
        model = Area
        fields = ["party", "label", "geometry", "geometry_file"]

    def clean(self) -> dict[str, Any]:
        cleaned_data = super().clean()
        upload = cleaned_data.get("geometry_file")
        if upload:
            try:
                found = geometry.polygons_in(geometry.parse_geojson(read_upload(upload)))
            except ValidationError as error:
                self.add_error("geometry_file", error)
                return cleaned_data
            if len(found) != 1:
                self.add_error(
                    "geometry_file",
                    _("The file holds %(count)d areas; use “Import areas” to add several at once.")
                    % {"count": len(found)},
                )
                return cleaned_data
            cleaned_data["geometry"] = found[0][0]
            self.instance.geometry = found[0][0]
        elif isinstance(cleaned_data.get("geometry"), dict):
            data = cleaned_data["geometry"]
            try:
                found = geometry.polygons_in(data)
            except ValidationError as error:
                self.add_error("geometry", error)
                return cleaned_data
            if len(found) != 1:
                self.add_error("geometry", _("Give one Polygon or MultiPolygon per area."))
                return cleaned_data
            cleaned_data["geometry"] = found[0][0]
            self.instance.geometry = found[0][0]
        if not cleaned_data.get("geometry") and not self.errors and self.has_changed():
            self.add_error("geometry", _("Give the area's outline: paste GeoJSON or upload a file."))
        return cleaned_data


class ImportAreasForm(forms.Form):
    """Many areas at once from a GeoJSON file (or pasted text); previewed before saving."""

    file = forms.FileField(
        label=_("GeoJSON file"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": GEOJSON_ACCEPT}),
    )
    text = forms.CharField(
        label=_("or paste GeoJSON"),
        required=False,
        max_length=geometry.MAX_GEOJSON_BYTES,
        widget=forms.Textarea(attrs={"rows": 6, "class": "vLargeTextField", "spellcheck": "false"}),
    )
    party = forms.ModelChoiceField(
        label=_("held by"),
        queryset=Party.objects.all(),
        required=False,
        help_text=_("For features whose “party” property does not name a party of the legend."),
    )
    replace = forms.BooleanField(
        label=_("replace the map's current areas"),
        required=False,
        help_text=_("Otherwise the imported areas are added to those already on the map."),
    )

    def __init__(self, *args: Any, map_: Map, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.map = map_

    def clean(self) -> dict[str, Any]:
        cleaned_data = super().clean()
        upload, text = cleaned_data.get("file"), cleaned_data.get("text", "")
        if self.errors:
            return cleaned_data
        if not upload and not text.strip():
            raise ValidationError(_("Choose a GeoJSON file or paste GeoJSON."))
        try:
            source = read_upload(upload) if upload else text
            imported = geometry.areas_from_geojson(source, self.map.bounds)
        except ValidationError as error:
            self.add_error("file" if upload else "text", error)
            return cleaned_data
        parties = {
            name.casefold(): party for party in Party.objects.all() for name in (party.name, party.short_name)
        }
        areas, problems = [], []
        for number, item in enumerate(imported, start=1):
            named = str(item.properties.get("party") or "").strip()
            party = parties.get(named.casefold()) if named else None
            party = party or cleaned_data.get("party")
            if party is None:
                problems.append(
                    _(
                        "Area %(number)d: no party of the legend is called “%(name)s”; choose who holds it below."
                    )
                    % {"number": number, "name": named[:80]}
                    if named
                    else _("Area %(number)d names no party; choose who holds it below.") % {"number": number}
                )
                continue
            label = str(item.properties.get("name") or item.properties.get("label") or "")[:80]
            area = Area(map=self.map, party=party, label=label, geometry=item.geometry)
            area.label_longitude, area.label_latitude = geometry.label_point(item.geometry)
            areas.append(area)
        if problems:
            raise ValidationError(problems)
        cleaned_data["areas"] = areas
        return cleaned_data
