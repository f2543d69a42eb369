"""The Arabic and Persian catalogues: every string of the site translated, its placeholders kept,
and the committed .mo files compiled from the .po files as they are."""

from __future__ import annotations

import re

import pytest

from alwaght import catalogues

LANGUAGES = ["ar", "fa"]
PLACEHOLDER = re.compile(r"%\([a-z_]+\)[sd]|%[sd]")


@pytest.fixture(scope="module")
def project_strings() -> set[object]:
    return {(message.id, message.context) for message in catalogues.collect() if message.id}


def translations(message) -> list[str]:
    return list(message.string) if isinstance(message.string, tuple) else [message.string]


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_string_of_the_site_is_translated(language: str, project_strings: set[object]) -> None:
    catalog = catalogues.read(language)
    translated = {
        (message.id, message.context)
        for message in catalog
        if message.id and all(translations(message)) and not message.fuzzy
    }
    missing = project_strings - translated
    assert not missing, (
        f"untranslated in {language} (run `manage.py catalogues update`): {sorted(map(str, missing))[:10]}"
    )


@pytest.mark.parametrize("language", LANGUAGES)
def test_translations_keep_every_placeholder(language: str) -> None:
    for message in catalogues.read(language):
        if not message.id:
            continue
        originals = message.id if isinstance(message.id, tuple) else (message.id,)
        wanted = set(PLACEHOLDER.findall(originals[-1])) | set(PLACEHOLDER.findall(originals[0]))
        for text in translations(message):
            # A plural form may spell out "one" instead of its %(count)d; nothing else may go missing
            # or be added (a placeholder the code does not pass is a server error).
            found = set(PLACEHOLDER.findall(text))
            assert found <= wanted, (language, message.id, text)
            if not isinstance(message.id, tuple):
                assert found == wanted, (language, message.id, text)


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_committed_mo_files_are_the_po_files_compiled(language: str) -> None:
    committed = catalogues.po_path(language).with_suffix(".mo").read_bytes()
    assert committed == catalogues.compiled(language), "run `manage.py catalogues compile`"


def test_persian_is_written_with_persian_letters() -> None:
    # Persian keyboards give ی and ک; the Arabic ي and ك look alike but break search and sorting.
    for message in catalogues.read("fa"):
        for text in translations(message):
            assert not re.search("[يك]", text), (message.id, text)
