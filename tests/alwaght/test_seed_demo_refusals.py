"""`manage.py seed_demo` where the demo must not go, or must add nothing (test_seed_demo.py seeds
its module once: these need a site without the demo)."""

from __future__ import annotations

from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command


def run_seed(*args: str) -> str:
    out = StringIO()
    call_command("seed_demo", *args, stdout=out)
    return out.getvalue()


@pytest.mark.django_db
def test_seed_demo_refuses_production(settings) -> None:
    settings.PRODUCTION = True
    with pytest.raises(CommandError, match="PRODUCTION"):
        run_seed()
    assert not get_user_model().objects.filter(username="editor").exists()


@pytest.mark.django_db
def test_seed_demo_if_empty_leaves_an_existing_site_alone() -> None:
    from articles.models import Article
    from tests.factories import ArticleFactory

    ArticleFactory(title="The newsroom's own story")
    output = run_seed("--if-empty")
    assert "already has content" in output
    assert list(Article.objects.values_list("title", flat=True)) == ["The newsroom's own story"]
