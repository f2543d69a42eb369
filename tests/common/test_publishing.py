"""One definition of "published" for every kind of content, and the rules built on it."""

from __future__ import annotations

from datetime import timedelta

import pytest
import time_machine
from django.contrib.auth.models import AnonymousUser
from django.test import Client
from django.utils import timezone

from articles.models import Article
from common.publishing import can_preview, next_publication
from gallery.models import Album, Film
from tests.factories import AlbumFactory, ArticleFactory, FilmFactory, TopicFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "factory", [ArticleFactory, AlbumFactory, FilmFactory], ids=["article", "album", "film"]
)
def test_every_kind_is_public_only_once_published_and_its_moment_has_come(factory) -> None:
    model = factory._meta.model
    with time_machine.travel(timezone.now(), tick=False) as clock:
        public = factory()
        draft = factory(status="draft", published_at=None)
        scheduled = factory(published_at=timezone.now() + timedelta(minutes=10))
        assert list(model.objects.published()) == [public]
        assert list(model.objects.scheduled()) == [scheduled]
        assert (public.is_public, draft.is_public, scheduled.is_public) == (True, False, False)
        clock.shift(timedelta(minutes=10, seconds=1))
        assert set(model.objects.published()) == {public, scheduled}
        assert model.objects.get(pk=scheduled.pk).is_public


@pytest.mark.parametrize(
    "factory", [ArticleFactory, AlbumFactory, FilmFactory], ids=["article", "album", "film"]
)
def test_published_without_a_date_is_dated_now(factory) -> None:
    item = factory(status="draft", published_at=None)
    item.status = "published"
    item.save()
    assert item.published_at is not None and item.is_public


def test_the_next_publication_of_any_kind_is_known() -> None:
    now = timezone.now()
    ArticleFactory(published_at=now + timedelta(hours=3))
    FilmFactory(published_at=now + timedelta(hours=1))
    AlbumFactory(status="draft", published_at=now + timedelta(minutes=5))  # a draft goes live at no time
    assert next_publication() == Film.objects.get().published_at
    assert Article.objects.next_publication() == now + timedelta(hours=3)
    assert Album.objects.next_publication() is None


def test_only_staff_who_may_view_a_kind_preview_it() -> None:
    editor = UserFactory(username="desk", groups=["Editors"])
    moderator = UserFactory(username="mod", groups=["Moderators"])
    for model in (Article, Album, Film):
        assert can_preview(editor, model)
        assert not can_preview(moderator, model)
        assert not can_preview(AnonymousUser(), model)
    draft = AlbumFactory(status="draft", published_at=None)
    assert draft in Album.objects.visible_to(editor)
    assert draft not in Album.objects.visible_to(moderator)


@pytest.mark.parametrize(
    "factory", [ArticleFactory, AlbumFactory, FilmFactory], ids=["article", "album", "film"]
)
def test_staff_pages_are_never_cached_for_readers(factory, client: Client) -> None:
    item = factory()
    assert "no-store" not in client.get(item.get_absolute_url()).get("Cache-Control", "")
    client.force_login(UserFactory(username="desk", groups=["Editors"]))
    assert client.get(item.get_absolute_url())["Cache-Control"] == "private, no-store"


@pytest.mark.parametrize("factory", [ArticleFactory, FilmFactory], ids=["article", "film"])
def test_related_means_sharing_a_tag_or_a_topic_for_every_kind(factory) -> None:
    model = factory._meta.model
    topic = TopicFactory()
    item = factory()
    item.tags.set(["Yemen"])
    item.topics.set([topic])
    by_tag = factory()
    by_tag.tags.set(["Yemen"])
    by_topic = factory()
    by_topic.topics.set([topic])
    unrelated = factory()
    unrelated.tags.set(["Iraq"])
    hidden = factory(status="draft", published_at=None)
    hidden.tags.set(["Yemen"])
    related = set(model.objects.published().related_to(item))
    assert related == {by_tag, by_topic}
    lonely = factory()
    assert list(model.objects.published().related_to(lonely)) == []
