"""Demo maps for `manage.py seed_demo`: daily editions for Syria and Iraq over recent weeks.

Areas of control are sketches, not survey data: a few hand-drawn outlines, and the
governments' areas made from the base map's countries minus everyone else's, with
shapely, as an editor would trace them from the previous edition.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta
from typing import Any

from django.utils import timezone
from shapely.geometry import mapping, shape
from shapely.ops import unary_union

from articles.models import Article
from focus.models import Topic
from maps import basemap, geometry, share_image
from maps.models import Area, Development, DevelopmentKind, Map, Party
from maps.projection import Bounds

# (name, label, colour, pattern): every colour stands out from the land (4.5:1 or more).
PARTIES = [
    ("Syrian Arab Army and allies", "SAA", "#b3261e", "solid"),
    ("Syrian Democratic Forces", "SDF", "#7a4b00", "dotted"),
    ("Turkish army and allied factions", "TUR", "#0b57a4", "hatched"),
    ("Tahrir al-Sham (al-Nusra Front)", "HTS", "#1b5e20", "cross-hatched"),
    ("Daesh", "ISIS", "#212121", "striped"),
    ("US-led coalition", "US", "#6b2fa3", "cross-hatched"),
    ("Iraqi government forces and PMU", "ISF", "#8e1b5c", "solid"),
    ("Kurdistan Region (Peshmerga)", "KRG", "#4e6b00", "hatched"),
]

# Hand-drawn outlines (longitude, latitude), roughly as the fronts stood.
OUTLINES = {
    "HTS": [(36.2, 35.6), (36.7, 35.45), (36.95, 35.75), (36.92, 36.22), (36.62, 36.3), (36.3, 36.2), (36.15, 35.92)],
    "TUR": [(36.62, 36.3), (36.65, 36.78), (37.3, 36.68), (38.0, 36.86), (38.05, 36.58), (37.5, 36.33), (36.92, 36.35)],
    "TUR-east": [(38.92, 36.7), (40.08, 36.87), (40.08, 36.56), (38.97, 36.46)],
    "SDF": [(38.05, 36.86), (38.92, 36.7), (38.97, 36.46), (40.08, 36.56), (40.08, 36.87), (41.2, 37.08),
            (42.35, 37.1), (42.2, 36.4), (41.3, 35.62), (40.42, 35.0), (40.05, 35.12), (39.3, 35.8),
            (38.6, 35.96), (38.1, 36.22)],
    "US": [(38.45, 33.42), (38.65, 33.3), (38.86, 33.42), (38.86, 33.62), (38.65, 33.74), (38.45, 33.62)],
    "ISIS-Syria": [(37.95, 34.62), (38.9, 34.3), (39.6, 34.58), (39.05, 35.0), (38.25, 35.02)],
    "ISIS-Iraq": [(44.3, 34.42), (44.9, 34.34), (45.02, 34.6), (44.52, 34.78)],
    "KRG": [(42.4, 37.32), (43.2, 37.36), (44.2, 37.3), (44.8, 37.15), (45.4, 36.32), (45.9, 35.8),
            (45.7, 35.2), (45.0, 35.32), (44.4, 35.72), (43.8, 36.02), (43.3, 36.42), (42.9, 36.8),
            (42.4, 37.02)],
}  # fmt: skip
SYRIA = Bounds(35.5, 32.2, 42.5, 37.4)
IRAQ = Bounds(38.7, 29.0, 48.7, 37.5)
REGION = Bounds(35.4, 29.0, 48.8, 37.6)

# (place, latitude, longitude, kind, text); an article about the country is linked to the first.
SYRIA_DEVELOPMENTS = [
    [
        ("Saraqib", 35.862, 36.806, "Clash", "Heavy clashes on the eastern edge of the town as the army pushes along the M5 highway."),
        ("Maarrat al-Numan", 35.648, 36.672, "Advance", "Army units enter the town after militants withdraw north overnight."),
        ("Atarib", 36.135, 36.830, "Air strike", "Air strikes on militant positions west of Aleppo."),
        ("Taftanaz", 35.995, 36.783, "Shelling", "Turkish artillery shells army positions near the airbase."),
        ("Idlib city", 35.930, 36.633, "Humanitarian", "Aid agencies report tens of thousands moving towards the border camps."),
    ],
    [
        ("Saraqib", 35.862, 36.806, "Advance", "The army takes full control of the town and the M4–M5 junction."),
        ("Nayrab", 35.870, 36.700, "Clash", "Turkish-backed factions attack army positions west of Saraqib."),
        ("Khan Tuman", 36.110, 37.040, "Advance", "Villages south-west of Aleppo retaken; the M5 highway is open to traffic."),
        ("Ain Issa", 36.385, 38.860, "Shelling", "Shelling on the outskirts as talks on the M4 road stall."),
        ("Tal Tamr", 36.648, 40.372, "Political", "Russian military police start joint patrols with the army."),
        ("al-Tanf", 33.497, 38.660, "Political", "The coalition extends its exclusion zone; civilians in Rukban camp lack supplies."),
    ],
    [
        ("Kafr Nabl", 35.614, 36.561, "Advance", "The army advances in southern Jabal al-Zawiya."),
        ("Sarmin", 35.904, 36.725, "Air strike", "Air strikes on a militant command post."),
        ("Afrin", 36.512, 36.870, "Clash", "A car bomb kills civilians in the town's market."),
        ("Ras al-Ain", 36.850, 40.070, "Humanitarian", "The Alouk water station stops again; hundreds of thousands lack water in Hasakah."),
        ("Deir ez-Zor", 35.336, 40.141, "Clash", "Daesh cells ambush a bus on the Palmyra road."),
        ("Damascus", 33.513, 36.292, "Political", "Ceasefire talks in Moscow: Ankara and Damascus trade accusations."),
    ],
    [
        ("Sukhnah", 34.888, 38.870, "Clash", "The army and allies comb the Badia desert after attacks on supply convoys."),
        ("Jisr al-Shughur", 35.813, 36.319, "Shelling", "Shelling on the plain around the town."),
        ("Manbij", 36.528, 37.955, "Political", "Local council warns of Turkish troop build-up north of the town."),
        ("Qamishli", 37.052, 41.227, "Humanitarian", "Border crossing reopens for aid convoys."),
        ("Abu Kamal", 34.452, 40.918, "Air strike", "Unidentified aircraft strike positions near the Iraqi border."),
    ],
]  # fmt: skip
IRAQ_DEVELOPMENTS = [
    [
        ("Hamrin mountains", 34.55, 44.60, "Clash", "Security forces and PMU units clear Daesh hideouts in the valleys."),
        ("Tarmiyah", 33.673, 44.390, "Clash", "An attack on an army post north of Baghdad is repelled."),
        ("Sinjar", 36.321, 41.877, "Political", "Baghdad and Erbil agree on a joint administration for the district."),
        ("Baghdad", 33.315, 44.366, "Political", "Parliament votes to ask foreign forces to leave the country."),
        ("Mosul", 36.340, 43.130, "Humanitarian", "Reconstruction of the old city's bridges resumes."),
    ],
    [
        ("Ain al-Asad", 33.786, 42.441, "Air strike", "Missiles strike the airbase hosting US troops; no casualties reported."),
        ("Tuz Khurmatu", 34.886, 44.633, "Clash", "Daesh cells attack a PMU checkpoint."),
        ("Kirkuk", 35.468, 44.392, "Political", "Joint security operations centre opens for the disputed areas."),
        ("al-Qaim", 34.389, 41.092, "Political", "The border crossing with Syria reopens to trade."),
        ("Basra", 30.508, 47.783, "Political", "Protests over electricity shortages continue for a third day."),
    ],
    [
        ("Makhmur", 35.776, 43.580, "Clash", "Air strikes and ground raids on Daesh positions in the Qarachogh mountains."),
        ("Samarra", 34.198, 43.874, "Shelling", "Mortar fire on farms east of the city."),
        ("Fallujah", 33.350, 43.780, "Humanitarian", "Families return to the city's outskirts under a government programme."),
        ("Erbil", 36.191, 44.009, "Political", "The Kurdistan Region's cabinet meets Baghdad's delegation on budget shares."),
        ("Diyala", 33.750, 45.050, "Clash", "Three soldiers killed in an ambush near Muqdadiyah."),
    ],
]  # fmt: skip
LATEST = [
    ("Saraqib", 35.862, 36.806, "Clash", "Militants attack army positions east of the town and are pushed back."),
    ("Kafr Nabl", 35.614, 36.561, "Advance", "The army takes two villages in southern Jabal al-Zawiya."),
    ("Ain Issa", 36.385, 38.860, "Shelling", "Turkish artillery shells the town's outskirts."),
    ("Deir ez-Zor", 35.336, 40.141, "Clash", "Daesh cells ambush a convoy on the Palmyra road."),
    ("Hamrin mountains", 34.55, 44.60, "Clash", "Iraqi forces and the PMU clear Daesh hideouts."),
    ("Baghdad", 33.315, 44.366, "Political", "Parliament debates the withdrawal of foreign forces."),
    ("Sinjar", 36.321, 41.877, "Humanitarian", "Displaced families return under the Baghdad–Erbil agreement."),
]  # fmt: skip


def seed(topics: dict[str, Topic]) -> list[Map]:
    """The legend's parties and the demo's editions; nothing twice."""
    parties = {}
    for position, (name, label, colour, pattern) in enumerate(PARTIES, start=1):
        parties[label], _ = Party.objects.get_or_create(
            name=name,
            defaults={"short_name": label, "colour": colour, "pattern": pattern, "position": position},
        )
    kinds = {kind.name: kind for kind in DevelopmentKind.objects.all()}
    today = timezone.localtime().replace(hour=18, minute=0, second=0, microsecond=0)
    articles = {
        country: list(Article.objects.published().filter(tags__name=country).order_by("-published_at")[:10])
        for country in ("Syria", "Iraq")
    }
    syria_topics = [topics[slug] for slug in ("resistance", "kurds", "al-nusra-front") if slug in topics]
    iraq_topics = [topics[slug] for slug in ("popular-mobilization-units", "kurds") if slug in topics]

    made = []
    titles = [
        "Idlib Front: The Army Pushes Towards Saraqib",
        "Saraqib Retaken as the M5 Highway Reopens",
        "Jabal al-Zawiya and the Northeast: Latest Developments",
        "Syria's Badia Desert and the North: Latest Developments",
    ]
    for index, (title, developments) in enumerate(zip(titles, SYRIA_DEVELOPMENTS, strict=True)):
        when = today - timedelta(days=21 - index * 5)
        made.append(
            _edition(
                title,
                when,
                SYRIA,
                syria_topics,
                ["SAA", "SDF", "TUR", "HTS", "US", "ISIS-Syria"],
                developments,
                kinds,
                parties,
                articles["Syria"],
                index,
            )
        )
    for index, developments in enumerate(IRAQ_DEVELOPMENTS):
        title = ["Iraq: Operations Against Daesh Cells", "Iraq After the Strike on Ain al-Asad",
                 "Iraq: Qarachogh and Diyala Operations"][index]  # fmt: skip
        when = today - timedelta(days=18 - index * 6, hours=2)
        made.append(
            _edition(
                title,
                when,
                IRAQ,
                iraq_topics,
                ["ISF", "KRG", "ISIS-Iraq"],
                developments,
                kinds,
                parties,
                articles["Iraq"],
                index,
            )
        )
    made.append(
        _edition(
            "Map of Latest Battlefield Developments in Syria and Iraq",
            today - timedelta(days=1),
            REGION,
            syria_topics + iraq_topics,
            ["SAA", "SDF", "TUR", "HTS", "US", "ISIS-Syria", "ISF", "KRG", "ISIS-Iraq"],
            LATEST,
            kinds,
            parties,
            articles["Syria"] + articles["Iraq"],
            0,
        )
    )
    # An edition an editor is still working on: readers do not see it.
    made.append(
        _edition(
            "Tomorrow's Map (draft)",
            today,
            REGION,
            [],
            ["SAA", "SDF"],
            LATEST[:2],
            kinds,
            parties,
            [],
            0,
            status=Map.Status.DRAFT,
        )
    )
    return made


def _areas(names: Sequence[str], bounds: Bounds) -> list[tuple[str, dict[str, Any]]]:
    """(party label, GeoJSON) of each area; governments hold their country minus the rest."""
    drawn = {name: shape({"type": "Polygon", "coordinates": [[*OUTLINES[name], OUTLINES[name][0]]]})
             for name in names if name in OUTLINES}  # fmt: skip
    countries = {feature.properties["name"]: feature.geometry for feature in basemap.load().features
                 if feature.layer == "country"}  # fmt: skip
    others = unary_union(list(drawn.values()))
    found = []
    for label, country in (("SAA", "Syria"), ("ISF", "Iraq")):
        if label in names:
            held = countries[country].buffer(0).difference(others).intersection(bounds.as_box())
            found.append((label, mapping(held.simplify(0.01))))
    for name, polygon in drawn.items():
        found.append((name.split("-")[0], mapping(polygon)))
    return found


def _edition(
    title: str,
    describes_at: datetime,
    bounds: Bounds,
    topics: list[Topic],
    area_names: Sequence[str],
    developments: Sequence[tuple[str, float, float, str, str]],
    kinds: dict[str, DevelopmentKind],
    parties: dict[str, Party],
    articles: list[Article],
    offset: int,
    status: str = Map.Status.PUBLISHED,
) -> Map:
    existing = Map.objects.filter(title=title).first()
    if existing is not None:
        return existing
    map_ = Map(
        title=title,
        describes_at=describes_at,
        summary=developments[0][4] + " " + developments[1][4],
        west=bounds.west,
        south=bounds.south,
        east=bounds.east,
        north=bounds.north,
        status=status,
        published_at=describes_at + timedelta(hours=1) if status == Map.Status.PUBLISHED else None,
    )
    map_.save()
    map_.topics.set(topics)
    if articles:
        map_.related_articles.set(articles[offset : offset + 2])
    for label, outline in _areas(area_names, bounds):
        Area(map=map_, party=parties[label], geometry=geometry.clean_area(outline, bounds)).save()
    for number, (place, latitude, longitude, kind, text) in enumerate(developments):
        Development.objects.create(
            map=map_,
            place=place,
            latitude=latitude,
            longitude=longitude,
            kind=kinds[kind],
            description=text,
            occurred_at=describes_at - timedelta(hours=20 - number * 3),
            article=articles[(offset + number) % len(articles)] if articles and number % 2 == 0 else None,
        )
    share_image.redraw(map_.pk)
    return map_
