"""Stored fragments: rendered once, shared, and gone as soon as what they show changes."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
import time_machine
from django.db import connection
from django.test import Client
from django.utils import timezone

from common import fragments, surrogate_keys
from common.models import Fragment
from tests.factories import ArticleFactory, AuthorFactory, ImageFactory, SectionFactory, library_image
from tests.jobs import run_queued_jobs

pytestmark = pytest.mark.django_db


def card_titles(client: Client, url: str) -> list[str]:
    return re.findall(r'class="card__title"><a [^>]+>([^<]+)<', client.get(url).content.decode())


def test_a_card_is_rendered_once_then_read_from_the_store(client: Client, django_assert_num_queries) -> None:
    ArticleFactory(title="Ceasefire holds in Daraa")
    assert card_titles(client, "/news/") == ["Ceasefire holds in Daraa"]
    stored = Fragment.objects.get()
    assert "Ceasefire holds in Daraa" in stored.html
    with django_assert_num_queries(2):  # the headlines, the stored cards: no article is built
        assert card_titles(client, "/news/") == ["Ceasefire holds in Daraa"]


@pytest.mark.parametrize("change", ["title", "section", "author", "picture"])
def test_a_card_shows_a_change_to_anything_it_shows_at_once(client: Client, change: str) -> None:
    author = AuthorFactory(name="Ali Reza")
    article = ArticleFactory(title="Talks in Muscat", authors=[author], hero_image=library_image())
    author_page = author.get_absolute_url()  # its cards name the section, the authors, show the picture
    before = client.get(author_page).content.decode()
    assert Fragment.objects.count() == 1
    if change == "title":
        article.title, expected = "Talks in Muscat resume", "Talks in Muscat resume"
        article.save()
    elif change == "section":
        article.section.name, expected = "World news", "World news"
        article.section.save()
    elif change == "author":
        author.name, expected = "Ali Reza Karimi", "Ali Reza Karimi"
        author.save()
    else:
        article.hero_image.focal_x, article.hero_image.focal_y = 10, 90  # the crops move
        article.hero_image.save()
        run_queued_jobs()
        expected = None
    assert not Fragment.objects.exists()  # deleted by the change's own purge
    after = client.get(author_page).content.decode()
    if expected:
        assert expected in after and expected not in before
    else:
        assert after != before
    assert Fragment.objects.count() == 1  # and stored again


def test_a_card_rendered_while_a_change_commits_is_not_kept() -> None:
    article = ArticleFactory(title="Old title")
    position = surrogate_keys.current_position()
    surrogate_keys.purge(f"article:{article.pk}")  # a change committed while the card rendered
    fragments.store([("card:test", "<p>Old title</p>", {f"article:{article.pk}"})], position)
    assert not Fragment.objects.filter(name="card:test").exists()
    fragments.store([("card:other", "<p>Other</p>", {"article:0"})], position)
    assert Fragment.objects.filter(name="card:other").exists()  # that purge did not concern it


def test_fragments_of_other_code_or_past_their_time_are_not_used() -> None:
    position = surrogate_keys.current_position()
    fragments.store([("card:a", "<p>A</p>", {"article:1"})], position)
    fragments.store([("card:b", "<p>B</p>", {"article:2"})], position, seconds=60)
    assert set(fragments.fetch(["card:a", "card:b"])) == {"card:a", "card:b"}
    with time_machine.travel(timezone.now() + timedelta(seconds=61)):
        assert set(fragments.fetch(["card:a", "card:b"])) == {"card:a"}
    Fragment.objects.update(version="rendered-by-an-older-release")
    assert fragments.fetch(["card:a"]) == {}


def test_purging_everything_empties_the_store() -> None:
    fragments.store([("card:a", "<p>A</p>", {"article:1"})], surrogate_keys.current_position())
    surrogate_keys.purge(surrogate_keys.ALL_KEY)
    assert not Fragment.objects.exists()


def test_the_fragment_table_is_not_logged() -> None:
    with connection.cursor() as cursor:
        cursor.execute("SELECT relpersistence FROM pg_class WHERE relname = 'common_fragment'")
        assert cursor.fetchone() == ("u",)


def test_a_page_carries_the_keys_of_the_cards_it_shows(client: Client, settings) -> None:
    settings.PAGE_CACHE_SECONDS = 60
    section = SectionFactory(name="Analysis", slug="analysis")
    article = ArticleFactory(section=section, title="Why Marib matters")
    client.get("/analysis/")  # renders and stores the card
    response = client.get("/analysis/?any=1")  # another copy of the page, the card from the store
    assert f"article:{article.pk}" in response["xkey"].split()
    assert f"section:{section.pk}" in response["xkey"].split()


def test_an_article_page_shows_an_edit_at_once(client: Client) -> None:
    article = ArticleFactory(title="Talks in Muscat", body="<p>First version.</p>", tags=["Oman"])
    assert "First version." in client.get(article.get_absolute_url()).content.decode()
    article.body = "<p>Second version.</p>"
    article.save()
    article.tags.add("Iran")
    html = client.get(article.get_absolute_url()).content.decode()
    assert "Second version." in html and "First version." not in html
    assert 'rel="tag">Iran</a>' in html


def test_a_stored_story_holds_the_address_of_the_host_it_was_asked_for(client: Client, settings) -> None:
    settings.ALLOWED_HOSTS = ["testserver", "news.example.org"]
    article = ArticleFactory(title="Talks in Muscat")
    client.get(article.get_absolute_url())
    other = client.get(article.get_absolute_url(), HTTP_HOST="news.example.org").content.decode()
    assert "http%3A%2F%2Fnews.example.org%2F" in other  # the share links
    assert "http%3A%2F%2Ftestserver%2F" not in other


def test_related_content_takes_in_new_articles_within_ten_minutes(client: Client) -> None:
    article = ArticleFactory(title="Talks in Muscat", tags=["Oman"])
    assert "Oman visit ends" not in client.get(article.get_absolute_url()).content.decode()
    ArticleFactory(title="Oman visit ends", tags=["Oman"])
    with time_machine.travel(timezone.now() + timedelta(seconds=601)):
        assert "Oman visit ends" in client.get(article.get_absolute_url()).content.decode()


def test_a_card_stored_while_its_picture_was_pending_shows_the_picture_once_it_is_made(
    client: Client,
) -> None:
    ArticleFactory(title="Talks in Muscat", hero_image=ImageFactory(prepared=False))
    pending = client.get("/news/").content.decode()
    assert "/static/" in pending.split('class="card__image"')[1].split("</a>")[0]  # the placeholder
    run_queued_jobs()
    made = client.get("/news/").content.decode().split('class="card__image"')[1].split("</a>")[0]
    assert "srcset=" in made and ".webp" in made
