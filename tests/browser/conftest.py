"""Browser journeys: Playwright for Python driving the machine's own Chromium.

Chromium is looked for at $CHROMIUM_PATH, then /usr/bin/chromium, then on PATH.
Without it these tests are skipped with a plain message, unless
REQUIRE_BROWSER_TESTS=1 (CI), where a missing browser is a failure.
Playwright never downloads a browser here.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.conf import settings
from django.db import connections

# Playwright's sync API keeps an asyncio loop in this thread; the ORM calls the
# tests make between browser steps are still plain synchronous code.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
os.environ.setdefault("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")

CHROMIUM_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-dev-shm-usage",
]
SCREENSHOT_DIR = Path(settings.BASE_DIR) / "test-artifacts" / "screenshots"
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}


def find_chromium() -> str | None:
    for candidate in (os.environ.get("CHROMIUM_PATH"), "/usr/bin/chromium", shutil.which("chromium")):
        if candidate and os.access(candidate, os.X_OK):
            return candidate
    return None


@pytest.fixture(scope="session")
def chromium_path() -> str:
    path = find_chromium()
    if path is None:
        message = (
            "Chromium not found (looked at $CHROMIUM_PATH, /usr/bin/chromium, PATH): "
            "browser tests skipped. Install it with: apt-get install -y chromium"
        )
        if os.environ.get("REQUIRE_BROWSER_TESTS") == "1":
            pytest.fail(message, pytrace=False)
        pytest.skip(message)
    return path


@pytest.fixture
def browser(chromium_path: str) -> Iterator[object]:
    """A fresh Chromium for each test.

    Not session-wide on purpose: while Playwright's sync API runs, Django's
    connection handler gives this thread a different connection object (asgiref's
    context-local storage under Playwright's greenlet), one without the test
    database snapshot, so a transactional test's restore after the previous
    test's flush would silently do nothing. Function scope keeps database set-up
    and teardown outside Playwright.
    """
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=chromium_path, headless=True, args=CHROMIUM_FLAGS
        )
        yield browser
        # The test body's queries opened a connection in Playwright's context; close it
        # here, in that context, or it would keep the test database from being dropped.
        connections.close_all()
        browser.close()


@dataclass
class PageWatch:
    """What a page did that a test wants to assert about afterwards."""

    origin_host: str
    foreign_requests: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)

    def on_request(self, request) -> None:
        url = urlsplit(request.url)
        if url.scheme in {"http", "https", "ws", "wss"} and url.hostname != self.origin_host:
            self.foreign_requests.append(request.url)

    def on_console(self, message) -> None:
        if message.type == "error":
            self.console_errors.append(message.text)

    def on_page_error(self, error) -> None:
        self.console_errors.append(str(error))


@pytest.fixture(autouse=True)
def page_cache_on(settings):
    """Readers in the browser journeys get cached pages, as in production."""
    settings.PAGE_CACHE_SECONDS = 60


@pytest.fixture
def open_page(browser, live_site: str):
    """Open a page in a fresh context: ``open_page(viewport)`` returns (page, watch)."""
    contexts = []

    def _open(viewport: dict[str, int] = DESKTOP, **context_options):
        context = browser.new_context(viewport=viewport, base_url=live_site, **context_options)
        contexts.append(context)
        page = context.new_page()
        watch = PageWatch(origin_host="127.0.0.1")
        page.on("request", watch.on_request)
        page.on("console", watch.on_console)
        page.on("pageerror", watch.on_page_error)
        return page, watch

    yield _open
    for context in contexts:
        context.close()


def serious_accessibility_violations(page) -> list[str]:
    """axe-core's serious and critical findings on the page, one line each."""
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page)
    return [
        f"{violation['id']} ({violation['impact']}): {violation['help']} "
        f"[{', '.join(node['target'][0] for node in violation['nodes'][:3])}]"
        for violation in results.response["violations"]
        if violation["impact"] in {"serious", "critical"}
    ]


def save_screenshot(page, name: str) -> Path:
    SCREENSHOT_DIR.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOT_DIR / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path
