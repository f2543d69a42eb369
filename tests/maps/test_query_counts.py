"""Map pages run a fixed number of SQL queries, whatever the number of developments, areas,
topics, related articles or editions."""

from __future__ import annotations

import pytest
from django.test import Client
from django.utils import timezone

from maps.models import Area, Development, DevelopmentKind
from tests.factories import ArticleFactory, TopicFactory
from tests.maps.factories import MapFactory, PartyFactory, square

pytestmark = pytest.mark.django_db

# The map with its developments (kinds, articles and their sections), areas (parties),
# related articles (sections), topics; the editions before and after it.
MAP_PAGE_QUERIES = 7
# The map, its developments (kinds, articles and their sections), its areas (parties).
DATA_QUERIES = 3
# One page of rows: the count is known on a running site until a map comes or goes.
MAP_LIST_QUERIES = 1


def fill_map(count: int):
    kinds = list(DevelopmentKind.objects.all())
    article = ArticleFactory()
    map_ = MapFactory()
    for index in range(count):
        party = PartyFactory(name=f"Party {index}", short_name=f"P{index}")
        Area(
            map=map_,
            party=party,
            geometry=square(35.6 + (index % 14) * 0.2, 35.1 + (index // 14) * 0.2, 0.15),
        ).save()
    Development.objects.bulk_create(
        Development(
            map=map_,
            place=f"Village {index}",
            latitude=35.2 + (index % 10) * 0.15,
            longitude=35.7 + (index // 10) * 0.3,
            kind=kinds[index % len(kinds)],
            description="Clashes.",
            occurred_at=timezone.now(),
            article=article if index % 2 else None,
        )
        for index in range(count)
    )
    map_.topics.set(TopicFactory.create_batch(min(count, 5)))
    map_.related_articles.set([article, *ArticleFactory.create_batch(min(count, 5))])
    MapFactory.create_batch(count if count < 20 else 20)
    return map_


@pytest.mark.parametrize("count", [1, 50])
def test_map_page_queries_do_not_grow(client: Client, django_assert_num_queries, count: int) -> None:
    map_ = fill_map(count)
    client.get(map_.get_absolute_url())  # the menu and the purge log, in memory on a running site
    with django_assert_num_queries(MAP_PAGE_QUERIES):
        response = client.get(map_.get_absolute_url())
    assert response.status_code == 200
    assert len(response.context["numbered"]) == count


@pytest.mark.parametrize("count", [1, 50])
def test_data_queries_do_not_grow(client: Client, django_assert_num_queries, count: int) -> None:
    map_ = fill_map(count)
    client.get(map_.get_data_url())
    with django_assert_num_queries(DATA_QUERIES):
        response = client.get(map_.get_data_url())
    assert len(response.json()["features"]) == 2 * count


@pytest.mark.parametrize("count", [1, 30])
def test_map_list_queries_do_not_grow(client: Client, django_assert_num_queries, count: int) -> None:
    for _ in range(count):
        MapFactory()
    client.get("/maps/")
    with django_assert_num_queries(MAP_LIST_QUERIES):
        assert client.get("/maps/").status_code == 200
