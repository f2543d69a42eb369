"""Demo content of the Arabic and Persian editions for `manage.py seed_demo`: the sections' and
topics' names in both languages, each edition's writers and articles, Editor's Choice, and eight
English stories with their translations (the data in demo_data/editions/, described by its
README)."""

from __future__ import annotations

import json
import random
from collections.abc import Callable
from datetime import datetime, timedelta
from functools import cache
from typing import Any

from django.utils import timezone

from articles.demo import DEMO_DATA, demo_authors, hero_pictures, with_portrait
from articles.models import Article, Author, EditorsPick, Section
from common.demo_images import demo_image
from common.models import Image
from focus.models import Topic

EDITIONS_DATA = DEMO_DATA / "editions"
EDITIONS = ("ar", "fa")
# The demo's hero pictures of each edition, described in its language (description, caption).
PICTURES = {
    "ar": [
        ("أفق مدينة عند الغسق تحت شمس منخفضة.", "منظر المدينة عند الغسق."),
        ("أسطح بلدة قديمة والشمس فوق الأفق.", "أفق المدينة من البلدة القديمة."),
        ("مبانٍ منخفضة في سهل عند الغروب.", "المساء يحلّ على العاصمة."),
        ("صف من المباني تحت سماء صافية.", "صباح هادئ في المدينة."),
    ],
    "fa": [
        ("افق شهر هنگام غروب زیر خورشیدی کم‌ارتفاع.", "نمایی از شهر هنگام غروب."),
        ("بام‌های شهری قدیمی و خورشید بالای افق.", "افق شهر از محله‌ی قدیمی."),
        ("ساختمان‌های کوتاه در دشتی هنگام غروب آفتاب.", "شب بر پایتخت فرود می‌آید."),
        ("ردیفی از ساختمان‌ها زیر آسمانی صاف.", "صبحی آرام در شهر."),
    ],
}
CREDIT = {"ar": "الوقت", "fa": "الوقت"}


@cache
def data(name: str) -> Any:
    """One file of demo_data/editions/, parsed."""
    return json.loads((EDITIONS_DATA / f"{name}.json").read_text(encoding="utf-8"))


def published_at(item: dict[str, Any], now: datetime) -> datetime:
    """``days_ago`` days before today at ``hour`` o'clock, local time; never in the future."""
    day = timezone.localtime(now) - timedelta(days=item["days_ago"])
    when = day.replace(hour=item.get("hour", 9), minute=0, second=0, microsecond=0)
    return min(when, now - timedelta(minutes=10))


def edition_pictures(stream: Callable[[str], random.Random], language: str) -> list[Image]:
    return [
        demo_image(
            f"hero-{language}-{number:02d}",
            stream(f"image-{language}-{number}"),
            description=description,
            caption=caption,
            credit=CREDIT[language],
        )
        for number, (description, caption) in enumerate(PICTURES[language], start=1)
    ]


def seed_names() -> None:
    """The sections' and topics' words in Arabic and Persian, where they have none yet."""
    for slug, words in data("sections").items():
        section = Section.objects.filter(slug=slug).first()
        if section is None:
            continue
        for language in EDITIONS:
            for field in ("name", "description"):
                if not getattr(section, f"{field}_{language}"):
                    setattr(section, f"{field}_{language}", words[language][field])
        section.save()
    for topic in Topic.objects.filter(slug__in=data("topics")):
        words = data("topics")[topic.slug]
        for language in EDITIONS:
            for field in ("name", "description"):
                if not getattr(topic, f"{field}_{language}"):
                    setattr(topic, f"{field}_{language}", words[language][field])
        topic.save()


def seed(
    stream: Callable[[str], random.Random], topics: dict[str, Topic], now: datetime | None = None
) -> int:
    """The English stories that are translated, then each edition's writers and articles, each
    translation linked to its original, and each edition's Editor's Choice. Returns articles made."""
    now = now or timezone.now()
    seed_names()
    sections = {section.slug: section for section in Section.objects.all()}
    english_authors = demo_authors()
    english_pictures = hero_pictures(stream)
    made = 0
    originals: dict[str, Article] = {}
    for item in data("translations")["articles"]:
        authors = [english_authors[item["author"]]]
        originals[item["key"]], created = _article(
            item, "en", sections, topics, authors, english_pictures, now
        )
        made += created

    for language in EDITIONS:
        pictures = edition_pictures(stream, language)
        authors = []
        for writer in data("authors")[language]:
            author, _created = Author.objects.get_or_create(
                slug=writer["slug"], defaults={"name": writer["name"], "bio": writer["bio"]}
            )
            authors.append(with_portrait(author))
        picks = []
        for item in data(language)["articles"]:
            article, created = _article(
                item,
                language,
                sections,
                topics,
                [authors[item["author"]]],
                pictures,
                now,
                translation_of=originals.get(item.get("translation_of", "")),
            )
            made += created
            if item.get("editors_choice"):
                picks.append(article)
        for position, article in enumerate(picks, start=1):
            EditorsPick.objects.get_or_create(article=article, defaults={"position": position})
    return made


def _article(
    item: dict[str, Any],
    language: str,
    sections: dict[str, Section],
    topics: dict[str, Topic],
    authors: list[Author],
    pictures: list[Image],
    now: datetime,
    translation_of: Article | None = None,
) -> tuple[Article, bool]:
    article, created = Article.objects.get_or_create(
        language=language,
        title=item["title"],
        defaults={
            "section": sections[item["section"]],
            "lead": item["lead"],
            "body": item["body"],
            "status": Article.Status.PUBLISHED,
            "published_at": published_at(item, now),
            "translation_of": translation_of,
            # Each edition's own pictures, described in its language (their alternative text).
            "hero_image": pictures[sum(map(ord, item["key"].split("-", 1)[1])) % len(pictures)],
        },
    )
    if created:
        article.authors.set(authors)
        article.tags.set(item["tags"])
        article.topics.set([topics[slug] for slug in item["topics"] if slug in topics])
    return article, created
