"""Bad input anywhere gets a clear answer (a form error, an empty list, a 404), never a server error."""

from __future__ import annotations

import pytest
from django.test import Client

from tests.factories import ArticleFactory, TopicFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "url",
    [
        "/admin/articles/article/suggest-tags/?q=Syr%00",
        "/admin/autocomplete/?term=Ku%00&app_label=articles&model_name=articletopic&field_name=topic",
        "/admin/autocomplete/?term=%00&app_label=articles&model_name=article&field_name=section",
        "/admin/autocomplete/?term=%00&app_label=articles&model_name=article&field_name=hero_image",
        "/admin/autocomplete/?term=%00&app_label=articles&model_name=article&field_name=authors",
        "/admin/articles/article/?tag=syr%00ia",
        "/admin/common/image/?q=%00",
    ],
)
def test_a_nul_character_in_an_admin_query_is_ignored(editor_client: Client, url: str) -> None:
    """PostgreSQL cannot hold NUL in text: these failed in the database (500)."""
    ArticleFactory(tags=["Syria"])
    TopicFactory(name="Kurds")
    assert editor_client.get(url).status_code == 200


def test_what_remains_of_the_query_is_used(editor_client: Client) -> None:
    ArticleFactory(tags=["Syria", "Syrian Army"])
    response = editor_client.get("/admin/articles/article/suggest-tags/", {"q": "Syr\x00"})
    assert response.json() == {"tags": ["Syria", "Syrian Army"]}
    response = editor_client.get("/admin/articles/article/", {"tag": "syr\x00ia"})
    assert len(response.context["cl"].result_list) == 1
