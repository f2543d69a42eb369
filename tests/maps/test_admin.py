"""Editors make maps in admin: a new edition with developments and areas, GeoJSON pasted,
uploaded or imported with a preview, the next edition from the previous one, the legend.
Only Editors (and superusers) may."""

from __future__ import annotations

import json

import pytest
from django.contrib.auth.models import Group
from django.contrib.messages import get_messages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from reversion.models import Version

from maps.models import Area, Development, DevelopmentKind, Map, Party
from tests.factories import UserFactory
from tests.maps.factories import AreaFactory, DevelopmentFactory, MapFactory, PartyFactory, square

pytestmark = pytest.mark.django_db


def map_form(**overrides) -> dict:
    data = {
        "title": "Map of Latest Battlefield Developments in Syria",
        "slug": "",
        "describes_at_0": "2026-11-30",
        "describes_at_1": "18:00:00",
        "summary": "The army advanced along the M5 highway.",
        "west": "35.5",
        "south": "35.0",
        "east": "38.5",
        "north": "37.0",
        "status": "draft",
        "published_at_0": "",
        "published_at_1": "",
        "language": "en",
        "developments-TOTAL_FORMS": "0",
        "developments-INITIAL_FORMS": "0",
        "developments-MIN_NUM_FORMS": "0",
        "developments-MAX_NUM_FORMS": "1000",
        "areas-TOTAL_FORMS": "0",
        "areas-INITIAL_FORMS": "0",
        "areas-MIN_NUM_FORMS": "0",
        "areas-MAX_NUM_FORMS": "1000",
    }
    data.update(overrides)
    return data


def development_row(index: int, **overrides) -> dict:
    row = {
        "occurred_at_0": "2026-11-30",
        "occurred_at_1": "09:30:00",
        "kind": str(DevelopmentKind.objects.get(name="Clash").pk),
        "place": "Saraqib",
        "latitude": "35.862",
        "longitude": "36.806",
        "description": "Clashes east of the town.",
        "article": "",
    }
    row.update(overrides)
    return {f"developments-{index}-{name}": value for name, value in row.items()}


def area_row(index: int, party: Party, geometry: str = "", **overrides) -> dict:
    row = {"party": str(party.pk), "label": "Idlib pocket", "geometry": geometry}
    row.update(overrides)
    return {f"areas-{index}-{name}": value for name, value in row.items()}


def errors_of(response) -> str:
    """Every error the admin form shows, as one text."""
    parts = [str(response.context["adminform"].form.errors)]
    parts += [
        str(inline.formset.errors) + str(inline.formset.non_form_errors())
        for inline in response.context["inline_admin_formsets"]
    ]
    return " ".join(parts)


def test_editor_adds_a_map_with_a_development_and_a_pasted_area(
    editor_client: Client, django_capture_on_commit_callbacks
) -> None:
    party = PartyFactory(name="Tahrir al-Sham", short_name="HTS")
    data = map_form(**{"developments-TOTAL_FORMS": "1", "areas-TOTAL_FORMS": "1"})
    data.update(development_row(0))
    data.update(area_row(0, party, json.dumps(square(36.2, 35.6))))
    with django_capture_on_commit_callbacks(execute=True):
        response = editor_client.post("/admin/maps/map/add/", data)
    assert response.status_code == 302, errors_of(response)
    map_ = Map.objects.get()
    assert map_.slug == "map-of-latest-battlefield-developments-in-syria"
    assert map_.developments.get().place == "Saraqib"
    assert map_.areas.get().party == party
    assert map_.share_image.name.startswith("maps/shared/map-")  # drawn once the save committed


def test_a_development_outside_the_map_is_refused_next_to_its_fields(editor_client: Client) -> None:
    data = map_form(**{"developments-TOTAL_FORMS": "1"})
    data.update(development_row(0, place="Baghdad", latitude="33.31", longitude="44.37"))
    response = editor_client.post("/admin/maps/map/add/", data)
    assert response.status_code == 200
    assert "Baghdad (33.3100, 44.3700) lies outside the map's bounds" in errors_of(response)
    assert not Map.objects.exists()


@pytest.mark.parametrize(
    ("geometry", "expected"),
    [
        ("not json", "This is not valid JSON"),
        ('{"type": "Point", "coordinates": [36.5, 35.5]}', "A Point cannot be an area"),
        (json.dumps(square(44.0, 33.0)), "reaches outside the map"),
        (
            json.dumps(
                {
                    "type": "Polygon",
                    "coordinates": [[[36, 35.5], [37, 36.5], [37, 35.5], [36, 36.5], [36, 35.5]]],
                }
            ),
            "crosses itself",
        ),
        ("", "Give the area's outline"),
    ],
)
def test_a_bad_area_gets_a_clear_message_and_nothing_is_saved(
    editor_client: Client, geometry: str, expected: str
) -> None:
    data = map_form(**{"areas-TOTAL_FORMS": "1"})
    data.update(area_row(0, PartyFactory(), geometry))
    response = editor_client.post("/admin/maps/map/add/", data)
    assert response.status_code == 200
    assert expected in errors_of(response)
    assert not Map.objects.exists() and not Area.objects.exists()


def test_an_area_is_uploaded_as_a_geojson_file(editor_client: Client) -> None:
    map_ = MapFactory()
    upload = SimpleUploadedFile(
        "area.geojson",
        json.dumps({"type": "Feature", "properties": {}, "geometry": square(37.0, 36.0)}).encode(),
        content_type="application/geo+json",
    )
    data = map_form(**{"areas-TOTAL_FORMS": "1", "status": "published"})
    data.update(area_row(0, PartyFactory(), ""))
    data["areas-0-geometry_file"] = upload
    response = editor_client.post(f"/admin/maps/map/{map_.pk}/change/", data)
    assert response.status_code == 302, errors_of(response)
    area = map_.areas.get()
    assert area.geometry["type"] == "Polygon"
    assert sorted(map(tuple, area.geometry["coordinates"][0]))[0] == (37.0, 36.0)


@pytest.mark.parametrize(
    ("field", "value", "expected"),
    [
        ("title", "x" * 201, "at most 200 characters"),
        ("title", "", "This field is required"),
        ("summary", "x" * 1001, "at most 1000 characters"),
        ("west", "abc", "Enter a number"),
        ("west", "40", "west edge must lie west"),
        ("north", "60", "base map covers"),
        ("describes_at_0", "31/31/2026", "Enter a valid date"),
    ],
)
def test_bad_map_fields_get_plain_messages(
    editor_client: Client, field: str, value: str, expected: str
) -> None:
    response = editor_client.post("/admin/maps/map/add/", map_form(**{field: value}))
    assert response.status_code == 200
    assert expected in errors_of(response)


@pytest.mark.parametrize(
    "text",
    ["<script>alert(1)</script>", "حلب و دمشق", "نقشهٔ تحولات", "🚀🔥 Front", "Line\u0000with\u0007control"],
)
def test_any_text_is_stored_and_shown_escaped_never_an_error(
    editor_client: Client, client: Client, text: str
) -> None:
    data = map_form(title=text, summary=text, status="published", **{"developments-TOTAL_FORMS": "1"})
    data.update(development_row(0, place=text[:120], description=text))
    response = editor_client.post("/admin/maps/map/add/", data)
    if "\u0000" in text:
        # Null characters cannot be stored in PostgreSQL: the form says so, nothing breaks.
        assert response.status_code == 200 and "Null characters are not allowed" in errors_of(response)
        return
    assert response.status_code == 302, errors_of(response)
    page = client.get(Map.objects.get().get_absolute_url())
    assert page.status_code == 200
    assert "<script>alert(1)</script>" not in page.content.decode()


def test_import_areas_shows_a_preview_then_saves_on_confirmation(editor_client: Client) -> None:
    map_ = MapFactory()
    old = AreaFactory(map=map_)
    sdf = PartyFactory(name="Syrian Democratic Forces", short_name="SDF")
    collection = {
        "type": "FeatureCollection",
        "features": [
            {
                "type": "Feature",
                "properties": {"party": "sdf", "name": "Manbij"},
                "geometry": square(37.9, 36.4),
            },
            {
                "type": "Feature",
                "properties": {"party": "Syrian Democratic Forces"},
                "geometry": square(38.1, 36.6),
            },
        ],
    }
    url = f"/admin/maps/map/{map_.pk}/import-areas/"
    assert editor_client.get(url).status_code == 200
    upload = SimpleUploadedFile(
        "areas.geojson", json.dumps(collection).encode(), content_type="application/json"
    )
    preview = editor_client.post(url, {"file": upload, "replace": "on", "preview": "Preview"})
    html = preview.content.decode()
    assert preview.status_code == 200
    assert "Preview: 2 areas to import" in html and "<svg" in html and "Manbij" in html
    assert list(map_.areas.all()) == [old]  # nothing saved yet
    confirm = {"text": preview.context["preview"]["geojson"], "replace": "on", "confirm": "Save these areas"}
    response = editor_client.post(url, confirm, follow=True)
    assert "2 areas were imported." in [str(message) for message in get_messages(response.wsgi_request)]
    assert sorted(area.label for area in map_.areas.all()) == ["", "Manbij"]
    assert set(map_.areas.values_list("party", flat=True)) == {sdf.pk}


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        ({"text": "{nope"}, "This is not valid JSON"),
        ({"text": '{"type": "Point", "coordinates": [1, 2]}'}, "A Point cannot be an area"),
        ({"text": json.dumps(square(44.0, 33.0))}, "reaches outside the map"),
        ({"text": json.dumps({"type": "Feature", "properties": {"party": "Nobody"}, "geometry": square(37, 36)})},
         "no party of the legend is called “Nobody”"),
        ({}, "Choose a GeoJSON file or paste GeoJSON."),
    ],
)  # fmt: skip
def test_import_refuses_bad_files_in_plain_words(editor_client: Client, data: dict, expected: str) -> None:
    map_ = MapFactory()
    response = editor_client.post(f"/admin/maps/map/{map_.pk}/import-areas/", {**data, "preview": "Preview"})
    assert response.status_code == 200
    assert expected in response.content.decode()
    assert not map_.areas.exists()


def test_import_refuses_a_huge_file(editor_client: Client) -> None:
    map_ = MapFactory()
    upload = SimpleUploadedFile("big.geojson", b" " * (2 * 1024 * 1024 + 1), content_type="application/json")
    response = editor_client.post(
        f"/admin/maps/map/{map_.pk}/import-areas/", {"file": upload, "preview": "Preview"}
    )
    assert "at most 2 MB is accepted" in response.content.decode()


def test_next_edition_copies_the_areas_not_the_developments(editor_client: Client) -> None:
    previous = MapFactory(title="Northern Syria")
    AreaFactory(map=previous)
    AreaFactory(map=previous, geometry=square(37.0, 36.0))
    DevelopmentFactory(map=previous)
    url = f"/admin/maps/map/{previous.pk}/next-edition/"
    assert "A new draft edition is made" in editor_client.get(url).content.decode()
    assert Map.objects.count() == 1  # asking creates nothing
    response = editor_client.post(url, follow=True)
    edition = Map.objects.exclude(pk=previous.pk).get()
    assert response.redirect_chain[-1][0] == f"/admin/maps/map/{edition.pk}/change/"
    assert edition.status == Map.Status.DRAFT and edition.title == "Northern Syria"
    assert edition.areas.count() == 2 and edition.developments.count() == 0
    assert edition.describes_at > previous.describes_at
    assert previous.areas.count() == 2 and previous.developments.count() == 1  # untouched
    assert any("2 areas of control" in str(message) for message in get_messages(response.wsgi_request))


def test_next_edition_from_the_list_action(editor_client: Client) -> None:
    previous = MapFactory()
    AreaFactory(map=previous)
    response = editor_client.post(
        "/admin/maps/map/", {"action": "start_next_edition_action", "_selected_action": [previous.pk]}
    )
    assert response.status_code == 302
    assert Map.objects.count() == 2
    two = MapFactory()
    editor_client.post(
        "/admin/maps/map/", {"action": "start_next_edition_action", "_selected_action": [previous.pk, two.pk]}
    )
    assert Map.objects.count() == 3  # two selected: nothing started


def test_map_change_page_shows_the_drawing_and_the_map_widget(editor_client: Client) -> None:
    map_ = MapFactory()
    DevelopmentFactory(map=map_)
    html = editor_client.get(f"/admin/maps/map/{map_.pk}/change/").content.decode()
    assert "data-map-editor" in html and 'class="map-drawing"' in html
    assert "maps/admin-map" in html and "maps/leaflet/leaflet" in html
    assert "Start the next edition" in html and "Import areas (GeoJSON)" in html


def test_legend_colours_must_pass_contrast(editor_client: Client) -> None:
    kind = {"name": "Ceasefire", "symbol": "circle", "colour": "#ffeb3b", "position": "1"}
    response = editor_client.post("/admin/maps/developmentkind/add/", kind)
    assert "White numbers on #ffeb3b have a contrast of" in str(response.context["adminform"].form.errors)
    party = {
        "name": "Observers",
        "short_name": "OBS",
        "colour": "#eeeeee",
        "pattern": "solid",
        "position": "1",
    }
    response = editor_client.post("/admin/maps/party/add/", party)
    assert "labels and outlines need at least 4.5:1" in str(response.context["adminform"].form.errors)
    response = editor_client.post("/admin/maps/party/add/", {**party, "colour": "red"})
    assert "# and six hexadecimal digits" in str(response.context["adminform"].form.errors)
    assert editor_client.post("/admin/maps/party/add/", {**party, "colour": "#0b57a4"}).status_code == 302


def test_only_editors_edit_maps(client: Client, moderator) -> None:
    assert Group.objects.get(name="Editors").permissions.filter(codename="change_map").exists()
    client.force_login(moderator)
    assert client.get("/admin/maps/map/").status_code == 403
    assert client.get("/admin/maps/map/1/import-areas/").status_code in {403, 404}
    map_ = MapFactory()
    assert client.get(f"/admin/maps/map/{map_.pk}/import-areas/").status_code == 403
    assert client.post(f"/admin/maps/map/{map_.pk}/next-edition/").status_code == 403
    assert Map.objects.count() == 1
    client.logout()
    assert client.get("/admin/maps/map/").status_code == 302  # to the login page


def test_superuser_may_edit_maps_too(client: Client) -> None:
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    assert client.get("/admin/maps/map/add/").status_code == 200


@pytest.mark.parametrize("pk", ["999999", "9" * 30, "abc"])
def test_custom_admin_pages_of_unknown_maps_are_404(editor_client: Client, pk: str) -> None:
    for suffix in ("import-areas/", "next-edition/"):
        assert editor_client.get(f"/admin/maps/map/{pk}/{suffix}").status_code in {302, 404}


def test_development_count_in_the_list(editor_client: Client) -> None:
    map_ = MapFactory(title="Counted")
    DevelopmentFactory.create_batch(3, map=map_)
    response = editor_client.get("/admin/maps/map/")
    assert response.context["cl"].result_list.get(pk=map_.pk).number_of_developments == 3
    assert Development.objects.count() == 3


def test_a_map_version_keeps_its_developments_and_areas_and_restores_them(editor_client: Client) -> None:
    party = PartyFactory(name="Tahrir al-Sham", short_name="HTS")
    data = map_form(**{"developments-TOTAL_FORMS": "1", "areas-TOTAL_FORMS": "1"})
    data.update(development_row(0))
    data.update(area_row(0, party, json.dumps(square(36.2, 35.6))))
    assert editor_client.post("/admin/maps/map/add/", data).status_code == 302
    map_ = Map.objects.get()
    first = Version.objects.get_for_object(map_).get()
    assert {other.content_type.model for other in first.revision.version_set.all()} == {
        "map",
        "development",
        "area",
    }

    development = map_.developments.get()
    changed = map_form(
        summary="The front did not move.",
        **{
            "developments-TOTAL_FORMS": "1",
            "developments-INITIAL_FORMS": "1",
            "developments-0-id": str(development.pk),
            "developments-0-map": str(map_.pk),
            "developments-0-DELETE": "on",
        },
    )
    changed.update({key: value for key, value in development_row(0).items() if key != "developments-0-id"})
    assert editor_client.post(f"/admin/maps/map/{map_.pk}/change/", changed).status_code == 302
    assert not map_.developments.exists()

    newest = Version.objects.get_for_object(map_).order_by("-pk").first()
    compare = editor_client.get(
        f"/admin/maps/map/{map_.pk}/history/compare/", {"before": first.pk, "after": newest.pk}
    )
    rows = {row.label: row for row in compare.context["rows"]}
    assert rows["Summary"].changed and rows["Developments"].changed

    page = editor_client.get(f"/admin/maps/map/{map_.pk}/history/{first.pk}/").content.decode()
    assert "The army advanced along the M5 highway." in page and "Saraqib" in page
    restored = map_form(
        **{
            "developments-TOTAL_FORMS": "1",
            "developments-INITIAL_FORMS": "1",
            "developments-0-id": str(development.pk),
            "developments-0-map": str(map_.pk),
        }
    )
    restored.update({key: value for key, value in development_row(0).items() if key != "developments-0-id"})
    response = editor_client.post(f"/admin/maps/map/{map_.pk}/history/{first.pk}/", restored)
    assert response.status_code == 302, errors_of(response)
    map_.refresh_from_db()
    assert map_.summary == "The army advanced along the M5 highway."
    assert map_.developments.get().place == "Saraqib"
