"""`manage.py seed_demo`: the demo site a newcomer sees after `make run`."""

from __future__ import annotations

from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.db import transaction
from django.test import Client, override_settings

from alwaght.demo import demo_password


@pytest.fixture(autouse=True)
def shared_demo_media(media_root, settings, tmp_path_factory) -> None:
    """The demo's pictures are the same on every run: drawn and cut once for this module, not
    once per test (each run still checks every file and makes what is missing)."""
    settings.MEDIA_ROOT = tmp_path_factory.getbasetemp() / "demo-media"


@pytest.fixture(scope="module")
def seeded(django_db_setup, django_db_blocker, tmp_path_factory) -> str:
    """The demo site, seeded once for this module's tests, which read it or seed again on top
    (what Django's TestCase.setUpTestData does): in a transaction that each test's own nests in,
    rolled back at the end, so nothing of it outlives the module. Returns what seed_demo printed.
    Tests that need a site without the demo are in test_seed_demo_refusals.py."""
    with (
        django_db_blocker.unblock(),
        override_settings(MEDIA_ROOT=tmp_path_factory.getbasetemp() / "demo-media"),
        transaction.atomic(),
    ):
        yield run_seed()
        transaction.set_rollback(True)


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
def test_seed_demo_creates_accounts_that_can_log_in_and_prints_them(seeded: str) -> None:
    output = seeded
    for username in ("admin", "editor", "moderator"):
        password = demo_password(username)
        assert f"{username}" in output and password in output
        assert logs_into_admin(username, password)
    User = get_user_model()
    assert User.objects.get(username="editor").groups.filter(name="Editors").exists()
    assert User.objects.get(username="moderator").groups.filter(name="Moderators").exists()
    assert not User.objects.get(username="editor").is_superuser


@pytest.mark.django_db
def test_seed_demo_twice_adds_nothing_and_keeps_changed_passwords(seeded: str) -> None:
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
def test_seed_demo_builds_the_seed_pages_content(seeded: str) -> None:
    from datetime import timedelta

    from django.utils import timezone

    from articles.models import Article, EditorsPick, RelatedArticle

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
    assert EditorsPick.objects.filter(article__language="en").count() == 5
    assert RelatedArticle.objects.filter(article=idlib).count() == 3


@pytest.mark.django_db
def test_seed_demo_twice_adds_no_content(seeded: str) -> None:
    from taggit.models import Tag

    from articles.models import Article, Author, EditorsPick, RelatedArticle
    from comments.models import Comment
    from focus.models import Topic
    from gallery.models import Album, Film, Photo

    models = (Article, Author, EditorsPick, RelatedArticle, Tag, Topic, Comment, Album, Photo, Film)
    counts = {model: model.objects.count() for model in models}
    run_seed()
    assert {model: model.objects.count() for model in models} == counts


@pytest.mark.django_db
def test_seed_demo_creates_the_seed_pages_topics_and_files_articles_under_them(seeded: str) -> None:
    from articles.models import Article
    from focus.models import Topic

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
def test_seed_demo_adds_comments_of_every_status_each_in_its_editions_language(seeded: str) -> None:
    from articles.models import Article
    from comments.models import Comment

    statuses = set(Comment.objects.values_list("status", flat=True))
    assert statuses == {"approved", "pending", "spam"}
    for language, word in (("fa", "گزارش"), ("ar", "تقرير")):
        on_edition = Comment.objects.filter(
            object_id__in=Article.objects.filter(language=language).values("pk"),
            content_type__model="article",
            status="approved",
        )
        texts = " ".join(on_edition.values_list("text", flat=True))
        assert on_edition.count() >= 10 and word in texts
        assert not any("a" <= letter.lower() <= "z" for letter in texts)  # no English among them


@pytest.mark.django_db
def test_seed_demo_adds_albums_with_photos_and_films_as_embeds(seeded: str) -> None:
    from gallery.models import Album, Film

    assert Album.objects.published().in_edition("en").count() >= 5
    assert all(album.photos.count() == 6 for album in Album.objects.filter(language="en"))
    assert Film.objects.published().count() >= 4
    assert not Film.objects.exclude(embed_url="").filter(embed_player_url="").exists()
    assert Film.objects.filter(title="Courageous Individuals like Sinwar are on the Rise").exists()


@pytest.mark.django_db
def test_seed_demo_spreads_views_so_the_three_rankings_differ(seeded: str) -> None:
    from articles import ranking

    for language in ("en", "ar", "fa"):
        day, week, month = (
            ranking.compute_ranking(period, language=language) for period in ("day", "week", "month")
        )
        assert len(day) == len(week) == len(month) == 10, language
        assert day != week != month, language


@pytest.mark.django_db
def test_seed_demo_fills_the_arabic_and_persian_editions(seeded: str) -> None:
    from articles.models import Article, Author, EditorsPick, Section
    from focus.models import Topic
    from gallery.models import Album, Film

    for language in ("ar", "fa"):
        articles = Article.objects.published().in_edition(language)
        assert articles.count() == 32
        assert set(articles.values_list("section__slug", flat=True)) == {
            "news", "analysis", "interviews", "opinion", "reports"
        }  # fmt: skip
        assert not articles.filter(hero_image__isnull=True).exists()
        # Their pictures are described in the edition's language (the alternative text).
        descriptions = " ".join(articles.values_list("hero_image__description", flat=True).distinct())
        assert not any("a" <= letter.lower() <= "z" for letter in descriptions)
        assert EditorsPick.objects.filter(article__language=language).count() == 5
        assert Author.objects.filter(articles__language=language).distinct().count() == 5
        assert Album.objects.published().in_edition(language).count() == 3
        assert Film.objects.published().in_edition(language).count() == 2
    # Every section and topic has its name in both languages.
    assert not Section.objects.filter(name_ar="").exists() and not Section.objects.filter(name_fa="").exists()
    assert not Topic.objects.filter(name_ar="").exists() and not Topic.objects.filter(name_fa="").exists()
    assert Topic.objects.get(slug="ansarullah").name_ar == "أنصار الله"

    # Eight English stories with their translations: seven in both editions, one in Arabic only.
    translated = Article.objects.filter(language="en", translations__isnull=False).distinct()
    assert translated.count() == 8
    aleppo = Article.objects.get(language="ar", title__contains="حلب", translation_of__isnull=False)
    assert {version.language for version in aleppo.versions()} == {"en", "fa"}


@pytest.mark.django_db
def test_the_demo_editions_pages_link_their_translations(client: Client, seeded: str) -> None:
    from articles.models import Article

    persian = (
        Article.objects.filter(language="fa", translation_of__isnull=False)
        .select_related("translation_of")
        .first()
    )
    page = client.get(persian.get_absolute_url()).content.decode()
    assert '<html lang="fa" dir="rtl"' in page
    assert f'hreflang="en" href="http://testserver{persian.translation_of.get_absolute_url()}"' in page
    home = client.get("/ar/").content.decode()
    assert "اختيارات المحرر" in home
