"""The Nu HTML Checker and Lighthouse, as the page measures run them (test_page_quality.py).

Both come from npm, pinned in package.json / package-lock.json and installed into node_modules/
by `make node-tools` (`npm ci --ignore-scripts`: nothing downloads a browser or a Java runtime).
The checker runs on the machine's Java (17); Lighthouse drives the machine's Chromium.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings

NODE_MODULES = Path(settings.BASE_DIR) / "node_modules"
VNU_JAR = NODE_MODULES / "vnu-jar" / "build" / "dist" / "vnu.jar"
LIGHTHOUSE_PACKAGE = NODE_MODULES / "lighthouse" / "package.json"
LIGHTHOUSE_SCRIPT = Path(__file__).with_name("lighthouse_pages.mjs")
LIGHTHOUSE_VERSION = "12.2.3"
REPORT_DIR = Path(settings.BASE_DIR) / "test-artifacts" / "lighthouse"
# The headless flags Lighthouse's Chromium runs with: nothing is fetched from another host.
LIGHTHOUSE_CHROMIUM_FLAGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
LIGHTHOUSE_CATEGORIES = ("performance", "accessibility", "best-practices")
# A document with one known error, checked with the pages.
CANARY = "canary-with-one-error"
CANARY_HTML = b'<!DOCTYPE html><html lang="en"><title>Canary</title><p><span>Unclosed</p></html>'
# Loads the pictures a full-page screenshot would leave lazy; returns those that fail to load.
LOAD_EVERY_PICTURE = """async () => {
  const images = [...document.images];
  images.forEach((image) => { image.loading = "eager"; });
  await Promise.all(images.map((image) => image.decode().catch(() => null)));
  // (an image a script has yet to fill, like the photo viewer's, has no source to load)
  return images
    .filter((image) => (image.getAttribute("src") || image.srcset) && image.naturalWidth === 0)
    .map((image) => image.currentSrc || image.src);
}"""


def missing(message: str) -> None:
    """Skip, or fail where the browser tests are required (CI), as for a missing Chromium."""
    message += " Install them with: make node-tools   (npm ci; needs Node.js 18+ and Java 11+)"
    if os.environ.get("REQUIRE_BROWSER_TESTS") == "1":
        pytest.fail(message, pytrace=False)
    pytest.skip(message)


def html_checker_command() -> list[str]:
    """``java -jar vnu.jar``, or a skip/failure saying what is missing."""
    java = shutil.which("java")
    if java is None or not VNU_JAR.is_file():
        missing(f"The Nu HTML Checker needs java on PATH and {VNU_JAR}.")
    return [java, "-jar", str(VNU_JAR)]


def lighthouse_command() -> list[str]:
    """``node lighthouse_pages.mjs`` with Lighthouse at the pinned version, or a skip/failure."""
    node = shutil.which("node")
    if node is None or not LIGHTHOUSE_PACKAGE.is_file():
        missing(f"Lighthouse needs node on PATH and {LIGHTHOUSE_PACKAGE.parent}.")
    version = json.loads(LIGHTHOUSE_PACKAGE.read_text())["version"]
    if version != LIGHTHOUSE_VERSION:
        missing(f"Lighthouse {version} is installed where package-lock.json pins {LIGHTHOUSE_VERSION}.")
    return [node, str(LIGHTHOUSE_SCRIPT)]


def start_html_check(command: list[str], documents: dict[str, bytes], folder: Path) -> subprocess.Popen:
    """Check every document in one run of the checker (Java starts slowly), in the background
    while the test goes on; ``html_errors`` collects the result."""
    folder.mkdir(parents=True, exist_ok=True)
    files = []
    for name, html in {**documents, CANARY: CANARY_HTML}.items():
        path = folder / f"{name}.html"
        path.write_bytes(html)
        files.append(str(path))
    return subprocess.Popen(
        [*command, "--format", "json", "--stdout", *files], stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )


def html_errors(check: subprocess.Popen) -> list[str]:
    """Every error the checker found, one line each: ``page line N: message``."""
    stdout, stderr = check.communicate(timeout=120)
    try:
        messages = json.loads(stdout)["messages"]
    except (ValueError, KeyError):
        raise AssertionError(f"The HTML checker did not answer: {stderr.decode()[-2000:]}") from None
    errors = [
        f"{Path(message.get('url', '?')).stem} line {message.get('lastLine', '?')}: {message['message']}"
        for message in messages
        if message["type"] in {"error", "non-document-error"}
    ]
    # The canary's error shows that the checker read the files and that its report is understood.
    canary = [error for error in errors if error.startswith(f"{CANARY} ")]
    assert canary, f"The HTML checker missed the canary's error: {stdout.decode()[:2000]}"
    return [error for error in errors if error not in canary]


@contextmanager
def chromium_for_lighthouse(chromium: str, profile: Path) -> Iterator[int]:
    """One headless Chromium that every Lighthouse run of a test attaches to (``--port``)."""
    profile.mkdir(parents=True, exist_ok=True)
    process = subprocess.Popen(
        [chromium, *LIGHTHOUSE_CHROMIUM_FLAGS, "--remote-debugging-port=0", f"--user-data-dir={profile}"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        # Chromium writes the port it chose to this file once it listens.
        port_file = profile / "DevToolsActivePort"
        deadline = time.monotonic() + 30
        while not (port_file.is_file() and port_file.read_text().strip()):
            if process.poll() is not None or time.monotonic() > deadline:
                raise AssertionError(f"Chromium did not start for Lighthouse (exit status {process.poll()})")
            time.sleep(0.05)
        yield int(port_file.read_text().split()[0])
    finally:
        process.terminate()
        process.wait(timeout=10)


def lighthouse_reports(
    command: list[str], chromium: str, port: int, pages: dict[str, str]
) -> dict[str, dict[str, Any]]:
    """Lighthouse's default mobile run (phone form factor, simulated throttling) of each of
    ``pages`` (name: URL), one after another: each page's report, also kept in
    test-artifacts/lighthouse/<name>.json."""
    if not pages:
        return {}
    REPORT_DIR.mkdir(parents=True, exist_ok=True)
    for name in pages:
        (REPORT_DIR / f"{name}.json").unlink(missing_ok=True)
    result = subprocess.run(
        [*command, str(port), str(REPORT_DIR), *(f"{name}={url}" for name, url in pages.items())],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
        env={**os.environ, "CHROME_PATH": chromium},  # never a browser of its own
    )
    reports = {}
    for name in pages:
        path = REPORT_DIR / f"{name}.json"
        if result.returncode != 0 or not path.is_file():
            raise AssertionError(f"Lighthouse failed on {pages[name]}: {result.stderr[-2000:]}")
        reports[name] = json.loads(path.read_text())
    return reports


def scores(report: dict[str, Any]) -> dict[str, int]:
    """Each category's score out of 100."""
    return {name: round(100 * (report["categories"][name]["score"] or 0)) for name in LIGHTHOUSE_CATEGORIES}


def lost_points(report: dict[str, Any]) -> list[str]:
    """The scored audits that did not get full marks, with what they measured."""
    if report.get("runtimeError"):
        return [f"Lighthouse could not measure the page: {report['runtimeError']['message']}"]
    losses = []
    for name in LIGHTHOUSE_CATEGORIES:
        for reference in report["categories"][name]["auditRefs"]:
            audit = report["audits"][reference["id"]]
            if reference["weight"] and audit["score"] is not None and audit["score"] < 1:
                value = audit.get("displayValue", "")
                losses.append(f"{name}: {audit['id']} {audit['score']:.2f} {value}".rstrip())
    return losses
