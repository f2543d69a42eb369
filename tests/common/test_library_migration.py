"""The data migration that moved every stored picture into the image library, run on data
shaped the way the site stored pictures before it: nothing stored may be lost."""

from __future__ import annotations

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from tests.factories import image_bytes

BEFORE = [("articles", "0010_tagged_item_by_tag"), ("focus", "0002_topic_search"), ("gallery", "0003_search")]


def migrate(targets: list[tuple[str, str]]) -> MigrationExecutor:
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return MigrationExecutor(connection)


def latest() -> list[tuple[str, str]]:
    executor = MigrationExecutor(connection)
    return executor.loader.graph.leaf_nodes()


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_pictures_move_into_the_library_with_their_words_and_back() -> None:
    for name, size in (
        ("old/hero.jpg", (1600, 900)),
        ("old/photo.jpg", (900, 600)),
        ("old/poster.jpg", (1280, 720)),
    ):
        default_storage.save(name, ContentFile(image_bytes("JPEG", size)))
    try:
        old = migrate(BEFORE).loader.project_state(BEFORE).apps
        Section = old.get_model("articles", "Section")
        Article = old.get_model("articles", "Article")
        Author = old.get_model("articles", "Author")
        Album = old.get_model("gallery", "Album")
        Photo = old.get_model("gallery", "Photo")
        Film = old.get_model("gallery", "Film")
        section = Section.objects.get(slug="news")
        shared = {"hero_image": "old/hero.jpg", "hero_image_width": 1600, "hero_image_height": 900}
        first = Article.objects.create(
            title="First", slug="first", section=section, lead="Lead.", status="draft",
            hero_alt="Convoy at the gate", hero_caption="The gate", hero_credit="Reuters", **shared,
        )  # fmt: skip
        second = Article.objects.create(
            title="Second", slug="second", section=section, lead="Lead.", status="draft",
            hero_caption="Another caption", **shared,
        )  # fmt: skip
        Article.objects.create(
            title="Third", slug="third", section=section, lead="Lead.", status="draft",
            hero_alt="Convoy at the gate", hero_caption="The gate", hero_credit="Reuters", **shared,
        )  # fmt: skip
        no_picture = Article.objects.create(title="Words only", slug="w", section=section, lead="Lead.")
        author = Author.objects.create(name="Leila Karimi", slug="leila-karimi")
        album = Album.objects.create(title="Aleppo", slug="aleppo", status="draft")
        photo = Photo.objects.create(
            album=album,
            image="old/photo.jpg",
            image_width=900,
            image_height=600,
            caption="Market",
            credit="AFP",
        )
        film = Film.objects.create(
            title="Marib", slug="marib", status="draft", embed_url="https://youtu.be/AbCdEfGhIjK",
            poster="old/poster.jpg", poster_width=1280, poster_height=720,
        )  # fmt: skip

        new = migrate(latest()).loader.project_state(latest()).apps
        Image = new.get_model("common", "Image")
        NewArticle = new.get_model("articles", "Article")
        pictures = {row.title: row.hero_image for row in NewArticle.objects.select_related("hero_image")}
        assert (pictures["First"].description, pictures["First"].caption, pictures["First"].credit) == (
            "Convoy at the gate",
            "The gate",
            "Reuters",
        )
        # Same file, same words: one library entry. Same file, other words: an entry of its own.
        assert pictures["Third"].pk == pictures["First"].pk
        assert pictures["Second"].pk != pictures["First"].pk
        assert (pictures["Second"].description, pictures["Second"].caption) == (
            "Another caption",
            "Another caption",
        )
        assert pictures["Second"].file.name == "old/hero.jpg" and pictures["Second"].width == 1600
        assert pictures["Words only"] is None
        assert new.get_model("articles", "Author").objects.get(pk=author.pk).photo_id is None
        new_photo = new.get_model("gallery", "Photo").objects.select_related("image").get(pk=photo.pk)
        assert (new_photo.image.description, new_photo.image.caption, new_photo.image.credit) == (
            "Market",
            "Market",
            "AFP",
        )
        new_film = new.get_model("gallery", "Film").objects.select_related("poster").get(pk=film.pk)
        assert (new_film.poster.file.name, new_film.poster.description) == ("old/poster.jpg", "Marib")
        assert Image.objects.count() == 4
        assert default_storage.exists("old/hero.jpg")  # files are taken over by name, never copied or moved

        back = migrate(BEFORE).loader.project_state(BEFORE).apps
        OldArticle = back.get_model("articles", "Article")
        restored = OldArticle.objects.get(pk=first.pk)
        assert (restored.hero_image.name, restored.hero_alt, restored.hero_caption, restored.hero_credit) == (
            "old/hero.jpg",
            "Convoy at the gate",
            "The gate",
            "Reuters",
        )
        assert OldArticle.objects.get(pk=second.pk).hero_caption == "Another caption"
        assert OldArticle.objects.get(pk=no_picture.pk).hero_image.name == ""
        assert back.get_model("gallery", "Film").objects.get(pk=film.pk).poster.name == "old/poster.jpg"
    finally:
        migrate(latest())
