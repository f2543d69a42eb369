"""Check the Arabic and Persian editions' demo data: `python3 articles/demo_data/editions/check.py`.

Plain Python, no Django: loads every JSON file in this folder, checks its shape and the
script rules (Persian letters in Persian, Arabic letters in Arabic, ZWNJ), prints a summary
and exits with status 1 when something is wrong.
"""

from __future__ import annotations

import json
import re
import sys
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent

# Copied from focus/demo.py (SEED_TOPICS and SUBTOPICS): slug -> parent slug.
TOPICS = {
    "ansarullah": None,
    "shiite": None,
    "resistance": None,
    "persian-gulf-cooperation-council": None,
    "taliban": None,
    "wahhabism-extremism": None,
    "kurds": None,
    "nato": None,
    "islamic-awakening": None,
    "al-qaeda": None,
    "hezbollah": "resistance",
    "hamas": "resistance",
    "popular-mobilization-units": "resistance",
    "syrian-democratic-forces": "kurds",
    "al-nusra-front": "al-qaeda",
}
SECTIONS = ["news", "analysis", "interviews", "opinion", "reports"]
# Copied from gallery/demo.py (FILMS): the embed URLs a film may reuse.
FILM_URLS = {
    "https://www.youtube.com/watch?v=Sinwar1Rise",
    "https://youtu.be/MaribFront1",
    "https://vimeo.com/76979871",
    "https://www.aparat.com/v/teh42Sanc",
    "https://www.youtube.com/watch?v=NatoBlackSe",
}
EDITIONS = ["ar", "fa"]
MIN_ARTICLES = 32
ARTICLE_KEYS = {"key", "section", "title", "lead", "body", "tags", "topics", "days_ago", "hour", "author"}
OPTIONAL_KEYS = {"editors_choice", "translation_of"}
BODY_TAGS = {"p", "h2", "blockquote", "strong"}
LEAD_MAX = 300
WORDS = (200, 450)
PARAGRAPHS = (4, 7)

ZWNJ = "\u200c"
# Letters (and digits) that must not appear in the other language's text.
NOT_IN_FA = {"ي": "Arabic yeh", "ك": "Arabic kaf", "ى": "alef maksura", "_": "underscore"} | dict.fromkeys(
    "٠١٢٣٤٥٦٧٨٩", "Arabic-Indic digit"
)
NOT_IN_AR = {
    "ی": "Persian yeh",
    "ک": "keheh",
    "گ": "gaf",
    "چ": "che",
    "پ": "pe",
    "ژ": "zhe",
    ZWNJ: "ZWNJ",
} | dict.fromkeys("۰۱۲۳۴۵۶۷۸۹", "Persian digit")
LATIN_PUNCTUATION = {",": "،", ";": "؛", "?": "؟"}

errors: list[str] = []


def error(where: str, message: str) -> None:
    errors.append(f"{where}: {message}")


def load(name: str):
    try:
        return json.loads((HERE / name).read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        error(name, f"cannot load ({exc})")
        return None


def plain(html: str) -> str:
    return re.sub(r"<[^>]+>", " ", html)


def check_script(where: str, text: str, lang: str) -> None:
    """Letters of the right language, and Persian ZWNJ where it can be."""
    if lang not in EDITIONS:
        return
    forbidden = NOT_IN_FA if lang == "fa" else NOT_IN_AR
    for char, name in forbidden.items():
        if char in text:
            error(where, f"{name} {char!r} in {lang} text")
    prose = re.sub(r"https?://\S+", "", text)
    for latin, native in LATIN_PUNCTUATION.items():
        # A Latin comma between digits (1,000) is a number, not punctuation.
        if re.search(rf"(?<!\d){re.escape(latin)}|{re.escape(latin)}(?!\d)", prose):
            error(where, f"Latin {latin!r} where {native!r} is expected")
    if re.search(r"\s[،؛؟.:]", prose):
        error(where, "space before punctuation")
    if lang == "fa":
        if re.search(rf"{ZWNJ}(\s|$)|(^|\s){ZWNJ}|{ZWNJ}{ZWNJ}", text):
            error(where, "ZWNJ next to a space or doubled")
        if re.search(r"(^|\s)(ن?می|ها|های|هایی|ترین)(\s|$)", prose):
            error(where, "a prefix or suffix written as a separate word (ZWNJ missing)")


def check_article(where: str, article: dict, lang: str, authors: int | None, en_keys: set[str]) -> None:
    keys = set(article)
    if missing := ARTICLE_KEYS - keys - ({"author"} if authors is None else set()):
        error(where, f"missing {sorted(missing)}")
        return
    if extra := keys - ARTICLE_KEYS - OPTIONAL_KEYS:
        error(where, f"unknown keys {sorted(extra)}")
    if not re.fullmatch(rf"{lang}-[a-z0-9]+(-[a-z0-9]+)+", article["key"]):
        error(where, "key must be ASCII like '<lang>-country-subject'")
    if article["section"] not in SECTIONS:
        error(where, f"unknown section {article['section']!r}")
    for slug in article["topics"]:
        if slug not in TOPICS:
            error(where, f"unknown topic {slug!r}")
    if not 0 <= len(article["topics"]) <= 2:
        error(where, "0 to 2 topics")
    if not 3 <= len(article["tags"]) <= 5 or len(set(article["tags"])) != len(article["tags"]):
        error(where, "3 to 5 distinct tags")
    if not (isinstance(article["days_ago"], int) and 0 <= article["days_ago"] <= 40):
        error(where, "days_ago 0..40")
    if not (isinstance(article["hour"], int) and 0 <= article["hour"] <= 23):
        error(where, "hour 0..23")
    if authors is not None and not (isinstance(article["author"], int) and 0 <= article["author"] < authors):
        error(where, f"author must index the {authors} authors")
    if "editors_choice" in article and article["editors_choice"] is not True:
        error(where, "editors_choice is true or absent")
    if "translation_of" in article and article["translation_of"] not in en_keys:
        error(where, f"translation_of {article['translation_of']!r} is not an English story")
    if len(article["lead"]) > LEAD_MAX:
        error(where, f"lead longer than {LEAD_MAX} characters")
    body = article["body"]
    tags = re.findall(r"</?([a-z0-9]+)[^>]*>", body)
    if unknown := set(tags) - BODY_TAGS:
        error(where, f"body uses {sorted(unknown)}")
    if body.count("<h2>") > 1 or body.count("<blockquote>") > 1:
        error(where, "at most one <h2> and one <blockquote>")
    if article["section"] != "interviews" and "<strong>" in body:
        error(where, "<strong> is for the questions of interviews")
    outside_quotes = re.sub(r"<blockquote>.*?</blockquote>", "", body, flags=re.S)
    paragraphs = outside_quotes.count("<p>")
    if not PARAGRAPHS[0] <= paragraphs <= PARAGRAPHS[1]:
        error(where, f"{paragraphs} paragraphs, expected {PARAGRAPHS[0]}..{PARAGRAPHS[1]}")
    words = len(plain(body).split())
    if not WORDS[0] <= words <= WORDS[1]:
        error(where, f"{words} words, expected {WORDS[0]}..{WORDS[1]}")
    for field in ("title", "lead", "body"):
        check_script(f"{where} {field}", plain(article[field]), lang)
    for tag in article["tags"]:
        check_script(f"{where} tag", tag, lang)


def check_articles(name: str, lang: str, authors: int | None, en_keys: set[str]) -> list[dict]:
    data = load(name)
    if data is None:
        return []
    if data.get("language") != lang or not isinstance(data.get("articles"), list):
        error(name, f'expected {{"language": "{lang}", "articles": [...]}}')
        return []
    articles = data["articles"]
    for index, article in enumerate(articles):
        check_article(f"{name}[{index}] {article.get('key', '?')}", article, lang, authors, en_keys)
    for key, count in Counter(a.get("key") for a in articles).items():
        if count > 1:
            error(name, f"key {key!r} used {count} times")
    for title, count in Counter(a.get("title") for a in articles).items():
        if count > 1:
            error(name, f"title {title!r} used {count} times")
    return articles


def main() -> int:
    sections = load("sections.json") or {}
    if sorted(sections) != sorted(SECTIONS):
        error("sections.json", f"expected the slugs {SECTIONS}")
    topics = load("topics.json") or {}
    if set(topics) != set(TOPICS):
        error(
            "topics.json",
            f"missing {sorted(set(TOPICS) - set(topics))}, unknown {sorted(set(topics) - set(TOPICS))}",
        )
    for slug, topic in topics.items():
        if topic.get("parent") != TOPICS.get(slug):
            error("topics.json", f"{slug}: parent should be {TOPICS.get(slug)!r}")
    for name, table in (("sections.json", sections), ("topics.json", topics)):
        for slug, entry in table.items():
            for lang in EDITIONS:
                item = entry.get(lang) or {}
                if not item.get("name") or not item.get("description"):
                    error(name, f"{slug}: {lang} name and description required")
                for field in ("name", "description"):
                    check_script(f"{name} {slug} {lang} {field}", item.get(field, ""), lang)

    authors = load("authors.json") or {}
    for lang in EDITIONS:
        rows = authors.get(lang, [])
        if not 4 <= len(rows) <= 5:
            error("authors.json", f"{lang}: 4 to 5 authors")
        for row in rows:
            if (
                not re.fullmatch(r"[a-z]+(-[a-z]+)*", row.get("slug", ""))
                or not row.get("name")
                or not row.get("bio")
            ):
                error("authors.json", f"{lang}: every author needs an ASCII slug, a name and a bio")
            check_script(
                f"authors.json {lang} {row.get('slug')}", row.get("name", "") + " " + row.get("bio", ""), lang
            )

    english = check_articles("translations.json", "en", None, set())
    en_keys = {a["key"] for a in english if "key" in a}
    if len(english) != 8:
        error("translations.json", f"{len(english)} English stories, expected 8")
    for article in english:
        if "translation_of" in article:
            error("translations.json", f"{article['key']}: English stories are originals")

    editions = {}
    for lang in EDITIONS:
        articles = check_articles(f"{lang}.json", lang, len(authors.get(lang, [])), en_keys)
        editions[lang] = articles
        if len(articles) < MIN_ARTICLES:
            error(f"{lang}.json", f"{len(articles)} articles, at least {MIN_ARTICLES} expected")
        picks = sum(1 for a in articles if a.get("editors_choice"))
        if not 4 <= picks <= 5:
            error(f"{lang}.json", f"{picks} editor's choices, expected 4 or 5")
        if sum(1 for a in articles if a.get("days_ago", 99) <= 1) < 3:
            error(f"{lang}.json", "several articles should be from the last two days")
        translated = Counter(a["translation_of"] for a in articles if "translation_of" in a)
        for key, count in translated.items():
            if count > 1:
                error(f"{lang}.json", f"{key} translated {count} times")
        needed = len(en_keys) if lang == "ar" else 6
        if len(translated) < needed:
            error(f"{lang}.json", f"{len(translated)} translations, at least {needed} expected")
        english_by_key = {a["key"]: a for a in english}
        for article in articles:
            original = english_by_key.get(article.get("translation_of"))
            if original and article["section"] != original["section"]:
                error(f"{lang}.json", f"{article['key']}: section differs from {original['key']}")
            if original and sorted(article["topics"]) != sorted(original["topics"]):
                error(f"{lang}.json", f"{article['key']}: topics differ from {original['key']}")

    gallery = load("gallery.json") or {}
    for lang in EDITIONS:
        edition = gallery.get(lang, {})
        albums, films = edition.get("albums", []), edition.get("films", [])
        if len(albums) != 3 or len(films) != 2:
            error("gallery.json", f"{lang}: 3 albums and 2 films expected")
        for item in albums + films:
            where = f"gallery.json {lang} {item.get('key', '?')}"
            if not str(item.get("key", "")).startswith(f"{lang}-"):
                error(where, "key must start with the language")
            if item.get("topic") not in TOPICS:
                error(where, f"unknown topic {item.get('topic')!r}")
            if not item.get("title") or not item.get("description") or not item.get("tags"):
                error(where, "title, description and tags required")
            if not (isinstance(item.get("days_ago"), int) and 0 <= item["days_ago"] <= 40):
                error(where, "days_ago 0..40")
            for text in [item.get("title", ""), item.get("description", ""), *item.get("tags", [])]:
                check_script(where, text, lang)
        for album in albums:
            photos = album.get("photos", [])
            if not 3 <= len(photos) <= 5:
                error(f"gallery.json {lang} {album.get('key')}", "3 to 5 photos")
            for photo in photos:
                if not photo.get("caption") or not photo.get("alt"):
                    error(
                        f"gallery.json {lang} {album.get('key')}",
                        "every photo needs a caption and an alt text",
                    )
                check_script(
                    f"gallery.json {lang} {album.get('key')} photo",
                    photo.get("caption", "") + " " + photo.get("alt", ""),
                    lang,
                )
        for film in films:
            if film.get("embed_url") not in FILM_URLS:
                error(
                    f"gallery.json {lang} {film.get('key')}",
                    "embed_url must be one of gallery/demo.py's films",
                )

    print("Edition demo data")
    print(f"  English stories to translate: {len(english)}")
    for lang, articles in editions.items():
        by_section = Counter(a.get("section") for a in articles)
        translated = sorted(a["translation_of"] for a in articles if "translation_of" in a)
        tags = Counter(t for a in articles for t in a.get("tags", []))
        words = [len(plain(a.get("body", "")).split()) for a in articles]
        print(f"  {lang}: {len(articles)} articles ({', '.join(f'{s} {by_section[s]}' for s in SECTIONS)})")
        print(
            f"      translations: {len(translated)}; editor's choice: {sum(1 for a in articles if a.get('editors_choice'))}; "
            f"days_ago {min(a.get('days_ago', 0) for a in articles)}..{max(a.get('days_ago', 0) for a in articles)}; "
            f"words {min(words)}..{max(words)}"
        )
        print(
            f"      tags: {len(tags)} distinct, {sum(1 for c in tags.values() if c >= 3)} on three or more articles"
        )
        edition = gallery.get(lang, {})
        print(
            f"      gallery: {len(edition.get('albums', []))} albums, {len(edition.get('films', []))} films"
        )
    if errors:
        print(f"\n{len(errors)} problem(s):")
        for line in errors:
            print(f"  - {line}")
        return 1
    print("\nAll checks passed.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
