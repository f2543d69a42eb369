"""Shared fixtures. Tests run on real PostgreSQL: the embedded server, or DATABASE_URL."""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest
from django.conf import settings
from django.core.cache import cache
from django.core.management import call_command
from django.template import engines
from django.test.testcases import LiveServerThread
from django.utils import translation

import jinja2
from alwaght import page_cache
from common import surrogate_keys

# Set by .ci/run: a skipped test is a failure there (a missing browser must not pass quietly).
FAIL_ON_SKIP = os.environ.get("FAIL_ON_SKIP") == "1"
_skipped: list[str] = []


def pytest_runtest_logreport(report: pytest.TestReport) -> None:
    if report.skipped:
        _skipped.append(report.nodeid)


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    if FAIL_ON_SKIP and _skipped and exitstatus == 0:
        session.exitstatus = pytest.ExitCode.TESTS_FAILED


def pytest_terminal_summary(terminalreporter, exitstatus: int, config: pytest.Config) -> None:
    if FAIL_ON_SKIP and _skipped:
        terminalreporter.write_line(
            f"FAIL_ON_SKIP=1: {len(_skipped)} skipped test(s) count as failures.", red=True
        )


@pytest.fixture(scope="session", autouse=True)
def static_manifest() -> None:
    """Pages are rendered with the production static storage, which needs an up-to-date
    collectstatic (under a second when little changed)."""
    call_command("collectstatic", interactive=False, verbosity=0)


@pytest.fixture(scope="session", autouse=True)
def strict_reader_templates() -> None:
    """A reader template that reads a value its view did not give fails the test (on the site
    it renders as nothing, as Django's templates do)."""
    engines["reader"].env.undefined = jinja2.StrictUndefined


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    """Uploads and renditions of a test go to its own folder, never to var/media."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def editor(db):
    from tests.factories import UserFactory

    return UserFactory(username="test-editor", groups=["Editors"])


@pytest.fixture
def moderator(db):
    from tests.factories import UserFactory

    return UserFactory(username="test-moderator", groups=["Moderators"])


@pytest.fixture
def editor_client(client, editor):
    client.force_login(editor)
    return client


@pytest.fixture(autouse=True)
def views_written_at_once(settings):
    """A view is written during its request in tests (workers batch them every second; that
    path has tests of its own in tests/articles/test_most_viewed.py)."""
    settings.VIEWS_FLUSH_SECONDS = 0


@pytest.fixture(autouse=True)
def page_cache_off(settings):
    """Tests see freshly rendered pages; tests/alwaght/test_page_cache.py and the browser
    journeys turn the page cache on."""
    settings.PAGE_CACHE_SECONDS = 0


@pytest.fixture(autouse=True)
def default_language() -> Iterator[None]:
    """Each test starts in the default language: a request to /fa/ leaves Persian active in
    the thread, as Django's LocaleMiddleware does, and messages built outside a request in
    the next test would be Persian."""
    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.deactivate()


@pytest.fixture(autouse=True)
def clear_cache() -> None:
    """Each test starts with an empty cache and reads the purge log afresh: what one test
    cached must not leak into another (the database's purges roll back, the process's
    memory of them would not)."""
    cache.clear()
    surrogate_keys.watch.forget()
    page_cache.forget_next_change()


@pytest.fixture(scope="session")
def live_site(django_db_setup: None, django_db_blocker) -> Iterator[str]:
    """A threaded server on 127.0.0.1 running the full middleware stack.

    Static files go through WhiteNoise and the collected, hashed files, exactly
    as in production, rather than Django's development static handler.
    """
    with django_db_blocker.unblock():
        thread = LiveServerThread("127.0.0.1", static_handler=lambda handler: handler)
        thread.daemon = True
        thread.start()
        thread.is_ready.wait()
        if thread.error:
            raise thread.error
    yield f"http://127.0.0.1:{thread.port}"
    thread.terminate()
