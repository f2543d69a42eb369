"""Demo sections, authors and articles for `manage.py seed_demo`, starting from the seed page."""

from __future__ import annotations

import random
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

from django.conf import settings
from django.utils import timezone

from articles.models import (
    Article,
    Author,
    Correction,
    DailyViews,
    EditorsPick,
    HourlyViews,
    RelatedArticle,
    Section,
)
from common.demo_images import demo_image, demo_portrait
from common.models import Image
from focus.models import Topic

DEMO_DATA = Path(__file__).resolve().parent / "demo_data"

SEED_ARTICLE = {
    "title": "Will Idlib Push Shatter Fledgling Russian-Turkish Alliance?",
    "section": "analysis",
    "lead": (
        "The Syrian army's push to retake Idlib has set Moscow and Ankara, partners since the Sochi "
        "deal, on a collision course. Can their fledgling alliance survive it?"
    ),
    "tags": ["Russia", "Turkey", "Idlib Operation", "War", "Syria", "Terrorists"],
    "published_at": datetime(2020, 2, 19, 9, 30, tzinfo=UTC),
}
SEED_TOPICS = ["al-nusra-front", "nato", "resistance"]
SEED_RELATED = [
    "Syria Shelled Turkish Convoy in Idlib Because Ankara Failed to Inform Its Movement: Russia",
    "Turkey Threatens to Use Military Force If Syrian Army Continues Operations in Idlib",
    "Syrian Army Advances towards Terrorist-Held City in Idlib Province",
]

AUTHORS = [
    ("Hamid Rezaei", "Covers Syria, Iraq and the Levant from Beirut."),
    ("Leila Karimi", "Diplomatic correspondent: Iran, the Persian Gulf and nuclear talks."),
    ("Omar Haddad", "Reports on Yemen and the Red Sea."),
    ("Sara Mousavi", "Analyst of Turkish and Russian foreign policy."),
    ("Daniel Brooks", "Writes on US policy in West Asia."),
]

# In Focus topics that articles about each country are filed under.
TOPICS_BY_COUNTRY = {
    "Syria": ["resistance", "kurds", "al-nusra-front"],
    "Iraq": ["popular-mobilization-units", "kurds"],
    "Yemen": ["ansarullah", "persian-gulf-cooperation-council"],
    "Lebanon": ["hezbollah"],
    "Palestine": ["hamas"],
    "Afghanistan": ["taliban", "al-qaeda"],
    "Iran": ["shiite", "islamic-awakening"],
    "Turkey": ["nato", "kurds"],
}
PLACES = {
    "Syria": ["Idlib", "Aleppo", "Deir ez-Zor", "Damascus", "Daraa"],
    "Iraq": ["Baghdad", "Mosul", "Basra", "Erbil", "Kirkuk"],
    "Yemen": ["Sana'a", "Hudaydah", "Marib", "Aden", "Taiz"],
    "Lebanon": ["Beirut", "Tyre", "Sidon", "the Bekaa Valley"],
    "Palestine": ["Gaza", "the West Bank", "Jenin", "al-Quds"],
    "Afghanistan": ["Kabul", "Kandahar", "Herat", "Mazar-i-Sharif"],
    "Iran": ["Tehran", "Isfahan", "Mashhad", "Bandar Abbas"],
    "Turkey": ["Ankara", "Istanbul", "Gaziantep"],
}
ISSUES = ["the ceasefire", "prisoner exchanges", "reconstruction", "border security", "oil exports",
          "the refugee return", "sanctions", "water rights", "the electricity crisis",
          "elections"]  # fmt: skip
ACTORS = ["the UN envoy", "the Arab League", "Moscow", "Washington", "Ankara", "Tehran", "Riyadh",
          "the European Union", "Beijing", "Doha"]  # fmt: skip

NEWS_HEADLINES = [
    "Ceasefire Holds in {place} as Aid Convoys Enter",
    "{country_title} Says Talks on {issue_title} Made Progress",
    "Protests in {place} Enter Third Day Over {issue_title}",
    "{actor_title} Calls for Restraint After Clashes Near {place}",
    "Drone Strike Reported Near {place}, Casualties Unclear",
    "{country_title}'s Parliament Debates New Law on {issue_title}",
    "Humanitarian Agencies Warn of Shortages in {place}",
    "Delegation From {actor_title} Arrives in {capital} for Talks",
    "Army Reopens Highway Linking {place} to {other_place}",
    "Officials in {capital} Deny Reports of Secret Meeting With {actor_title}",
]
ANALYSIS_HEADLINES = [
    "What Is Behind {actor_title}'s New Push on {issue_title}?",
    "Why {place} Matters More Than Ever to {country_title}'s Neighbours",
    "Can {actor_title} Broker a Lasting Deal on {issue_title}?",
    "{country_title} Between Pressure and Opportunity: Reading the Latest Moves",
    "The Quiet Race for Influence in {place}",
    "How {issue_title} Is Reshaping Politics in {capital}",
]
OTHER_HEADLINES = {
    "interviews": [
        "“{issue_sentence} Is the Test of This Year”: an Interview With a Former Envoy to {capital}",
        "A Doctor in {place} on Working Through the Crisis",
    ],
    "opinion": [
        "{actor_title} Must Stop Treating {country_title} as a Bargaining Chip",
        "The World Has Forgotten {place}. It Should Not.",
    ],
    "reports": [
        "Inside {place}: Life After the Siege",
        "Report: Families in {place} Count the Cost of {issue_title}",
    ],
}
HEADLINES = {"news": NEWS_HEADLINES, "analysis": ANALYSIS_HEADLINES, **OTHER_HEADLINES}
PARAGRAPHS = [
    "Officials in {capital} said on {weekday} that {issue} would top the agenda of the coming week, "
    "as pressure grows from neighbouring states and international organisations.",
    "Residents of {place} described a tense but calm night. “We have learned to live with uncertainty,” "
    "one shopkeeper said, asking that his name not be published.",
    "{actor_title} has repeatedly said it favours a negotiated solution, but its critics point to the "
    "gap between its statements and its actions on the ground.",
    "Analysts say the coming weeks will show whether the current calm is a pause or the beginning of "
    "a lasting change in the balance of power around {place}.",
    "According to figures published by aid agencies, tens of thousands of people in and around {place} "
    "still depend on food deliveries, and the winter is expected to make their situation harder.",
    "Diplomats familiar with the talks said that the question of {issue} remained the main obstacle, "
    "with each side waiting for the other to make the first move.",
    "The developments come after months of stalemate, during which {country} saw its economy shrink "
    "and its currency lose much of its value.",
    "Speaking to reporters, a spokesman said the government “will not accept any arrangement imposed "
    "from outside” and that the door to dialogue remained open.",
]
# (description, caption) of the demo's hero pictures, in turn.
HERO_PICTURES = [
    ("A city skyline at dusk under a low sun.", "A view over the city at dusk."),
    ("Rooftops of an old town with the sun above the horizon.", "The skyline seen from the old town."),
    ("Low buildings on a plain at sunset.", "Evening falls on the capital."),
]
SUBHEADINGS = ["Background", "Regional reactions", "What comes next", "On the ground"]
TAG_POOL = ["Syria", "Iraq", "Yemen", "Lebanon", "Palestine", "Afghanistan", "Iran", "Turkey", "Russia",
            "United States", "Saudi Arabia", "Diplomacy", "Sanctions", "Humanitarian Crisis", "Elections",
            "Resistance", "Terrorists", "Economy", "Refugees", "Ceasefire"]  # fmt: skip


def _fill(template: str, rng: random.Random) -> tuple[str, str]:
    country = rng.choice(sorted(PLACES))
    places = PLACES[country]
    place, other_place = rng.sample(places, 2) if len(places) > 1 else (places[0], places[0])
    issue = rng.choice(ISSUES)
    actor = rng.choice(ACTORS)
    values = {
        "country": country,
        "country_title": country,
        "place": place,
        "other_place": other_place,
        "capital": places[0] if country != "Palestine" else "al-Quds",
        "issue": issue,
        "issue_title": issue.removeprefix("the ").title(),
        "issue_sentence": issue.removeprefix("the ").capitalize(),
        "actor_title": actor[0].upper() + actor[1:],
        "weekday": rng.choice(["Monday", "Tuesday", "Wednesday", "Thursday", "Saturday", "Sunday"]),
    }
    return template.format(**values), country


def _body(rng: random.Random, headline_country: str) -> str:
    places = PLACES[headline_country]
    values = {
        "capital": places[0],
        "place": rng.choice(places),
        "issue": rng.choice(ISSUES),
        "actor_title": rng.choice(ACTORS).capitalize(),
        "country": headline_country,
        "weekday": rng.choice(["Monday", "Tuesday", "Sunday"]),
    }
    paragraphs = rng.sample(PARAGRAPHS, 5)
    parts = [f"<p>{paragraph.format(**values)}</p>" for paragraph in paragraphs[:3]]
    parts.append(f"<h2>{rng.choice(SUBHEADINGS)}</h2>")
    parts += [f"<p>{paragraph.format(**values)}</p>" for paragraph in paragraphs[3:]]
    return "\n".join(parts)


def demo_authors() -> list[Author]:
    """The English edition's demo writers, made once."""
    authors = []
    for name, bio in AUTHORS:
        author, _ = Author.objects.get_or_create(
            slug=name.lower().replace(" ", "-"), defaults={"name": name, "bio": bio}
        )
        authors.append(with_portrait(author))
    return authors


def with_portrait(author: Author) -> Author:
    """The writer with a drawn portrait (author pages show it), given once."""
    if author.photo_id is None:
        drawing = random.Random(author.slug)  # noqa: S311 (a drawing, not a secret)
        author.photo = demo_portrait(f"author-{author.pk}", drawing, author.name)
        author.save(update_fields=["photo"])
    return author


def hero_pictures(stream: Callable[[str], random.Random]) -> list[Image]:
    """The English edition's demo hero pictures, made once."""
    return [
        demo_image(
            f"hero-{number:02d}",
            stream(f"image-{number}"),
            description=HERO_PICTURES[number % len(HERO_PICTURES)][0],
            caption=HERO_PICTURES[number % len(HERO_PICTURES)][1],
            credit="Alwaght",
        )
        for number in range(1, 13)
    ]


def seed(
    stream: Callable[[str], random.Random], topics: dict[str, Topic], now: datetime | None = None
) -> None:
    """Sections, authors and 70 articles over the last 60 days, plus the seed's Idlib analysis.

    Every item draws from its own random stream, so a second run meets exactly the
    same titles and adds nothing.
    """
    now = now or timezone.now()
    sections = {section.slug: section for section in Section.objects.all()}
    authors = demo_authors()
    images = hero_pictures(stream)

    def create(title: str, section: str, published_at: datetime | None, **fields) -> Article:
        tags = fields.pop("tags", [])
        topic_slugs = fields.pop("topics", [])
        article, created = Article.objects.get_or_create(
            title=title,
            defaults={
                "section": sections[section],
                "status": fields.pop("status", Article.Status.PUBLISHED),
                "published_at": published_at,
                **fields,
            },
        )
        if created:
            item_rng = stream(f"extras-{title}")
            article.hero_image = item_rng.choice(images)
            article.save()
            article.authors.set(item_rng.sample(authors, item_rng.choice([1, 1, 2])))
            article.tags.set(tags)
            article.topics.set([topics[slug] for slug in topic_slugs])
        return article

    idlib = create(
        SEED_ARTICLE["title"],
        SEED_ARTICLE["section"],
        SEED_ARTICLE["published_at"],
        lead=SEED_ARTICLE["lead"],
        body=(DEMO_DATA / "idlib-analysis.html").read_text(),
        tags=SEED_ARTICLE["tags"],
        topics=SEED_TOPICS,
    )
    for offset, title in enumerate(SEED_RELATED):
        related = create(
            title,
            "news",
            SEED_ARTICLE["published_at"] - timedelta(days=offset + 1, hours=3),
            lead=f"{title}. Our correspondents report on the latest developments in Idlib province.",
            body=_body(stream(f"related-{offset}"), "Syria"),
            tags=["Syria", "Idlib Operation", "Turkey" if offset < 2 else "Terrorists"],
            topics=["al-nusra-front"],
        )
        RelatedArticle.objects.get_or_create(article=idlib, related=related, defaults={"position": offset})

    plan = ["news"] * 36 + ["analysis"] * 18 + ["interviews"] * 4 + ["opinion"] * 6 + ["reports"] * 6
    created_articles = []
    for index, section in enumerate(plan):
        item_rng = stream(f"article-{index}")
        templates = HEADLINES[section]
        title, country = _fill(templates[index % len(templates)], item_rng)
        age = timedelta(
            days=index * 60 / len(plan), hours=item_rng.randint(0, 5), minutes=item_rng.randint(0, 59)
        )
        tags = sorted({country, *item_rng.sample(TAG_POOL, 2)})
        lead_place = item_rng.choice(PLACES[country])
        lead = f"The latest on {country}: what happened in {lead_place}, and why it matters for the region."
        body = _body(item_rng, country)
        filed_under = item_rng.sample(TOPICS_BY_COUNTRY[country], 1)
        created_articles.append(
            create(title, section, now - age, lead=lead, body=body, tags=tags, topics=filed_under)
        )

    create(
        "Draft: Regional Foreign Ministers to Meet in Baghdad",
        "news",
        None,
        status=Article.Status.DRAFT,
        lead="A draft the desk is still working on: readers do not see it.",
        body=_body(stream("draft"), "Iraq"),
        tags=["Iraq", "Diplomacy"],
    )
    create(
        "Scheduled: What the New Year Holds for Yemen's Peace Talks",
        "analysis",
        now + timedelta(days=2),
        lead="Scheduled to appear by itself in two days.",
        body=_body(stream("scheduled"), "Yemen"),
        tags=["Yemen", "Diplomacy"],
    )

    create(
        "In Review: Water Talks Between Iraq and Turkey Stall",
        "news",
        None,
        status=Article.Status.REVIEW,
        lead="A writer's draft awaiting an editor's review: readers do not see it.",
        body=_body(stream("review"), "Iraq"),
        tags=["Iraq", "Turkey"],
    )
    # The corrections page and an article's note have something to show.
    corrected = created_articles[2]
    if not corrected.corrections.exists():
        Correction.objects.create(
            article=corrected,
            kind=Correction.Kind.CORRECTION,
            published_at=max(corrected.published_at, now - timedelta(days=1)),
            text="An earlier version of this article gave the wrong date for the meeting. It was on Tuesday.",
        )

    picks = [created_articles[1], created_articles[37], created_articles[4], created_articles[40], idlib]
    for position, article in enumerate(picks, start=1):
        EditorsPick.objects.get_or_create(article=article, defaults={"position": position})


def seed_views(stream: Callable[[str], random.Random], now: datetime | None = None) -> int:
    """Believable readership over the last 30 days, once: hourly buckets for recent days,
    daily ones before, each article's interest fading after publication. Returns buckets made."""
    if HourlyViews.objects.exists() or DailyViews.objects.exists():
        return 0
    now = now or timezone.now()
    today = now.astimezone(UTC).date()
    hourly_from = today - timedelta(days=settings.VIEWS_HOURLY_DAYS)
    hourly, daily = [], []
    for article in Article.objects.published().filter(published_at__gte=now - timedelta(days=31)):
        rng = stream(f"views-{article.pk}")
        appeal = rng.lognormvariate(3.5, 0.9)  # a few stories are read far more than the rest
        published = article.published_at.astimezone(UTC)
        hour = published.replace(minute=0, second=0, microsecond=0)
        while hour <= now:
            age_hours = (hour - published).total_seconds() / 3600
            expected = appeal * 0.92 ** (age_hours / 6) * rng.uniform(0.5, 1.5)
            views = int(expected)
            if views:
                if hour.date() >= hourly_from:
                    hourly.append(HourlyViews(article=article, hour=hour, views=views))
                elif daily and daily[-1].article_id == article.pk and daily[-1].day == hour.date():
                    daily[-1].views += views
                else:
                    daily.append(DailyViews(article=article, day=hour.date(), views=views))
            hour += timedelta(hours=1)
    HourlyViews.objects.bulk_create(hourly, batch_size=2000)
    DailyViews.objects.bulk_create(daily, batch_size=2000)
    return len(hourly) + len(daily)
