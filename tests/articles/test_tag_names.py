"""Tag names an unlucky editor types: every tag has an address, and a bad name is a form error."""

from __future__ import annotations

import importlib

import pytest
from django.apps import apps as django_apps
from django.test import Client
from taggit.models import Tag

from articles.models import Article
from tests.articles.test_admin import ADD_URL, article_form
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db


def form_errors(response) -> str:
    return " ".join(str(error) for error in response.context["adminform"].form.errors.get("tags", []))


@pytest.mark.parametrize("name", ["!!!", "???, ...", "؟؟؟", "—"])
def test_a_tag_without_letters_or_digits_is_a_form_error(editor_client: Client, name: str) -> None:
    response = editor_client.post(ADD_URL, article_form(tags=f"Syria, {name}"))
    assert response.status_code == 200
    assert "has no letter or digit" in form_errors(response)
    assert not Article.objects.exists()


def test_a_tag_longer_than_the_limit_is_a_form_error(editor_client: Client) -> None:
    response = editor_client.post(ADD_URL, article_form(tags="Syria, " + "x" * 101))
    assert response.status_code == 200
    assert "at most 100 characters (it has 101)" in form_errors(response)
    assert not Article.objects.exists()


def test_tags_in_any_alphabet_are_accepted(editor_client: Client) -> None:
    response = editor_client.post(ADD_URL, article_form(tags="سوریه, Iran 2026, x"))
    assert response.status_code == 302
    assert sorted(Tag.objects.values_list("slug", flat=True)) == ["iran-2026", "x", "سوریه"]


def test_a_tag_made_without_a_form_still_gets_an_address(client: Client) -> None:
    """Tags made in code (imports, the shell) get a slug even when the name has no letter."""
    article = ArticleFactory(tags=["!!!", "???", "Syria"])
    slugs = list(article.tags.values_list("slug", flat=True))
    assert all(slugs) and len(set(slugs)) == 3
    assert client.get(article.get_absolute_url()).status_code == 200
    assert client.get("/sitemaps/tags.xml").status_code == 200
    for tag in article.tags.all():
        assert client.get(f"/tags/{tag.slug}/").status_code == 200


def test_the_tag_admin_refuses_names_without_letters(editor_client: Client) -> None:
    response = editor_client.post("/admin/taggit/tag/add/", {"name": "!!!", "slug": "bang"})
    assert response.status_code == 200
    assert "has no letter or digit" in str(response.context["adminform"].form.errors["name"])
    assert not Tag.objects.exists()


def test_tags_saved_before_the_check_get_an_address(client: Client) -> None:
    migration = importlib.import_module("common.migrations.0005_every_tag_has_an_address")
    article = ArticleFactory(tags=["Syria", "Yemen"])
    Tag.objects.filter(name="Yemen").update(name="!!!", slug="")
    Tag.objects.create(name="???", slug="_1")
    migration.give_every_tag_an_address(django_apps, None)
    assert sorted(Tag.objects.values_list("slug", flat=True)) == sorted(
        ["syria", f"tag-{Tag.objects.get(name='!!!').pk}", f"tag-{Tag.objects.get(name='???').pk}"]
    )
    assert client.get(article.get_absolute_url()).status_code == 200


def test_no_staff_member_can_merge_tags_outside_the_permissions(client: Client, moderator) -> None:
    """taggit's merge view checked no model permission: a moderator could merge the newsroom's tags."""
    ArticleFactory(tags=["Syria", "Yemen"])
    client.force_login(moderator)
    session = client.session
    session["selected_tag_ids"] = ",".join(str(pk) for pk in Tag.objects.values_list("pk", flat=True))
    session.save()
    response = client.post("/admin/taggit/tag/merge-tags/", {"new_tag_name": "Merged"})
    assert response.status_code in {302, 403, 404}
    assert sorted(Tag.objects.values_list("name", flat=True)) == ["Syria", "Yemen"]
