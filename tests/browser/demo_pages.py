"""A small demo-like site with one page of every reader page type, for the page measures
(test_page_quality.py): pictures drawn like seed_demo's, a full front page, a readership for
Most Viewed, and the Arabic and Persian editions' front pages and articles."""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import timedelta

from django.utils import timezone

import articles.demo
from common.demo_images import demo_image
from gallery.models import Album, Film, Photo
from tests.factories import (
    ArticleFactory,
    AuthorFactory,
    CommentFactory,
    EditorsPickFactory,
    RelatedArticleFactory,
    SectionFactory,
    TopicFactory,
)

BODY = "".join(
    f"<p>{sentence}</p>"
    for sentence in (
        "Delegations from both sides met on Tuesday in the old town hall, a building that has "
        "changed hands three times since the war began, and talked for more than six hours.",
        "Aid agencies say the convoys that crossed the line last week reached fewer than half of "
        "the families registered in the eastern districts, where winter is already setting in.",
        "Local officials told Alwaght that the water station would run again within days if the "
        "spare parts held at the border are released, a promise residents have heard before.",
        "Analysts in the region expect the talks to resume after the holidays, with the question "
        "of the checkpoints still open and both sides under pressure from their allies.",
    )
)

HEADLINES = [
    ("news", "Ceasefire holds in Idlib as aid convoys enter the city"),
    ("news", "Water returns to eastern Aleppo as the pumping station restarts"),
    ("news", "Protests in Basra enter a third day over power cuts"),
    ("news", "New cranes reach Hudaydah port, raising hopes for faster food imports"),
    ("news", "The UN envoy calls for restraint after clashes near Marib"),
    ("news", "Iran's parliament debates a new law on sanctions"),
    ("news", "Officials in Kabul deny reports of a secret meeting"),
    ("news", "Humanitarian agencies warn of shortages in Mosul"),
    ("analysis", "Will the Idlib push shatter a fledgling alliance?"),
    ("analysis", "What is behind Doha's new push on water rights"),
    ("analysis", "Why Beirut matters more than ever to its neighbours"),
    ("analysis", "The quiet race for influence in the Bekaa valley"),
]

EDITIONS = {
    "ar": [
        "المياه تعود إلى أحياء حلب الشرقية بعد إعادة تشغيل محطة الضخ",
        "البرلمان العراقي يناقش قانوناً جديداً للانتخابات",
        "وصول رافعات جديدة إلى ميناء الحديدة",
    ],
    "fa": [
        "آب پس از ماه‌ها به محله‌های شرقی حلب بازگشت",
        "مجلس عراق قانون تازه انتخابات را بررسی می‌کند",
        "جرثقیل‌های تازه به بندر الحدیده رسید",
    ],
}


@dataclass(frozen=True)
class PageType:
    name: str
    path: str
    status: int = 200


def demo_pictures(count: int, size: tuple[int, int] = (1600, 900)) -> list:
    """Drawn landscapes like seed_demo's, each with a caption and credit, prepared at once."""
    return [
        demo_image(
            f"quality-{size[0]}-{number}",
            random.Random(f"quality-{number}"),
            description=f"A skyline at dusk over the old town, picture {number}",
            caption=f"The old town at dusk, seen from the citadel ({number}).",
            credit="Alwaght",
            size=size,
        )
        for number in range(1, count + 1)
    ]


def build_site() -> list[PageType]:
    """Create the site and return one page of each type, English first."""
    now = timezone.now()
    pictures = demo_pictures(2)  # preparing a picture's renditions takes a second
    author = AuthorFactory(name="Hamid Rezaei", slug="hamid-rezaei", bio="Reports from Damascus.")
    topic = TopicFactory(
        name="Resistance",
        slug="resistance",
        image=pictures[1],
        featured=True,
        description="The movements that oppose the occupation across the region.",
    )
    stories = []
    for number, (section_slug, title) in enumerate(HEADLINES):
        article = ArticleFactory(
            title=title,
            section=SectionFactory(slug=section_slug, name=section_slug.title()),
            lead="Talks resumed after a week of clashes, and aid reached the eastern districts.",
            body=BODY,
            hero_image=pictures[number % len(pictures)],
            published_at=now - timedelta(hours=3 + number * 7),
            tags=["Syria", "Aid"],
            authors=[author],
        )
        article.topics.set([topic])
        stories.append(article)
    for position, article in enumerate(stories[:5]):
        EditorsPickFactory(article=article, position=position)
    article = stories[0]
    for position, related in enumerate(stories[8:11]):
        RelatedArticleFactory(article=article, related=related, position=position)
    CommentFactory(content_object=article, name="Reza", text="A clear report, thank you.")
    articles.demo.seed_views(lambda name: random.Random(name))

    album = Album.objects.create(
        title="Life returns to Aleppo's old city",
        description="Shops reopen in the covered market.",
        status=Album.Status.PUBLISHED,
        published_at=now - timedelta(hours=5),
    )
    Photo.objects.bulk_create(
        Photo(album=album, image=image, position=position) for position, image in enumerate(pictures * 3)
    )
    film = Film.objects.create(
        title="Inside the Marib front",
        description="A short film by our video desk.",
        embed_url="https://www.youtube.com/watch?v=AbCdEfGhIjK",
        poster=pictures[1],
        status=Film.Status.PUBLISHED,
        published_at=now - timedelta(hours=6),
    )

    pages = [
        PageType("home", "/"),
        PageType("article", article.get_absolute_url()),
        PageType("section", "/news/"),
        PageType("tag", "/tags/syria/"),
        PageType("topic", topic.get_absolute_url()),
        PageType("author", author.get_absolute_url()),
        PageType("focus", "/focus/"),
        PageType("most-viewed", "/most-viewed/"),
        PageType("gallery", "/gallery/"),
        PageType("album", album.get_absolute_url()),
        PageType("film", film.get_absolute_url()),
        PageType("search", "/search/?q=Aleppo"),
        PageType("not-found", "/no-such-page/", status=404),
    ]
    for language, titles in EDITIONS.items():
        edition_articles = [
            ArticleFactory(
                title=title,
                language=language,
                lead=title,
                body=f"<p>{title}.</p>" * 4,
                hero_image=pictures[number % len(pictures)],
                published_at=now - timedelta(hours=2 + number),
            )
            for number, title in enumerate(titles)
        ]
        EditorsPickFactory(article=edition_articles[0])
        pages += [
            PageType(f"{language}-home", f"/{language}/"),
            PageType(f"{language}-article", edition_articles[0].get_absolute_url()),
        ]
    return pages
