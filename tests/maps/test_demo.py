"""`seed_demo` gives a newcomer daily maps of Syria and Iraq over recent weeks."""

from __future__ import annotations

from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from maps.models import Area, Development, Map

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def shared_demo_media(media_root, settings, tmp_path_factory) -> None:
    settings.MEDIA_ROOT = tmp_path_factory.getbasetemp() / "demo-media"


def test_seed_demo_adds_map_editions_for_syria_and_iraq_over_recent_weeks(client: Client) -> None:
    call_command("seed_demo", stdout=StringIO())
    published = Map.objects.published()
    assert published.count() >= 6
    titles = " ".join(published.values_list("title", flat=True))
    assert "Syria" in titles and "Iraq" in titles
    moments = list(published.values_list("describes_at", flat=True))
    assert max(moments) - min(moments) >= timedelta(days=14)
    assert max(moments) > timezone.now() - timedelta(days=3)
    assert Map.objects.filter(status=Map.Status.DRAFT).exists()
    for map_ in published:
        assert map_.developments.count() >= 5
        assert map_.areas.count() >= 3
        assert map_.share_image
    assert Development.objects.filter(article__isnull=False).exists()
    latest = Map.objects.published().editions().first()
    home = client.get("/").content.decode()
    assert latest.get_absolute_url() in home
    assert client.get(latest.get_absolute_url()).status_code == 200

    counts = (Map.objects.count(), Development.objects.count(), Area.objects.count())
    call_command("seed_demo", stdout=StringIO())
    assert (Map.objects.count(), Development.objects.count(), Area.objects.count()) == counts


def test_draw_map_images_redraws_missing_pictures() -> None:
    from tests.maps.factories import MapFactory

    map_ = MapFactory()
    out = StringIO()
    call_command("draw_map_images", "--missing", stdout=out)
    assert "Drew 1 map picture(s)." in out.getvalue()
    map_.refresh_from_db()
    assert map_.share_image
    out = StringIO()
    call_command("draw_map_images", "--missing", stdout=out)
    assert "Drew 0 map picture(s)." in out.getvalue()
