"""Latin phrases inside Arabic and Persian titles keep their signs on the right side."""

from __future__ import annotations

from markupsafe import Markup

from common.bidi import isolate_latin


def test_a_latin_phrase_in_persian_is_isolated_with_its_trailing_sign() -> None:
    assert isolate_latin("اوپک‌پلاس (OPEC+) امروز") == "اوپک‌پلاس (<bdi>OPEC+</bdi>) امروز"
    assert isolate_latin("نشست OPEC+ در وین") == "نشست <bdi>OPEC+</bdi> در وین"


def test_a_phrase_of_several_latin_words_stays_one_isolate() -> None:
    # Isolated word by word, the three words would be laid out right to left.
    assert (
        isolate_latin("سازمان World Health Organization گفت")
        == "سازمان <bdi>World Health Organization</bdi> گفت"
    )
    assert isolate_latin("سامانه S-400 و جنگنده F-35") == "سامانه <bdi>S-400</bdi> و جنگنده <bdi>F-35</bdi>"


def test_spaces_and_punctuation_around_a_phrase_stay_outside_it() -> None:
    assert isolate_latin("گزارش WFP، دیروز") == "گزارش <bdi>WFP</bdi>، دیروز"
    assert isolate_latin("قال ممثل UN: لا") == "قال ممثل <bdi>UN</bdi>: لا"


def test_text_without_arabic_script_is_only_escaped() -> None:
    assert isolate_latin("OPEC+ meets <today>") == "OPEC+ meets &lt;today&gt;"
    assert isolate_latin("۱۴۰۳") == "۱۴۰۳"


def test_persian_text_is_escaped_and_html_is_left_alone() -> None:
    assert isolate_latin("«حلب» <3 & B&Q") == "«حلب» &lt;3 &amp; <bdi>B&amp;Q</bdi>"
    assert isolate_latin("حلب <script>") == "حلب &lt;<bdi>script</bdi>&gt;"
    already = Markup("<mark>حلب</mark> OPEC+")
    assert isolate_latin(already) is already
