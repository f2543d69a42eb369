"""A map's data behind a real Varnish: compressed, kept, and refreshed when the map changes."""

from __future__ import annotations

import gzip
import http.client
import json
import time

import pytest

from tests.maps.factories import DevelopmentFactory, MapFactory

pytestmark = [pytest.mark.edge, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def get_gzipped(edge, path: str) -> tuple[dict[str, str], bytes]:
    host, port = edge.url.removeprefix("http://").split(":")
    connection = http.client.HTTPConnection(host, int(port), timeout=30)
    try:
        connection.request("GET", path, headers={"User-Agent": "EdgeTest/1.0", "Accept-Encoding": "gzip"})
        response = connection.getresponse()
        return {name.lower(): value for name, value in response.getheaders()}, response.read()
    finally:
        connection.close()


def test_map_data_is_gzipped_kept_and_refreshed_when_a_development_is_added(edge) -> None:
    map_ = MapFactory()
    DevelopmentFactory(map=map_, place="Saraqib")
    first_headers, _ = get_gzipped(edge, map_.get_data_url())
    headers, body = get_gzipped(edge, map_.get_data_url())
    assert (first_headers["x-cache"], headers["x-cache"]) == ("MISS", "HIT")
    assert headers["content-encoding"] == "gzip"
    assert headers["content-type"] == "application/geo+json"
    data = json.loads(gzip.decompress(body))
    assert [feature["properties"]["place"] for feature in data["features"]] == ["Saraqib"]

    DevelopmentFactory(map=map_, place="Atarib", latitude=36.13, longitude=36.83)
    deadline = time.monotonic() + 5
    while time.monotonic() < deadline:
        headers, body = get_gzipped(edge, map_.get_data_url())
        if b"Atarib" in gzip.decompress(body):
            break
        time.sleep(0.05)
    assert "Atarib" in gzip.decompress(body).decode()
