"""The page measures' tools (page_checks.py): without them the measures are skipped with a note
on a newcomer's machine, and fail in CI, where REQUIRE_BROWSER_TESTS=1 says they must run."""

from __future__ import annotations

import re

import pytest

from tests.browser import page_checks


@pytest.fixture
def no_node_modules(monkeypatch, tmp_path) -> None:
    monkeypatch.setattr(page_checks, "VNU_JAR", tmp_path / "vnu.jar")
    monkeypatch.setattr(page_checks, "LIGHTHOUSE_PACKAGE", tmp_path / "package.json")


@pytest.mark.parametrize("tool", [page_checks.html_checker_command, page_checks.lighthouse_command])
def test_missing_tools_skip_with_the_command_that_installs_them(no_node_modules, monkeypatch, tool) -> None:
    monkeypatch.delenv("REQUIRE_BROWSER_TESTS", raising=False)
    with pytest.raises(pytest.skip.Exception, match="make node-tools"):
        tool()


@pytest.mark.parametrize("tool", [page_checks.html_checker_command, page_checks.lighthouse_command])
def test_missing_tools_fail_where_the_browser_tests_are_required(no_node_modules, monkeypatch, tool) -> None:
    monkeypatch.setenv("REQUIRE_BROWSER_TESTS", "1")
    with pytest.raises(pytest.fail.Exception, match="make node-tools"):
        tool()


def test_another_lighthouse_version_than_the_pinned_one_is_refused(monkeypatch, tmp_path) -> None:
    package = tmp_path / "package.json"
    package.write_text('{"name": "lighthouse", "version": "12.8.0"}')
    monkeypatch.setattr(page_checks, "LIGHTHOUSE_PACKAGE", package)
    monkeypatch.setenv("REQUIRE_BROWSER_TESTS", "1")
    with pytest.raises(
        pytest.fail.Exception, match=re.escape("12.8.0 is installed where package-lock.json pins 12.2.3")
    ):
        page_checks.lighthouse_command()


def test_the_installed_tools_are_the_pinned_ones() -> None:
    """What `make node-tools` installed from package-lock.json is what the measures run."""
    assert page_checks.lighthouse_command()[1].endswith("lighthouse_pages.mjs")
    assert page_checks.html_checker_command()[1:] == ["-jar", str(page_checks.VNU_JAR)]
