"""The image library in admin: uploads with alt text, focal points, what uses an image."""

from __future__ import annotations

import pytest
from django.test import Client
from django.test.html import parse_html

from common.models import Image as LibraryImage
from tests.factories import ArticleFactory, PhotoFactory, UserFactory, library_image, uploaded_image

pytestmark = pytest.mark.django_db

ADD_URL = "/admin/common/image/add/"


def image_form(**overrides: object) -> dict[str, object]:
    data: dict[str, object] = {
        "file": uploaded_image("market.jpg", size=(1200, 800)),
        "description": "Stalls in Tehran's Grand Bazaar",
        "caption": "",
        "credit": "",
        "focal_x": "50",
        "focal_y": "50",
    }
    data.update(overrides)
    return data


def test_editor_uploads_an_image_with_its_description(editor_client: Client) -> None:
    response = editor_client.post(ADD_URL, image_form(caption="Morning in the bazaar", focal_x="70"))
    assert response.status_code == 302
    picture = LibraryImage.objects.get()
    assert (picture.description, picture.caption, picture.focal_x) == (
        "Stalls in Tehran's Grand Bazaar",
        "Morning in the bazaar",
        70,
    )
    assert (picture.width, picture.height) == (1200, 800)
    listing = editor_client.get("/admin/common/image/?q=bazaar").content.decode()
    assert "Stalls in Tehran&#x27;s Grand Bazaar" in listing and "1200×800" in listing


@pytest.mark.parametrize(
    "field, value, message",
    [
        ("description", "", "This field is required."),
        ("description", "x" * 251, "at most 250 characters"),
        ("focal_x", "101", "less than or equal to 100"),
        ("focal_y", "-5", "greater than or equal to 0"),
        ("focal_x", "half", "Enter a whole number."),
        ("file", "", "This field is required."),
    ],
)
def test_bad_input_gets_a_clear_message_and_nothing_is_stored(
    editor_client: Client, field: str, value: str, message: str
) -> None:
    response = editor_client.post(ADD_URL, image_form(**{field: value}))
    assert response.status_code == 200
    assert message in str(response.context["adminform"].form.errors[field])
    assert not LibraryImage.objects.exists()


def test_persian_description_and_script_payloads_are_kept_as_text(editor_client: Client) -> None:
    description = "بازار بزرگ تهران \u200f<script>alert(1)</script> 🌅"
    assert editor_client.post(ADD_URL, image_form(description=description)).status_code == 302
    picture = LibraryImage.objects.get()
    assert picture.description == description
    page = editor_client.get(f"/admin/common/image/{picture.pk}/change/").content.decode()
    assert "<script>alert(1)</script>" not in page


def test_the_image_page_says_where_the_image_is_used(editor_client: Client) -> None:
    picture = library_image("gate.jpg", description="The city gate")
    article = ArticleFactory(title="Convoys at the gate", hero_image=picture)
    photo = PhotoFactory(image=picture)
    page = parse_html(editor_client.get(f"/admin/common/image/{picture.pk}/change/").content.decode())
    link = f'<a href="/admin/articles/article/{article.pk}/change/">Convoys at the gate</a>'
    assert page.count(parse_html(f"<li>article: {link}</li>")) == 1
    assert page.count(parse_html(f"<li>photo: {photo}</li>")) == 1


def test_an_image_in_use_cannot_be_deleted(editor_client: Client) -> None:
    picture = library_image("gate.jpg")
    ArticleFactory(title="Convoys at the gate", hero_image=picture)
    page = editor_client.get(f"/admin/common/image/{picture.pk}/delete/").content.decode()
    assert "would require deleting the following protected related objects" in page
    editor_client.post(f"/admin/common/image/{picture.pk}/delete/", {"post": "yes"})
    assert LibraryImage.objects.filter(pk=picture.pk).exists()


def test_an_unused_image_can_be_deleted(editor_client: Client) -> None:
    picture = library_image("spare.jpg")
    response = editor_client.post(f"/admin/common/image/{picture.pk}/delete/", {"post": "yes"})
    assert response.status_code == 302
    assert not LibraryImage.objects.exists()


def test_the_library_is_the_editors_not_the_moderators(
    client: Client, editor_client: Client, moderator
) -> None:
    assert editor_client.get("/admin/common/image/").status_code == 200
    client.force_login(moderator)
    assert client.get("/admin/common/image/").status_code == 403
    client.force_login(UserFactory(username="reader-account"))
    assert client.get("/admin/common/image/").status_code == 302  # not staff: to the login page


def test_the_image_picker_finds_images_by_their_words(editor_client: Client) -> None:
    library_image("a.jpg", description="Fishermen in Gaza harbour")
    library_image("b.jpg", description="A street in Aleppo")
    suggestions = editor_client.get(
        "/admin/autocomplete/",
        {"app_label": "articles", "model_name": "article", "field_name": "hero_image", "term": "gaza"},
    )
    assert [result["text"] for result in suggestions.json()["results"]] == ["Fishermen in Gaza harbour"]
