"""A reader opens an album from the home page, moves through photos with the keyboard, plays films."""

from __future__ import annotations

import base64

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from playwright.sync_api import expect

from tests.browser.conftest import DESKTOP, PHONE, save_screenshot, serious_accessibility_violations
from tests.factories import AlbumFactory, FilmFactory, PhotoFactory, library_image

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

RECORD_WEBM = """
async () => {
  const canvas = document.createElement("canvas");
  canvas.width = 160; canvas.height = 90;
  const context = canvas.getContext("2d");
  const recorder = new MediaRecorder(canvas.captureStream(25), { mimeType: "video/webm" });
  const chunks = [];
  recorder.ondataavailable = (event) => chunks.push(event.data);
  const stopped = new Promise((resolve) => (recorder.onstop = resolve));
  recorder.start();
  for (let frame = 0; frame < 40; frame++) {
    context.fillStyle = `hsl(${frame * 9}, 70%, 50%)`;
    context.fillRect(0, 0, 160, 90);
    await new Promise((resolve) => setTimeout(resolve, 40));
  }
  recorder.stop();
  await stopped;
  const bytes = new Uint8Array(await new Blob(chunks).arrayBuffer());
  let binary = "";
  bytes.forEach((byte) => (binary += String.fromCharCode(byte)));
  return btoa(binary);
}
"""


def test_reader_moves_through_an_album_with_the_keyboard(open_page) -> None:
    album = AlbumFactory(title="Life returns to Aleppo")
    for number in range(1, 4):
        PhotoFactory(
            album=album,
            image=library_image(
                f"aleppo-{number}.jpg", size=(1200, 800), caption=f"Street {number}", credit="Alwaght"
            ),
        )
    page, watch = open_page(DESKTOP)
    page.goto("/")
    gallery = page.locator("section.block--gallery")
    assert gallery.get_by_role("tab", name="Photo").get_attribute("aria-selected") == "true"
    gallery.get_by_role("link", name="Life returns to Aleppo").click()
    page.wait_for_url(f"**{album.get_absolute_url()}")

    page.locator(".photo-grid a").first.click()
    dialog = page.locator("dialog.photo-dialog")
    assert dialog.is_visible()
    assert "Street 1" in dialog.locator("figcaption").inner_text()
    page.keyboard.press("ArrowRight")
    assert "Street 2" in dialog.locator("figcaption").inner_text()
    assert "2 of 3" in dialog.locator("figcaption").inner_text()
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowRight")
    assert "Street 1" in dialog.locator("figcaption").inner_text()  # wraps around
    page.keyboard.press("ArrowLeft")
    assert "Street 3" in dialog.locator("figcaption").inner_text()
    # decode() settles once the picture has loaded: a broken image rejects it.
    assert dialog.locator("img").evaluate("image => image.decode().then(() => image.naturalWidth > 0)")
    save_screenshot(page, "album-viewer-desktop")
    page.keyboard.press("Escape")
    assert not dialog.is_visible()
    expect(page.locator("#photo-3 a")).to_be_focused()
    assert watch.foreign_requests == [] and watch.console_errors == []
    assert serious_accessibility_violations(page) == []


def test_album_viewer_works_without_javascript(browser, live_site) -> None:
    album = AlbumFactory(title="No script needed")
    for number in range(1, 3):
        PhotoFactory(album=album, caption=f"Frame {number}")
    context = browser.new_context(viewport=PHONE, base_url=live_site, java_script_enabled=False)
    page = context.new_page()
    page.goto(album.get_absolute_url())
    page.locator(".photo-grid a").first.click()
    assert "Frame 1" in page.locator("#viewer").inner_text()
    page.get_by_role("link", name="Next", exact=True).click()
    assert "Frame 2" in page.locator("#viewer").inner_text()
    page.get_by_role("link", name="Close").click()
    assert page.locator("#viewer").count() == 0
    context.close()


def test_reader_plays_an_uploaded_film_and_an_embedded_one(open_page) -> None:
    page, watch = open_page(PHONE)
    page.goto("/")
    webm = base64.b64decode(page.evaluate(RECORD_WEBM))
    assert webm[:4] == b"\x1a\x45\xdf\xa3"
    uploaded = FilmFactory(
        title="Our own footage",
        embed_url="",
        video=SimpleUploadedFile("footage.webm", webm, content_type="video/webm"),
    )
    embedded = FilmFactory(title="Inside the Marib front", embed_url="https://youtu.be/AbCdEfGhIjK")

    page.goto(uploaded.get_absolute_url())
    video = page.locator("video")
    assert video.is_visible()
    page.evaluate("() => { const v = document.querySelector('video'); v.muted = true; return v.play(); }")
    # Polled from here: wait_for_function evaluates a string, which the site's CSP forbids.
    for _ in range(50):
        if page.evaluate("() => document.querySelector('video').currentTime") > 0.2:
            break
        page.wait_for_timeout(100)
    assert page.evaluate("() => document.querySelector('video').currentTime") > 0.2
    assert serious_accessibility_violations(page) == []
    save_screenshot(page, "film-phone")

    page.goto(embedded.get_absolute_url())
    assert page.locator("iframe").count() == 0
    assert watch.foreign_requests == []
    page.get_by_role("link", name="Play (loads the player from YouTube)").click()
    frame = page.locator("iframe.film-player__frame")
    assert frame.get_attribute("src") == "https://www.youtube-nocookie.com/embed/AbCdEfGhIjK?autoplay=1"
    assert frame.get_attribute("title") == "Inside the Marib front"
    assert watch.console_errors == [] or all(
        "youtube" in error.lower() or "ERR_" in error for error in watch.console_errors
    )
