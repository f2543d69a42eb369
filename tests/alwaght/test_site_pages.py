"""The site-wide pages: home shell, robots.txt, health check, error pages, static files."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client

ROOT = Path(settings.BASE_DIR)


class LandmarkParser(HTMLParser):
    """Collects the tags and attributes a page's structure depends on."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))

    def find(self, tag: str, **attrs: str) -> list[dict[str, str | None]]:
        return [
            found
            for name, found in self.tags
            if name == tag and all(found.get(key) == value for key, value in attrs.items())
        ]


def parse(html: str) -> LandmarkParser:
    parser = LandmarkParser()
    parser.feed(html)
    return parser


@pytest.mark.django_db
def test_home_page_has_landmarks_search_and_navigation(client: Client) -> None:
    response = client.get("/")
    assert response.status_code == 200
    page = parse(response.content.decode())
    html_tag = page.find("html")[0]
    assert html_tag["lang"] == "en"
    assert html_tag["dir"] == "ltr"
    for landmark in ("header", "main", "footer", "nav"):
        assert page.find(landmark), f"missing <{landmark}>"
    assert page.find("form", role="search", action="/search/", method="get")
    assert page.find("input", type="search", name="q")
    hrefs = {attrs.get("href") for attrs in page.find("a")}
    assert {"/focus/", "/gallery/", "/most-viewed/"} <= hrefs
    assert page.find("a", href="#main"), "skip link missing"
    content = response.content.decode()
    assert settings.SITE_NAME in content
    assert "News &amp; Analysis Website" in content


@pytest.mark.django_db
def test_public_pages_send_a_content_security_policy(client: Client) -> None:
    response = client.get("/")
    policy = response.headers["Content-Security-Policy"]
    assert "default-src 'self'" in policy
    assert "script-src 'self'" in policy
    assert response.headers["X-Frame-Options"] == "DENY"
    assert response.headers["X-Content-Type-Options"] == "nosniff"


@pytest.mark.django_db
def test_page_links_only_to_hashed_local_static_files(client: Client) -> None:
    page = parse(client.get("/").content.decode())
    stylesheets = [attrs["href"] for attrs in page.find("link", rel="stylesheet")]
    assert stylesheets and all(href.startswith("/static/") for href in stylesheets)
    # The manifest storage puts a content hash in the name: css/site.<hash>.css
    assert all(href.count(".") >= 2 for href in stylesheets)
    for tag, attrs in page.tags:
        for key in ("src", "href", "action", "srcset"):
            value = attrs.get(key) or ""
            if value.startswith(("http://", "https://", "//")):
                assert value.split("/")[2] == "testserver", f"<{tag} {key}={value}> points at another host"


@pytest.mark.django_db
def test_static_files_are_served_compressed_with_long_cache(client: Client) -> None:
    href = parse(client.get("/").content.decode()).find("link", rel="stylesheet")[0]["href"]
    response = client.get(href, headers={"accept-encoding": "gzip"})
    assert response.status_code == 200
    assert response.headers["Content-Encoding"] == "gzip"
    assert "max-age=315360000" in response.headers["Cache-Control"]
    assert "immutable" in response.headers["Cache-Control"]


@pytest.mark.django_db
def test_unknown_page_gets_friendly_404(client: Client) -> None:
    response = client.get("/no-such-page/at/all/")
    assert response.status_code == 404
    content = response.content.decode()
    assert "We could not find that page" in content
    assert 'role="search"' in content


@pytest.mark.django_db
def test_favicon_ico_points_at_the_hashed_icon(client: Client) -> None:
    response = client.get("/favicon.ico")
    assert response.status_code == 302
    assert response["Location"].startswith("/static/icons/favicon.") and response["Location"].endswith(".svg")


def test_management_commands_work_before_collectstatic(tmp_path) -> None:
    """A fresh clone runs migrate before collectstatic: nothing may need the manifest at import."""
    env = {**os.environ, "STATIC_ROOT": str(tmp_path / "empty-static")}
    result = subprocess.run(
        [sys.executable, "manage.py", "check"], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr


@pytest.mark.django_db
def test_robots_txt_keeps_crawlers_out_of_admin(client: Client) -> None:
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response.headers["Content-Type"].startswith("text/plain")
    lines = response.content.decode().splitlines()
    assert "User-agent: *" in lines
    assert "Disallow: /admin/" in lines


@pytest.mark.django_db
def test_healthz_reports_ok_when_database_and_cache_answer(client: Client) -> None:
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok", "cache": "ok"}
    assert "no-cache" in response.headers["Cache-Control"]


def test_healthz_reports_503_when_the_database_is_down() -> None:
    """Run the app in a child process whose database is a closed port."""
    script = (
        "import django, json; django.setup();"
        "from django.test import Client;"
        "r = Client().get('/healthz');"
        "print(json.dumps({'code': r.status_code, 'body': r.json()}))"
    )
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "alwaght.settings",
        "DATABASE_URL": "postgres://postgres@127.0.0.1:9/nowhere",
        "REDIS_URL": "",
    }
    result = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    outcome = json.loads(result.stdout.strip().splitlines()[-1])
    assert outcome["code"] == 503
    assert outcome["body"]["status"] == "unavailable"
    assert outcome["body"]["database"] == "unavailable"


def test_healthz_refuses_post(client: Client) -> None:
    assert client.post("/healthz").status_code == 405


def _production_env(**extra: str) -> dict[str, str]:
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"DEBUG", "SECRET_KEY", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    }
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "alwaght.settings",
            "PRODUCTION": "1",
            "SECRET_KEY": "x" * 20 + "production-test-key-that-is-long-and-random-enough-0123456789",
            "ALLOWED_HOSTS": "news.example.org",
            "DATABASE_URL": "postgres://postgres@127.0.0.1:9/unused",
        }
    )
    env.update(extra)
    return env


def _manage(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )


def test_deploy_check_is_clean_in_production_mode() -> None:
    result = _manage("check", "--deploy", "--fail-level", "WARNING", env=_production_env())
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_mode_refuses_to_start_without_secret_key() -> None:
    env = _production_env()
    del env["SECRET_KEY"]
    result = _manage("check", env=env)
    assert result.returncode != 0
    assert "SECRET_KEY is not set" in result.stderr


def test_production_mode_refuses_to_start_without_database_url() -> None:
    env = _production_env()
    del env["DATABASE_URL"]
    result = _manage("check", env=env)
    assert result.returncode != 0
    assert "DATABASE_URL is not set" in result.stderr


@pytest.mark.django_db
@pytest.mark.parametrize(
    "url",
    [
        "/news/99999999999999999999999/x/",
        "/news/99999999999999999999999/",
        "/views/99999999999999999999999/",
        "/gallery/photos/99999999999999999999999/x/",
        "/gallery/films/99999999999999999999999/",
        "/focus/%00/",
        "/tags/%F0%9F%9A%80/",
        "/authors/\u202e/",
        "/" + "a" * 5000 + "/",
    ],
)
def test_absurd_addresses_are_404_not_500(client: Client, url: str) -> None:
    assert client.get(url).status_code == 404
    assert client.post(url).status_code in {404, 405}
