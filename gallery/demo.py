"""Demo photo albums and films for `manage.py seed_demo` (pictures made with Pillow, films as embeds)."""

from __future__ import annotations

import random
from collections.abc import Callable
from datetime import timedelta

from django.utils import timezone

from common.demo_images import demo_image
from focus.models import Topic
from gallery.models import Album, Film, Photo

ALBUMS = [
    (
        "Life Returns to Aleppo's Old City",
        "Shops reopen in the covered souk, a week in pictures.",
        ["Syria"],
        "resistance",
    ),
    ("Nowruz Celebrations Across Iran", "Families mark the Persian new year.", ["Iran"], "shiite"),
    ("Sana'a Under Siege", "Daily life in Yemen's capital.", ["Yemen", "Humanitarian Crisis"], "ansarullah"),
    ("Arbaeen Pilgrims on the Road to Karbala", "Millions walk from Najaf to Karbala.", ["Iraq"], "shiite"),
    ("Rebuilding South Lebanon", "Villages rebuild homes after the war.", ["Lebanon"], "hezbollah"),
    ("Gaza's Fishermen", "At sea within the limits of the blockade.", ["Palestine"], "hamas"),
]
FILMS = [
    (
        "Courageous Individuals like Sinwar are on the Rise",
        "https://www.youtube.com/watch?v=Sinwar1Rise",
        ["Palestine"],
        "hamas",
    ),
    ("Inside the Marib Front", "https://youtu.be/MaribFront1", ["Yemen"], "ansarullah"),
    ("The Kurdish Question, Explained", "https://vimeo.com/76979871", ["Syria", "Turkey"], "kurds"),
    (
        "Tehran After the Sanctions",
        "https://www.aparat.com/v/teh42Sanc",
        ["Iran", "Sanctions"],
        "islamic-awakening",
    ),
    (
        "What NATO Wants in the Black Sea",
        "https://www.youtube.com/watch?v=NatoBlackSe",
        ["Russia", "Turkey"],
        "nato",
    ),
]
# (description, caption) of the demo's gallery pictures, in turn.
PICTURES = [
    ("Market stalls under a pale morning sky.", "Morning in the market."),
    ("A street of low houses with the sun rising behind them.", "Children on their way to school."),
    ("Rooftops and a water tower against the sky.", "An old man reads the news."),
    ("Rooftops in the warm light of the evening sun.", "Evening light over the rooftops."),
    ("A busy street corner with a tea stall.", "A street vendor prepares tea."),
    ("A half-rebuilt wall in front of a row of buildings.", "Workers repair a wall."),
]


def seed(stream: Callable[[str], random.Random], topics: dict[str, Topic]) -> None:
    """Albums of six photos and films with posters; nothing twice."""
    now = timezone.now()
    pictures = [
        demo_image(
            f"gallery-{number:02d}",
            stream(f"gallery-image-{number}"),
            description=PICTURES[number % len(PICTURES)][0],
            caption=PICTURES[number % len(PICTURES)][1],
            credit="Alwaght",
            size=(1200, 800),
        )
        for number in range(1, 9)
    ]

    for index, (title, description, tags, topic_slug) in enumerate(ALBUMS):
        album, created = Album.objects.get_or_create(
            title=title,
            defaults={
                "description": description,
                "status": Album.Status.PUBLISHED,
                "published_at": now - timedelta(days=index * 4 + 1, hours=3),
            },
        )
        if not created:
            continue
        rng = stream(f"album-{index}")
        album.tags.set(tags)
        album.topics.set([topics[topic_slug]])
        chosen = rng.sample(pictures, 6)
        Photo.objects.bulk_create(
            Photo(album=album, image=image, position=position) for position, image in enumerate(chosen)
        )

    for index, (title, url, tags, topic_slug) in enumerate(FILMS):
        if Film.objects.filter(title=title).exists():
            continue
        film = Film(
            title=title,
            embed_url=url,
            description=f"{title}: a short film by our video desk.",
            status=Film.Status.PUBLISHED,
            published_at=now - timedelta(days=index * 5 + 2),
            poster=pictures[(index * 3) % len(pictures)],
        )
        film.save()
        film.tags.set(tags)
        film.topics.set([topics[topic_slug]])


def seed_edition(
    stream: Callable[[str], random.Random], topics: dict[str, Topic], language: str, content: dict
) -> None:
    """An edition's albums and films (``content`` as in articles/demo_data/editions/gallery.json):
    every photo a picture of its own, described in the edition's language; nothing twice."""
    now = timezone.now()
    for item in content["albums"]:
        album, created = Album.objects.get_or_create(
            language=language,
            title=item["title"],
            defaults={
                "description": item["description"],
                "status": Album.Status.PUBLISHED,
                "published_at": now - timedelta(days=item["days_ago"], hours=3),
            },
        )
        if not created:
            continue
        album.tags.set(item["tags"])
        album.topics.set([topics[item["topic"]]])
        Photo.objects.bulk_create(
            Photo(
                album=album,
                position=position,
                image=demo_image(
                    f"gallery-{item['key']}-{position}",
                    stream(f"gallery-{item['key']}-{position}"),
                    description=photo["alt"],
                    caption=photo["caption"],
                    credit="الوقت",
                    size=(1200, 800),
                ),
            )
            for position, photo in enumerate(item["photos"], start=1)
        )
    for index, item in enumerate(content["films"]):
        if Film.objects.filter(language=language, title=item["title"]).exists():
            continue
        film = Film(
            language=language,
            title=item["title"],
            embed_url=item["embed_url"],
            description=item["description"],
            status=Film.Status.PUBLISHED,
            published_at=now - timedelta(days=item["days_ago"], hours=index),
        )
        film.save()  # its poster drawn by the site, with the film's title as its description
        film.tags.set(item["tags"])
        film.topics.set([topics[item["topic"]]])
