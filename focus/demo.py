"""The seed page's In Focus topics, with a few subtopics, for `manage.py seed_demo`."""

from __future__ import annotations

import random
from collections.abc import Callable

from common.demo_images import demo_image
from focus.models import Topic

# (name, slug, description) in the seed page's order; all featured on the home page.
SEED_TOPICS = [
    ("Ansarullah", "ansarullah",
     "A Zaidi Shiite movement operating in Yemen. It seeks to establish a democratic government in Yemen."),
    ("Shiite", "shiite",
     "Represents the second largest denomination of Islam. Shiites believe Ali (peace be upon him) to be the "
     "prophet's successor in the Caliphate."),
    ("Resistance", "resistance",
     "Axis of Resistance refers to countries and movements with common political goal, i.e., resisting against "
     "Zionist regime, America and other western powers. Iran, Syria, Hezbollah in Lebanon, and Hamas in "
     "Palestine are considered as the Axis of Resistance."),
    ("Persian Gulf Cooperation Council", "persian-gulf-cooperation-council",
     "A regional political union consisting of Arab states of the Persian Gulf, except for Iraq."),
    ("Taliban", "taliban",
     "Taliban is a Sunni fundamentalist movement in Afghanistan. It was founded by Mohammed Omar in 1994."),
    ("Wahhabism & Extremism", "wahhabism-extremism",
     "Wahhabism is an extremist pseudo-Sunni movement, which labels non-Wahhabi Muslims as apostates thus "
     "paving the way for their bloodshed."),
    ("Kurds", "kurds",
     "Kurds are an ethnic group in the Middle East, mostly inhabiting a region, which spans adjacent parts of "
     "Iran, Iraq, Syria, and Turkey. They are an Iranian people and speak the Kurdish languages, which form a "
     "subgroup of the Northwestern Iranian branch of Iranian languages."),
    ("NATO", "nato",
     "The North Atlantic Treaty Organization is an intergovernmental military alliance based on the North "
     "Atlantic Treaty which was signed on 4 April 1949."),
    ("Islamic Awakening", "islamic-awakening",
     "Refers to a revival of the Islam throughout the world, that began in 1979 by Iranian Revolution that "
     "established an Islamic republic."),
    ("Al-Qaeda", "al-qaeda",
     "A militant Sunni organization founded by Osama bin Laden at some point between 1988 and 1989."),
]  # fmt: skip
# (name, slug, parent slug, description)
SUBTOPICS = [
    ("Hezbollah", "hezbollah", "resistance", "A Lebanese political party and resistance movement founded in 1982."),
    ("Hamas", "hamas", "resistance", "A Palestinian resistance movement, in government in Gaza since 2007."),
    ("Popular Mobilization Units", "popular-mobilization-units", "resistance",
     "Iraqi volunteer forces formed in 2014 to fight Daesh, now part of Iraq's armed forces."),
    ("Syrian Democratic Forces", "syrian-democratic-forces", "kurds",
     "A Kurdish-led alliance of militias in north-eastern Syria."),
    ("Al-Nusra Front", "al-nusra-front", "al-qaeda",
     "Al-Qaeda's former Syrian branch, the dominant armed group in Idlib."),
]  # fmt: skip


def seed(stream: Callable[[str], random.Random]) -> dict[str, Topic]:
    """Create the topics that are missing; return every demo topic by slug."""
    topics: dict[str, Topic] = {}
    for name, slug, description in SEED_TOPICS:
        topics[slug] = _topic(stream, name, slug, description, parent=None)
    for name, slug, parent_slug, description in SUBTOPICS:
        topics[slug] = _topic(stream, name, slug, description, parent=topics[parent_slug])
    return topics


def _topic(
    stream: Callable[[str], random.Random],
    name: str,
    slug: str,
    description: str,
    parent: Topic | None,
) -> Topic:
    topic = Topic.objects.filter(slug=slug).first()
    if topic is not None:
        return topic
    image = demo_image(
        f"topic-{slug}",
        stream(f"topic-{slug}"),
        description=f"An illustration for the topic {name}: a skyline under the sun.",
        size=(800, 600),
    )
    topic = Topic(
        name=name,
        slug=slug,
        description=description,
        parent=parent,
        featured=parent is None,
        image=image,
        status=Topic.Status.PUBLISHED,
    )
    topic.save()
    return topic
