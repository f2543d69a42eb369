"""The benchmark's URLconf: its floor beside every edition of the site (make bench serves it)."""

from __future__ import annotations

import pytest
from django.test import Client, override_settings

from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db


@override_settings(ROOT_URLCONF="bench.urls")
def test_the_benchmark_serves_its_floor_and_the_sites_pages(client: Client) -> None:
    floor = client.get("/bench-floor/")
    assert floor.status_code == 200 and len(floor.content) > 30_000
    article = ArticleFactory(language="fa")
    for path in ("/", "/ar/", "/fa/", "/feed/", article.get_absolute_url()):
        assert client.get(path).status_code == 200, path
    assert client.get("/fa/nowhere/").status_code == 404
