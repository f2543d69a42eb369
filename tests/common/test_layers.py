"""The layers of the project, read from the source: who may import whom.

common (the base) imports no app of the project; content apps import the base and
the apps below them; alwaght (the top) may import everything. No module imports a
project app from inside a function to dodge a cycle (AppConfig.ready excepted).
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PROJECT_APPS = {"common", "alwaght", "articles", "focus", "comments", "gallery", "maps"}
# What each app may import from the project, besides itself.
MAY_IMPORT: dict[str, set[str]] = {
    "common": set(),
    "focus": {"common"},
    "comments": {"common"},
    "articles": {"common", "focus"},
    "gallery": {"common", "focus"},
    "maps": {"common", "focus", "articles"},
    "alwaght": PROJECT_APPS,
}


def modules(app: str) -> Iterator[Path]:
    for path in sorted((ROOT / app).rglob("*.py")):
        if "migrations" not in path.parts:
            yield path


def project_imports(tree: ast.AST) -> Iterator[tuple[ast.AST, str]]:
    """(node, first package name) of every import of a project app in the tree."""
    for node in ast.walk(tree):
        names: list[str] = []
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names = [node.module]
        for name in names:
            package = name.split(".")[0]
            if package in PROJECT_APPS:
                yield node, package


def imports_inside_functions(tree: ast.AST) -> Iterator[tuple[str, int, str]]:
    """(function name, line, package) of project imports made inside a function."""
    for function in ast.walk(tree):
        if isinstance(function, ast.FunctionDef | ast.AsyncFunctionDef):
            for statement in function.body:
                for node, package in project_imports(statement):
                    yield function.name, node.lineno, package


@pytest.mark.parametrize("app", sorted(MAY_IMPORT))
def test_each_app_imports_only_the_layers_below_it(app: str) -> None:
    allowed = MAY_IMPORT[app] | {app}
    found = [
        f"{path.relative_to(ROOT)}:{node.lineno} imports {package}"
        for path in modules(app)
        for node, package in project_imports(ast.parse(path.read_text(), filename=str(path)))
        if package not in allowed
    ]
    assert found == []


def test_the_base_app_imports_no_other_app_of_the_project() -> None:
    checked = list(modules("common"))
    assert len(checked) > 10  # the walk really reads the base app's modules
    for path in checked:
        packages = {package for _, package in project_imports(ast.parse(path.read_text()))}
        assert packages <= {"common"}, f"{path.relative_to(ROOT)} imports {sorted(packages - {'common'})}"


@pytest.mark.parametrize("app", sorted(MAY_IMPORT))
def test_no_project_import_hides_inside_a_function(app: str) -> None:
    found = [
        f"{path.relative_to(ROOT)}:{line} in {function}() imports {package}"
        for path in modules(app)
        for function, line, package in imports_inside_functions(ast.parse(path.read_text()))
        if not (path.name == "apps.py" and function == "ready")
    ]
    assert found == []


def test_the_walk_would_notice_a_forbidden_import() -> None:
    source = "import os\n\ndef helper():\n    from articles.models import Article\n    return Article\n"
    tree = ast.parse(source)
    assert [package for _, package in project_imports(tree)] == ["articles"]
    assert list(imports_inside_functions(tree)) == [("helper", 4, "articles")]
