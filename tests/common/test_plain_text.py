"""Control characters: one definition of what text people type may hold."""

from __future__ import annotations

import pytest

from common.plain_text import clean_line, clean_lines, xml_safe

# Every control character XML 1.0 refuses, the C1 controls and DEL, and two noncharacters.
UNWANTED = [
    chr(code) for code in [*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20), 0x7F, *range(0x80, 0xA0)]
]
UNWANTED += ["\ufffe", "\uffff"]


@pytest.mark.parametrize("character", UNWANTED)
def test_a_line_keeps_no_control_character(character: str) -> None:
    cleaned = clean_line(f"Cease{character}fire")
    assert cleaned in {"Ceasefire", "Cease fire"}


def test_line_breaks_and_tabs_in_a_line_become_spaces() -> None:
    # Word writes U+000B for a line break inside a paragraph: pasted into a title, it is a space.
    assert clean_line("Breaking\vnews\tfrom\r\nDaraa\u2028today") == "Breaking news from Daraa today"


def test_lines_keep_new_lines_and_tabs_and_nothing_else() -> None:
    assert clean_lines("One\r\nTwo\rThree\vFour\tcolumn\x00\x1b[31m\u0085Five") == (
        "One\nTwo\nThree\nFour\tcolumn[31m\nFive"
    )


def test_letters_of_every_script_and_joiners_are_kept() -> None:
    text = "آتش‌بس در درعا — «تهران» 😀 \u200f"
    assert clean_line(text) == text and clean_lines(text) == text


def test_xml_safe_removes_only_what_xml_cannot_hold() -> None:
    assert xml_safe("a\x0bb\x00c\td\ne\rf\ufffe") == "abc\td\ne\rf"
    assert xml_safe("") == ""
