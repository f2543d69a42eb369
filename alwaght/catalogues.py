"""The Arabic and Persian catalogues (locale/<language>/LC_MESSAGES/django.po), kept with Babel.

Every user-facing string goes through Django's translation functions: in Python code, in the
reader pages' Jinja2 templates (``_()``, ``ngettext()``) and in the few Django templates of the
admin (``{% translate %}``). ``manage.py catalogues update`` collects them all into each
language's .po file (new strings empty, vanished ones dropped, translations kept);
``manage.py catalogues compile`` writes the .mo files Django reads. Both are pure Python
(Babel), so a fresh clone needs no system tool: the compiled catalogues are committed, and a
test checks they match the .po files.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir, extract_python
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po
from django.conf import settings
from django.utils.translation.template import templatize

# The translation functions of Django, as Babel's Python extractor should read them.
KEYWORDS = {
    "_": None,
    "gettext": None,
    "gettext_lazy": None,
    "ngettext": (1, 2),
    "ngettext_lazy": (1, 2),
    "pgettext": ((1, "c"), 2),
    "pgettext_lazy": ((1, "c"), 2),
    "npgettext": ((1, "c"), 2, 3),
    "npgettext_lazy": ((1, "c"), 2, 3),
}
PROJECT_APPS = ("common", "alwaght", "articles", "focus", "comments", "gallery", "maps")
DOMAIN = "django"


def locale_dir() -> Path:
    return Path(settings.LOCALE_PATHS[0])


def extract_django_template(fileobj: Any, keywords: Any, comment_tags: Any, options: Any) -> Iterator:
    """Babel extractor for Django templates: Django's own templatize() (what makemessages
    uses) turns the template into Python-like text, which Babel's Python extractor reads."""
    source = fileobj.read().decode("utf-8")
    # templatize() writes placeholders where the template has markup, indented as it comes:
    # the tokenizer needs every line to start at the margin (line numbers stay the same).
    code = "\n".join(line.lstrip() for line in templatize(source).splitlines())
    yield from extract_python(io.BytesIO(code.encode("utf-8")), keywords, comment_tags, options)


def collect() -> Catalog:
    """Every translatable string of the project, with where it appears."""
    root = Path(settings.BASE_DIR)
    catalog = Catalog(domain=DOMAIN, charset="utf-8")
    sources = [
        *((root / app, [("**.py", "python")], {}) for app in PROJECT_APPS),
        (root / "jinja2", [("**.html", "jinja2"), ("**.xml", "jinja2")], {"extensions": "jinja2.ext.i18n"}),
        (root / "templates", [("**.html", extract_django_template)], {}),
    ]
    for folder, method_map, options in sources:
        options_map = {pattern: options for pattern, _ in method_map}
        for filename, lineno, message, comments, context in extract_from_dir(
            folder, method_map, options_map, keywords=KEYWORDS, strip_comment_tags=True
        ):
            if "/migrations/" in str(filename) or str(filename).startswith("migrations/"):
                continue
            location = (str((folder / filename).relative_to(root)), lineno)
            catalog.add(message, locations=[location], auto_comments=comments, context=context)
    return catalog


def po_path(language: str) -> Path:
    return locale_dir() / language / "LC_MESSAGES" / f"{DOMAIN}.po"


def read(language: str) -> Catalog:
    with po_path(language).open("rb") as file:
        return read_po(file, locale=language, domain=DOMAIN)


def update(languages: list[str]) -> dict[str, int]:
    """Bring each language's .po file up to the project's strings; how many await translation."""
    template = collect()
    missing = {}
    for language in languages:
        path = po_path(language)
        if path.exists():
            catalog = read(language)
            catalog.update(template, no_fuzzy_matching=True)
        else:
            catalog = Catalog(locale=language, domain=DOMAIN, charset="utf-8")
            catalog.update(template, no_fuzzy_matching=True)
        catalog.obsolete.clear()
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("wb") as file:
            write_po(file, catalog, width=100, omit_header=False, sort_output=True)
        missing[language] = sum(1 for message in catalog if message.id and not message.string)
    return missing


def compiled(language: str) -> bytes:
    """The .mo file a language's .po file compiles to (fuzzy translations left out)."""
    output = io.BytesIO()
    write_mo(output, read(language), use_fuzzy=False)
    return output.getvalue()


def compile_all(languages: list[str]) -> None:
    for language in languages:
        po_path(language).with_suffix(".mo").write_bytes(compiled(language))
