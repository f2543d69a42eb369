"""Areas of control are checked with shapely before they are stored: every bad input gets a
message an editor can act on, and what is stored is valid, inside the map and small."""

from __future__ import annotations

import json
import math

import pytest
import shapely
from django.core.exceptions import ValidationError
from shapely.geometry import shape

from maps import geometry
from maps.projection import Bounds
from tests.maps.factories import EAST, NORTH, SOUTH, WEST, square

BOUNDS = Bounds(WEST, SOUTH, EAST, NORTH)


def message_of(error: pytest.ExceptionInfo) -> str:
    return " ".join(error.value.messages)


def circle(points: int, radius: float = 0.5, centre: tuple[float, float] = (37.0, 36.0)) -> dict:
    ring = [
        [
            centre[0] + radius * math.cos(2 * math.pi * index / points),
            centre[1] + radius * math.sin(2 * math.pi * index / points),
        ]
        for index in range(points)
    ]
    return {"type": "Polygon", "coordinates": [[*ring, ring[0]]]}


def test_a_square_inside_the_map_is_stored_valid_and_anticlockwise() -> None:
    clockwise = square(36.2, 35.6)
    clockwise["coordinates"][0].reverse()
    stored = geometry.clean_area(clockwise, BOUNDS)
    polygon = shape(stored)
    assert stored["type"] == "Polygon"
    assert polygon.is_valid and polygon.exterior.is_ccw  # RFC 7946: outer rings anticlockwise
    assert polygon.area == pytest.approx(0.04)


def test_self_intersecting_outline_is_refused_with_where_it_crosses() -> None:
    bowtie = {
        "type": "Polygon",
        "coordinates": [[[36.0, 35.5], [37.0, 36.5], [37.0, 35.5], [36.0, 36.5], [36.0, 35.5]]],
    }
    with pytest.raises(ValidationError) as error:
        geometry.clean_area(bowtie, BOUNDS)
    assert "crosses itself" in message_of(error)
    assert "36.000, 36.500" in message_of(error)  # latitude, longitude of the crossing


def test_area_outside_the_map_is_refused_with_its_extent() -> None:
    with pytest.raises(ValidationError) as error:
        geometry.clean_area(square(44.0, 33.0), BOUNDS)  # Baghdad, on a map of northern Syria
    assert "outside the map's bounds" in message_of(error)
    assert "44.00 to 44.20" in message_of(error)


def test_area_straying_a_little_over_the_edge_is_accepted() -> None:
    near_edge = square(EAST - 0.2, SOUTH, 0.2 + 0.02)
    assert shape(geometry.clean_area(near_edge, BOUNDS)).is_valid


def test_detailed_outline_is_simplified_to_a_sensible_number_of_points() -> None:
    detailed = circle(20_000)
    stored = geometry.clean_area(detailed, BOUNDS)
    polygon = shape(stored)
    assert shapely.get_num_coordinates(polygon) <= geometry.MAX_STORED_POINTS
    assert polygon.is_valid
    assert polygon.area == pytest.approx(shape(detailed).area, rel=0.01)
    # Rounded to five decimals: no float noise is stored.
    assert all(len(str(value).split(".")[-1]) <= 5 for value in shapely.get_coordinates(polygon).ravel())


def test_huge_input_is_refused_before_it_is_parsed() -> None:
    text = json.dumps(circle(geometry.MAX_INPUT_POINTS + 10))
    assert len(text) > geometry.MAX_GEOJSON_BYTES
    with pytest.raises(ValidationError) as error:
        geometry.parse_geojson(text)
    assert "at most 2 MB" in message_of(error)


def test_too_many_points_are_refused_even_in_a_small_file() -> None:
    points = [[36.5, 35.5]] * (geometry.MAX_INPUT_POINTS + 1)  # short numbers, many of them
    with pytest.raises(ValidationError) as error:
        geometry.clean_area({"type": "Polygon", "coordinates": [points]}, BOUNDS)
    assert "more than 100,000 points" in message_of(error)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("", "empty"),
        ("   ", "empty"),
        ("not json at all", "not valid JSON"),
        ("{'type': 'Polygon'}", "not valid JSON"),
        ("[" * 100_000 + "]" * 100_000, "not valid JSON"),
        (b"\xff\xfe\x00garbage", "not text in UTF-8"),
    ],
)
def test_text_that_is_not_geojson_is_refused(text: str | bytes, expected: str) -> None:
    with pytest.raises(ValidationError) as error:
        geometry.parse_geojson(text)
    assert expected in message_of(error)


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        ({"type": "Point", "coordinates": [36.5, 35.5]}, "A Point cannot be an area"),
        ({"type": "LineString", "coordinates": [[36.5, 35.5], [37, 36]]}, "A LineString cannot be an area"),
        ({"type": "Circle"}, "“Circle” is not a GeoJSON type"),
        ([1, 2, 3], "must be an object"),
        ("Polygon", "must be an object"),
        ({"type": "FeatureCollection", "features": []}, "has no features"),
        ({"type": "Feature", "geometry": None}, "has no geometry"),
        ({"type": "FeatureCollection", "features": [{"type": "Feature", "geometry": {"type": "Point", "coordinates": [1, 2]}}]},
         "Feature 1: A Point cannot be an area"),
    ],
)  # fmt: skip
def test_wrong_types_are_named(data: object, expected: str) -> None:
    with pytest.raises(ValidationError) as error:
        geometry.polygons_in(data)
    assert expected in message_of(error)


def test_too_many_features_are_refused() -> None:
    feature = {"type": "Feature", "properties": {}, "geometry": square(36.2, 35.6)}
    with pytest.raises(ValidationError) as error:
        geometry.polygons_in(
            {"type": "FeatureCollection", "features": [feature] * (geometry.MAX_FEATURES + 1)}
        )
    assert "at most 200 areas" in message_of(error)


@pytest.mark.parametrize(
    ("coordinates", "expected"),
    [
        ([[[36.2, 35.6], [36.4, 35.6], [36.2, 35.6]]], "at least four"),
        ([[[36.2, 35.6], [36.4, 35.6], [36.4, 35.6], [36.2, 35.6]]], "too few points"),
        ("abc", "do not describe a polygon"),
        ([[["a", "b"], ["c", "d"], ["e", "f"], ["a", "b"]]], "do not describe a polygon"),
        ([[[236.2, 35.6], [236.4, 35.6], [236.4, 35.8], [236.2, 35.6]]], "longitude (−180 to 180)"),
        ([[[35.6, 136.2], [35.6, 136.4], [35.8, 136.4], [35.6, 136.2]]], "latitude (−90 to 90)"),
        (
            [[[float("nan"), 35.6], [36.4, 35.6], [36.4, 35.8], [float("nan"), 35.6]]],
            "do not describe a polygon",
        ),
    ],
)
def test_broken_coordinates_get_a_clear_message(coordinates: object, expected: str) -> None:
    with pytest.raises(ValidationError) as error:
        geometry.clean_area({"type": "Polygon", "coordinates": coordinates}, BOUNDS)
    assert expected in message_of(error)


def test_multipolygon_with_a_hole_is_kept_as_such() -> None:
    outer = square(36.0, 35.4, 1.0)["coordinates"][0]
    hole = [[36.4, 35.8], [36.4, 36.0], [36.6, 36.0], [36.6, 35.8], [36.4, 35.8]]
    data = {"type": "MultiPolygon", "coordinates": [[outer, hole], square(37.5, 36.5)["coordinates"]]}
    stored = shape(geometry.clean_area(data, BOUNDS))
    assert stored.geom_type == "MultiPolygon"
    assert stored.area == pytest.approx(1.0 - 0.04 + 0.04)
    assert len(stored.geoms[0].interiors) == 1


def test_every_polygon_of_a_file_is_cleaned_and_a_bad_one_is_named_by_number() -> None:
    good = {
        "type": "Feature",
        "properties": {"party": "SDF", "name": "Manbij"},
        "geometry": square(37.9, 36.4),
    }
    bad = {"type": "Feature", "properties": {}, "geometry": square(44.0, 33.0)}
    areas = geometry.areas_from_geojson(
        json.dumps({"type": "FeatureCollection", "features": [good, good]}), BOUNDS
    )
    assert [area.properties["name"] for area in areas] == ["Manbij", "Manbij"]
    with pytest.raises(ValidationError) as error:
        geometry.areas_from_geojson(
            json.dumps({"type": "FeatureCollection", "features": [good, bad]}), BOUNDS
        )
    assert message_of(error).startswith("Area 2: The area reaches outside")


@pytest.mark.parametrize(
    ("bounds", "expected"),
    [
        (Bounds(38.0, 35.0, 36.0, 37.0), "west edge must lie west"),
        (Bounds(36.0, 37.0, 38.0, 35.0), "west edge must lie west"),
        (Bounds(-10.0, 35.0, 0.0, 37.0), "base map covers longitudes"),
        (Bounds(36.0, 35.0, 36.05, 37.0), "at least 0.1 degrees"),
    ],
)
def test_map_bounds_must_be_a_box_inside_the_base_map(bounds: Bounds, expected: str) -> None:
    with pytest.raises(ValidationError) as error:
        geometry.validate_bounds(bounds)
    assert expected in message_of(error)


def test_a_label_point_lies_inside_even_a_concave_area() -> None:
    horseshoe = {
        "type": "Polygon",
        "coordinates": [[[36, 35.5], [37, 35.5], [37, 36.5], [36.8, 36.5], [36.8, 35.7], [36.2, 35.7], [36.2, 36.5], [36, 36.5], [36, 35.5]]],
    }  # fmt: skip
    longitude, latitude = geometry.label_point(horseshoe)
    assert shape(horseshoe).contains(shapely.Point(longitude, latitude))
