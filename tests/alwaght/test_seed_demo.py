"""`manage.py seed_demo`: the demo site a newcomer sees after `make run`."""

from __future__ import annotations

from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import CommandError, call_command
from django.test import Client

from alwaght.demo import demo_password


@pytest.fixture(autouse=True)
def shared_demo_media(media_root, settings, tmp_path_factory) -> None:
    """The demo's pictures are the same on every run: drawn and cut once for this module, not
    once per test (each run still checks every file and makes what is missing)."""
    settings.MEDIA_ROOT = tmp_path_factory.getbasetemp() / "demo-media"


def logs_into_admin(username: str, password: str) -> bool:
    """Through the real login page, with its throttling (django-axes) in the way."""
    response = Client().post("/admin/login/?next=/admin/", {"username": username, "password": password})
    return response.status_code == 302 and response["Location"] == "/admin/"


def run_seed(*args: str) -> str:
    out = StringIO()
    call_command("seed_demo", *args, stdout=out)
    return out.getvalue()


@pytest.mark.django_db
def test_newsroom_groups_exist_after_migrations() -> None:
    assert set(Group.objects.values_list("name", flat=True)) >= {"Editors", "Moderators"}


@pytest.mark.django_db
def test_seed_demo_creates_accounts_that_can_log_in_and_prints_them() -> None:
    output = run_seed()
    for username in ("admin", "editor", "moderator"):
        password = demo_password(username)
        assert f"{username}" in output and password in output
        assert logs_into_admin(username, password)
    User = get_user_model()
    assert User.objects.get(username="editor").groups.filter(name="Editors").exists()
    assert User.objects.get(username="moderator").groups.filter(name="Moderators").exists()
    assert not User.objects.get(username="editor").is_superuser


@pytest.mark.django_db
def test_seed_demo_twice_adds_nothing_and_keeps_changed_passwords() -> None:
    run_seed()
    User = get_user_model()
    editor = User.objects.get(username="editor")
    editor.set_password("a-password-the-editor-chose")
    editor.save()
    counts = {model: model.objects.count() for model in (User, Group)}
    run_seed()
    assert {model: model.objects.count() for model in (User, Group)} == counts
    assert logs_into_admin("editor", "a-password-the-editor-chose")


def test_demo_passwords_are_not_guessable_constants(settings) -> None:
    first = demo_password("editor")
    settings.SECRET_KEY = "another-checkout-has-another-key"
    assert demo_password("editor") != first
    assert len(first) == 16


@pytest.mark.django_db
def test_seed_demo_refuses_production(settings) -> None:
    settings.PRODUCTION = True
    with pytest.raises(CommandError, match="PRODUCTION"):
        run_seed()
    assert not get_user_model().objects.filter(username="editor").exists()


@pytest.mark.django_db
def test_seed_demo_builds_the_seed_pages_content() -> None:
    from datetime import timedelta

    from django.utils import timezone

    from articles.models import Article, EditorsPick, RelatedArticle

    run_seed()
    idlib = Article.objects.get(title="Will Idlib Push Shatter Fledgling Russian-Turkish Alliance?")
    assert idlib.section.name == "Analysis"
    assert sorted(idlib.tags.names()) == sorted(
        ["Russia", "Turkey", "Idlib Operation", "War", "Syria", "Terrorists"]
    )
    assert idlib.published_at.strftime("%A %d %B %Y") == "Wednesday 19 February 2020"
    assert "<h2>Field situation</h2>" in idlib.body
    assert [article.title for article in idlib.related_content()[:3]] == [
        "Syria Shelled Turkish Convoy in Idlib Because Ankara Failed to Inform Its Movement: Russia",
        "Turkey Threatens to Use Military Force If Syrian Army Continues Operations in Idlib",
        "Syrian Army Advances towards Terrorist-Held City in Idlib Province",
    ]
    recent = Article.objects.published().filter(published_at__gte=timezone.now() - timedelta(days=61))
    assert recent.count() >= 60
    assert not recent.filter(hero_image__isnull=True).exists()
    assert all(article.tags.exists() for article in recent[:10])
    assert set(recent.values_list("section__slug", flat=True)) == {
        "news", "analysis", "interviews", "opinion", "reports"
    }  # fmt: skip
    assert Article.objects.filter(status="draft").exists()
    assert Article.objects.filter(published_at__gt=timezone.now()).exists()  # one scheduled
    assert EditorsPick.objects.count() == 5
    assert RelatedArticle.objects.filter(article=idlib).count() == 3


@pytest.mark.django_db
def test_seed_demo_twice_adds_no_content() -> None:
    from taggit.models import Tag

    from articles.models import Article, Author, EditorsPick, RelatedArticle

    run_seed()
    from comments.models import Comment
    from focus.models import Topic
    from gallery.models import Album, Film, Photo

    models = (Article, Author, EditorsPick, RelatedArticle, Tag, Topic, Comment, Album, Photo, Film)
    counts = {model: model.objects.count() for model in models}
    run_seed()
    assert {model: model.objects.count() for model in models} == counts


@pytest.mark.django_db
def test_seed_demo_if_empty_leaves_an_existing_site_alone() -> None:
    from articles.models import Article
    from tests.factories import ArticleFactory

    ArticleFactory(title="The newsroom's own story")
    output = run_seed("--if-empty")
    assert "already has content" in output
    assert list(Article.objects.values_list("title", flat=True)) == ["The newsroom's own story"]


@pytest.mark.django_db
def test_seed_demo_creates_the_seed_pages_topics_and_files_articles_under_them() -> None:
    from articles.models import Article
    from focus.models import Topic

    run_seed()
    featured = list(Topic.objects.featured().values_list("name", flat=True))
    assert featured == [
        "Ansarullah", "Shiite", "Resistance", "Persian Gulf Cooperation Council", "Taliban",
        "Wahhabism & Extremism", "Kurds", "NATO", "Islamic Awakening", "Al-Qaeda",
    ]  # fmt: skip
    assert Topic.objects.get(slug="ansarullah").description.startswith(
        "A Zaidi Shiite movement operating in Yemen."
    )
    assert Topic.objects.get(slug="hamas").parent.slug == "resistance"
    assert not Topic.objects.filter(image__isnull=True).exists()
    assert Article.objects.published().filed_under(Topic.objects.get(slug="resistance")).count() >= 5
    idlib = Article.objects.get(title="Will Idlib Push Shatter Fledgling Russian-Turkish Alliance?")
    assert set(idlib.topics.values_list("slug", flat=True)) == {"al-nusra-front", "nato", "resistance"}


@pytest.mark.django_db
def test_seed_demo_adds_comments_of_every_status_in_three_languages() -> None:
    from comments.models import Comment

    run_seed()
    statuses = set(Comment.objects.values_list("status", flat=True))
    assert statuses == {"approved", "pending", "spam"}
    texts = " ".join(Comment.objects.values_list("text", flat=True))
    assert "ممنون" in texts  # Persian
    assert "شكراً" in texts  # Arabic


@pytest.mark.django_db
def test_seed_demo_adds_albums_with_photos_and_films_as_embeds() -> None:
    from gallery.models import Album, Film

    run_seed()
    assert Album.objects.published().count() >= 5
    assert all(album.photos.count() == 6 for album in Album.objects.all())
    assert Film.objects.published().count() >= 4
    assert not Film.objects.exclude(embed_url="").filter(embed_player_url="").exists()
    assert Film.objects.filter(title="Courageous Individuals like Sinwar are on the Rise").exists()


@pytest.mark.django_db
def test_seed_demo_spreads_views_so_the_three_rankings_differ() -> None:
    from articles import ranking

    run_seed()
    day, week, month = (ranking.compute_ranking(period) for period in ("day", "week", "month"))
    assert len(day) == len(week) == len(month) == 10
    assert day != week != month
