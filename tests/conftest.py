"""Shared fixtures. Tests run on real PostgreSQL: the embedded server, or DATABASE_URL."""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator

import pytest
from django.conf import settings
from django.core.cache import caches
from django.core.cache.backends.redis import RedisCache
from django.core.management import call_command
from django.template import engines
from django.test.signals import setting_changed
from django.test.testcases import LiveServerThread
from django.utils import translation
from django.utils.module_loading import import_string
from redis.exceptions import RedisError

import jinja2
from alwaght import page_cache
from common import surrogate_keys

# Set by .ci/run: a skipped test is a failure there (a missing browser must not pass quietly).
FAIL_ON_SKIP = os.environ.get("FAIL_ON_SKIP") == "1"
_skipped: list[str] = []
_static_root = pytest.StashKey[str]()


def pytest_runtest_logreport(report: pytest.TestReport) -> None:
    # Under pytest-xdist the controller receives every worker's reports here too, so the run's
    # own exit status (set below, in the controller) counts the skips of all workers.
    if report.skipped:
        _skipped.append(report.nodeid)


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    _empty_cache()  # leave nothing under this process's own prefix in a shared Redis
    if FAIL_ON_SKIP and _skipped and exitstatus == 0:
        session.exitstatus = pytest.ExitCode.TESTS_FAILED


def pytest_terminal_summary(terminalreporter, exitstatus: int, config: pytest.Config) -> None:
    if FAIL_ON_SKIP and _skipped:
        terminalreporter.write_line(
            f"FAIL_ON_SKIP=1: {len(_skipped)} skipped test(s) count as failures.", red=True
        )


def _own_cache_prefix() -> None:
    """Each test process keeps its cache entries under a prefix of its own, so that with
    pytest-xdist (make test runs the suite in parallel processes) and REDIS_URL set, one
    process emptying its cache between tests (clear_cache below) leaves another's alone."""
    default = settings.CACHES["default"]
    if issubclass(import_string(default["BACKEND"]), RedisCache):
        default["KEY_PREFIX"] = f"{default.get('KEY_PREFIX', '')}-test{os.getpid()}"
        setting_changed.send(sender=None, setting="CACHES", value=settings.CACHES, enter=True)


_own_cache_prefix()


def _empty_cache() -> None:
    """What cache.clear() did, limited to this process's keys: Redis's clear() empties the
    whole database, other test processes' pages included. Fails soft like the site's cache."""
    backend = caches["default"]
    if not isinstance(backend, RedisCache):
        backend.clear()
        return
    try:
        client = backend._cache.get_client(None, write=True)
        keys = list(client.scan_iter(match=f"{backend.key_prefix}:*", count=1000))
        for start in range(0, len(keys), 1000):
            client.delete(*keys[start : start + 1000])
    except (RedisError, OSError):
        pass


def pytest_configure(config: pytest.Config) -> None:
    """Each run collects the static files into a folder of its own, once, before any test (and
    before pytest-xdist starts its workers, which inherit STATIC_ROOT, as do the site processes
    some tests start). Pages are rendered with the production static storage, which needs an
    up-to-date collectstatic; a shared STATIC_ROOT would be rewritten under a page being served
    whenever another run (or another worker) collects: its JavaScript and CSS files are deleted
    and saved again each time."""
    if hasattr(config, "workerinput"):
        return  # an xdist worker: the controller has collected (see above)
    static_root = tempfile.mkdtemp(prefix="alwaght-test-static-")
    config.stash[_static_root] = static_root
    os.environ["STATIC_ROOT"] = static_root
    settings.STATIC_ROOT = static_root
    setting_changed.send(sender=None, setting="STATIC_ROOT", value=static_root, enter=True)


@pytest.hookimpl(tryfirst=True)  # before pytest-xdist starts its workers
def pytest_sessionstart(session: pytest.Session) -> None:
    if _static_root in session.config.stash:
        call_command("collectstatic", interactive=False, verbosity=0)


def pytest_unconfigure(config: pytest.Config) -> None:
    if _static_root in config.stash:
        shutil.rmtree(config.stash[_static_root], ignore_errors=True)


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
    _empty_cache()
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
