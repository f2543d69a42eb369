"""Map pages as readers get them: the list, one map without JavaScript (an SVG and the
numbered list), its GeoJSON, feeds, sitemap, the home page's block and topic pages."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from datetime import timedelta

import feedparser
import pytest
from django.test import Client
from django.utils import timezone

from common.models import Purge
from maps import share_image
from maps.models import Map
from tests.factories import ArticleFactory, TopicFactory
from tests.html import assert_in_html
from tests.maps.factories import AreaFactory, DevelopmentFactory, MapFactory, PartyFactory, square

pytestmark = pytest.mark.django_db
SVG = "{http://www.w3.org/2000/svg}"


@pytest.fixture
def idlib_map() -> Map:
    """A published map with three developments (given out of order) and two areas."""
    now = timezone.now()
    map_ = MapFactory(title="Idlib: the army pushes towards Saraqib", summary="Fighting moved north.")
    article = ArticleFactory(title="Syrian Army Advances towards Terrorist-Held City in Idlib Province")
    DevelopmentFactory(map=map_, place="Saraqib", occurred_at=now - timedelta(hours=2), article=article)
    DevelopmentFactory(
        map=map_,
        place="Maarrat al-Numan",
        occurred_at=now - timedelta(hours=9),
        latitude=35.65,
        longitude=36.67,
    )
    DevelopmentFactory(
        map=map_, place="Atarib", occurred_at=now - timedelta(hours=5), latitude=36.13, longitude=36.83
    )
    AreaFactory(
        map=map_,
        party=PartyFactory(name="Tahrir al-Sham", short_name="HTS", colour="#1b5e20", pattern="hatched"),
    )
    AreaFactory(
        map=map_,
        party=PartyFactory(
            name="Syrian Democratic Forces", short_name="SDF", colour="#7a4b00", pattern="dotted"
        ),
        geometry=square(38.0, 36.2, 0.4),
    )
    return map_


def drawing_of(html: str) -> ET.Element:
    """The page's inline SVG map, parsed as XML (it must be well-formed to be parsed)."""
    found = re.search(r"<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"map-drawing\".*?</svg>", html, re.S)
    assert found, "no map drawing in the page"
    return ET.fromstring(found.group(0))


# --- one map, without JavaScript -----------------------------------------------------------


def test_map_page_draws_the_map_and_lists_developments_in_order_with_their_numbers(
    client: Client, idlib_map
) -> None:
    response = client.get(idlib_map.get_absolute_url())
    assert response.status_code == 200
    html = response.content.decode()
    places = [development.place for _, development in response.context["numbered"]]
    assert places == ["Maarrat al-Numan", "Atarib", "Saraqib"]  # in the order they happened
    for number, place in enumerate(places, start=1):
        assert re.search(
            rf'id="development-{number}" value="{number}".*?<span class="visually-hidden">{number}\. </span>{place}',
            html,
            re.S,
        )
    svg = drawing_of(html)
    assert svg.get("role") == "img"
    assert svg.find(f"{SVG}title").text == "Idlib: the army pushes towards Saraqib"
    assert "3 numbered developments" in svg.find(f"{SVG}desc").text
    numbers = [
        text.text
        for group in svg.iter(f"{SVG}g")
        if group.get("class") == "map-marker"
        for text in group.iter(f"{SVG}text")
    ]
    assert numbers == ["1", "2", "3"]


def test_the_drawing_has_base_map_areas_with_patterns_and_labels_and_no_inline_styles(
    client: Client, idlib_map
) -> None:
    svg = drawing_of(client.get(idlib_map.get_absolute_url()).content.decode())
    areas = [path for path in svg.iter(f"{SVG}path") if path.get("class") == "map-area"]
    assert len(areas) == 2
    assert all(area.get("fill", "").startswith("url(#map-party-") for area in areas)
    patterns = {pattern.get("id") for pattern in svg.iter(f"{SVG}pattern")}
    assert {area.get("fill")[5:-1] for area in areas} <= patterns
    texts = {text.text for text in svg.iter(f"{SVG}text")}
    assert {"HTS", "SDF"} <= texts  # areas differ by a label, not by colour alone
    assert {"Aleppo", "Idlib"} <= texts  # main cities of the base map
    assert (
        len([path for path in svg.iter(f"{SVG}path") if path.get("fill") == "#f4f1ea"]) == 2
    )  # Syria and Turkey
    # The site's CSP forbids inline styles: presentation attributes only.
    assert not [element.tag for element in svg.iter() if element.get("style")]


def test_map_page_has_a_legend_the_article_link_and_the_data_link(client: Client, idlib_map) -> None:
    html = client.get(idlib_map.get_absolute_url()).content.decode()
    legend = html.split('id="legend-heading"')[1].split("</section>")[0]
    assert "Clash" in legend and "Tahrir al-Sham" in legend and "Syrian Democratic Forces" in legend
    assert 'fill="url(#legend-party-' in legend
    article = idlib_map.developments.get(place="Saraqib").article
    assert_in_html(f'<a href="{article.get_absolute_url()}">Read: {article.title}</a>', html)
    assert f'href="{idlib_map.get_data_url()}"' in html


def test_map_page_json_ld_and_open_graph_picture(client: Client, idlib_map) -> None:
    share_image.redraw(idlib_map.pk)
    idlib_map.refresh_from_db()
    html = client.get(idlib_map.get_absolute_url()).content.decode()
    data = json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S).group(1))
    map_data = data[0]
    assert map_data["@type"] == "Map"
    assert map_data["name"] == idlib_map.title
    assert map_data["encoding"]["contentUrl"].endswith(idlib_map.get_data_url())
    assert map_data["image"][0]["width"] == 1200
    assert data[1]["@type"] == "BreadcrumbList"
    assert f'<meta property="og:image" content="http://testserver{idlib_map.share_image.url}">' in html


def test_wrong_or_missing_slug_redirects_permanently(client: Client, idlib_map) -> None:
    for url in (f"/maps/{idlib_map.pk}/old-title/", f"/maps/{idlib_map.pk}/"):
        response = client.get(url)
        assert response.status_code == 301
        assert response["Location"] == idlib_map.get_absolute_url()


def test_draft_and_scheduled_maps_are_not_public(client: Client) -> None:
    draft = MapFactory(status=Map.Status.DRAFT, published_at=None, title="Draft map")
    scheduled = MapFactory(published_at=timezone.now() + timedelta(days=1), title="Scheduled map")
    for map_ in (draft, scheduled):
        assert client.get(map_.get_absolute_url()).status_code == 404
        assert client.get(map_.get_data_url()).status_code == 404
    listed = client.get("/maps/").content.decode()
    assert "Draft map" not in listed and "Scheduled map" not in listed
    assert "Draft map" not in client.get("/maps/feed/").content.decode()


def test_editor_previews_a_draft_privately(editor_client: Client) -> None:
    draft = MapFactory(status=Map.Status.DRAFT, published_at=None)
    response = editor_client.get(draft.get_absolute_url())
    assert response.status_code == 200
    assert response["Cache-Control"] == "private, no-store"
    assert "Preview: this map is a draft" in response.content.decode()
    assert editor_client.get(draft.get_data_url())["Cache-Control"] == "private, no-store"


def test_editions_link_to_the_one_before_and_after(client: Client) -> None:
    now = timezone.now()
    older = MapFactory(describes_at=now - timedelta(days=2), title="Older")
    middle = MapFactory(describes_at=now - timedelta(days=1), title="Middle")
    newer = MapFactory(describes_at=now - timedelta(hours=3), title="Newer")
    MapFactory(describes_at=now, status=Map.Status.DRAFT, published_at=None)  # not linked
    html = client.get(middle.get_absolute_url()).content.decode()
    assert f'rel="prev" href="{older.get_absolute_url()}"' in html
    assert f'rel="next" href="{newer.get_absolute_url()}"' in html
    assert 'rel="next"' not in client.get(newer.get_absolute_url()).content.decode()


def test_map_without_developments_says_so(client: Client) -> None:
    html = client.get(MapFactory().get_absolute_url()).content.decode()
    assert "No developments are marked on this map." in html
    assert drawing_of(html).get("role") == "img"


# --- the data ------------------------------------------------------------------------------


def test_data_is_a_feature_collection_of_areas_then_numbered_developments(client: Client, idlib_map) -> None:
    response = client.get(idlib_map.get_data_url())
    assert response.status_code == 200
    assert response["Content-Type"] == "application/geo+json"
    data = json.loads(response.content)
    assert data["type"] == "FeatureCollection"
    assert data["bbox"] == [idlib_map.west, idlib_map.south, idlib_map.east, idlib_map.north]
    kinds = [feature["properties"]["kind"] for feature in data["features"]]
    assert kinds == ["area", "area", "development", "development", "development"]
    developments = [feature for feature in data["features"] if feature["properties"]["kind"] == "development"]
    assert [(item["properties"]["number"], item["properties"]["place"]) for item in developments] == [
        (1, "Maarrat al-Numan"), (2, "Atarib"), (3, "Saraqib")
    ]  # fmt: skip
    assert developments[1]["geometry"] == {"type": "Point", "coordinates": [36.83, 36.13]}
    assert developments[2]["properties"]["article"]["url"].startswith("http://testserver/news/")
    assert developments[0]["properties"]["article"] is None
    areas = [feature for feature in data["features"] if feature["properties"]["kind"] == "area"]
    assert {area["geometry"]["type"] for area in areas} == {"Polygon"}
    assert {area["properties"]["label"] for area in areas} == {"HTS", "SDF"}


def test_data_is_cached_at_the_edge_with_the_maps_key(client: Client, idlib_map) -> None:
    response = client.get(idlib_map.get_data_url())
    assert response["Cache-Control"].startswith("public, max-age=")
    assert "s-maxage=" in response["Cache-Control"]
    keys = response["xkey"].split()
    assert f"map:{idlib_map.pk}" in keys and "all" in keys
    assert response["Surrogate-Key"] == response["xkey"]


def test_data_address_with_a_wrong_slug_redirects_to_the_right_one(client: Client, idlib_map) -> None:
    response = client.get(f"/maps/{idlib_map.pk}/wrong/data.geojson")
    assert response.status_code == 301
    assert response["Location"] == idlib_map.get_data_url()


def test_an_unpublished_article_is_not_linked_from_a_development(client: Client) -> None:
    draft = ArticleFactory(status="draft", published_at=None, title="Embargoed story")
    development = DevelopmentFactory(article=draft)
    html = client.get(development.map.get_absolute_url()).content.decode()
    assert "Embargoed story" not in html
    assert "Embargoed story" not in client.get(development.map.get_data_url()).content.decode()


# --- lists, feeds, sitemap, home, topics ---------------------------------------------------


def test_map_list_is_newest_situation_first_and_paginated(client: Client) -> None:
    now = timezone.now()
    for hours in range(14):
        MapFactory(title=f"Edition {hours}", describes_at=now - timedelta(hours=hours + 1))
    first = client.get("/maps/")
    titles = [item.title for item in first.context["maps"]]
    assert titles == [f"Edition {hours}" for hours in range(12)]
    assert_in_html('<link rel="next" href="/maps/?page=2">', first.content.decode())
    assert [item.title for item in client.get("/maps/?page=2").context["maps"]] == [
        "Edition 12",
        "Edition 13",
    ]


def test_empty_map_list_says_so(client: Client) -> None:
    assert "No maps have been published yet." in client.get("/maps/").content.decode()


def test_feeds_list_published_editions_with_their_picture(client: Client, idlib_map) -> None:
    share_image.redraw(idlib_map.pk)
    MapFactory(status=Map.Status.DRAFT, published_at=None, title="Not yet")
    rss = feedparser.parse(client.get("/maps/feed/").content)
    assert not rss.bozo
    assert [entry.title for entry in rss.entries] == [idlib_map.title]
    assert rss.entries[0].link == f"http://testserver{idlib_map.get_absolute_url()}"
    assert rss.entries[0].media_content[0]["type"] == "image/png"
    atom = feedparser.parse(client.get("/maps/feed/atom/").content)
    assert not atom.bozo and atom.version == "atom10"
    assert [entry.title for entry in atom.entries] == [idlib_map.title]
    assert atom.entries[0].summary == "Fighting moved north."


def test_sitemap_lists_published_maps(client: Client, idlib_map) -> None:
    draft = MapFactory(status=Map.Status.DRAFT, published_at=None)
    index = client.get("/sitemap.xml").content.decode()
    assert "/sitemaps/maps.xml" in index
    maps_sitemap = client.get("/sitemaps/maps.xml").content.decode()
    assert f"http://testserver{idlib_map.get_absolute_url()}" in maps_sitemap
    assert draft.get_absolute_url() not in maps_sitemap


def test_home_page_shows_the_latest_published_map_with_its_date(client: Client, idlib_map) -> None:
    MapFactory(describes_at=timezone.now() + timedelta(hours=1), status=Map.Status.DRAFT, published_at=None)
    older = MapFactory(describes_at=timezone.now() - timedelta(days=3), title="An older edition")
    share_image.redraw(idlib_map.pk)
    block = client.get("/").content.decode().split('id="map-heading"')[1].split("</section>")[0]
    assert "Map of Latest Developments" in block
    assert f'<a href="{idlib_map.get_absolute_url()}">{idlib_map.title}</a>' in block
    assert "Situation as of" in block and "<time datetime=" in block
    assert older.title not in block
    assert "/media/maps/shared/" in block


def test_home_page_map_block_without_maps(client: Client) -> None:
    block = client.get("/").content.decode().split('id="map-heading"')[1].split("</section>")[0]
    assert "No maps have been published yet." in block


def test_topic_page_lists_maps_filed_under_it_or_its_subtopics(client: Client, idlib_map) -> None:
    parent = TopicFactory(name="Resistance", slug="resistance")
    child = TopicFactory(name="Hezbollah", slug="hezbollah", parent=parent)
    idlib_map.topics.set([child])
    html = client.get(parent.get_absolute_url()).content.decode()
    assert f'<a href="{idlib_map.get_absolute_url()}">{idlib_map.title}</a>' in html


# --- bad input on every address ------------------------------------------------------------

BAD_SEGMENTS = [
    "x" * 3000,
    "%00",
    "%0A%0D",
    "%1B%5B31m",
    "سوريا",
    "نقشه",
    "🗺️",
    "%3Cscript%3Ealert(1)%3C%2Fscript%3E",
    "..%2F..%2Fetc%2Fpasswd",
]


@pytest.mark.parametrize("segment", BAD_SEGMENTS)
def test_bad_addresses_are_404_or_a_redirect_never_500(client: Client, idlib_map, segment: str) -> None:
    urls = [
        f"/maps/{segment}/",
        f"/maps/{idlib_map.pk}/{segment}/",
        f"/maps/{idlib_map.pk}/{segment}/data.geojson",
        f"/maps/{segment}/{segment}/data.geojson",
        f"/maps/?page={segment}",
        f"/maps/{'9' * 30}/{segment}/",
    ]
    for url in urls:
        response = client.get(url)
        assert response.status_code in {301, 404}, url
        if response.status_code == 301:
            assert response["Location"] in {idlib_map.get_absolute_url(), idlib_map.get_data_url()}


@pytest.mark.parametrize("page", ["0", "2", "-1", "abc", "9" * 30])
def test_bad_list_pages_are_404(client: Client, idlib_map, page: str) -> None:
    assert client.get(f"/maps/?page={page}").status_code == 404


def test_map_pages_refuse_post(client: Client, idlib_map) -> None:
    assert client.post(idlib_map.get_absolute_url()).status_code == 405
    assert client.post(idlib_map.get_data_url()).status_code == 405


def test_text_from_editors_is_escaped_on_the_page_and_in_the_drawing(client: Client) -> None:
    map_ = MapFactory(title='<script>alert("map")</script> حلب', summary="<b>bold</b> 🚀")
    DevelopmentFactory(map=map_, place="<img src=x onerror=alert(1)>", description="دمشق & <i>x</i>")
    html = client.get(map_.get_absolute_url()).content.decode()
    assert "<script>alert(" not in html and "<img src=x" not in html and "<b>bold</b>" not in html
    assert "&lt;script&gt;alert(&quot;map&quot;)&lt;/script&gt; حلب" in html
    assert drawing_of(html).find(f"{SVG}title").text == '<script>alert("map")</script> حلب'
    data = json.loads(client.get(map_.get_data_url()).content)
    assert data["features"][0]["properties"]["place"] == "<img src=x onerror=alert(1)>"  # JSON, not HTML


# --- surrogate keys and purges -------------------------------------------------------------


def purged_keys(django_capture_on_commit_callbacks, change) -> set[str]:
    before = Purge.objects.order_by("-id").values_list("id", flat=True).first() or 0
    with django_capture_on_commit_callbacks(execute=False):
        change()
    return {
        key for keys in Purge.objects.filter(id__gt=before).values_list("keys", flat=True) for key in keys
    }


def test_changing_a_development_or_an_area_purges_its_map(
    idlib_map, django_capture_on_commit_callbacks
) -> None:
    development = idlib_map.developments.first()
    development.description = "Updated."
    assert purged_keys(django_capture_on_commit_callbacks, development.save) == {f"map:{idlib_map.pk}"}
    area = idlib_map.areas.first()
    assert f"map:{idlib_map.pk}" in purged_keys(django_capture_on_commit_callbacks, area.delete)


def test_publishing_a_map_purges_the_lists_of_maps_and_its_topics(django_capture_on_commit_callbacks) -> None:
    topic = TopicFactory()
    map_ = MapFactory(status=Map.Status.DRAFT, published_at=None)
    map_.topics.set([topic])

    def publish() -> None:
        map_.status = Map.Status.PUBLISHED
        map_.save()

    assert {f"map:{map_.pk}", "maps", f"topic:{topic.pk}:items"} <= purged_keys(
        django_capture_on_commit_callbacks, publish
    )


def test_changing_a_party_purges_the_maps_showing_it(
    client: Client, idlib_map, django_capture_on_commit_callbacks
) -> None:
    party = idlib_map.areas.first().party
    keys = client.get(idlib_map.get_absolute_url())["xkey"].split()
    assert f"party:{party.pk}" in keys
    party.colour = "#0b57a4"
    assert f"party:{party.pk}" in purged_keys(django_capture_on_commit_callbacks, party.save)


# --- the shared picture --------------------------------------------------------------------


def test_shared_picture_is_a_1200_by_630_png_renamed_when_the_map_changes(
    idlib_map, django_capture_on_commit_callbacks
) -> None:
    from PIL import Image

    share_image.redraw(idlib_map.pk)
    idlib_map.refresh_from_db()
    first = idlib_map.share_image.name
    with idlib_map.share_image.open("rb") as file:
        picture = Image.open(file)
        assert (picture.format, picture.size) == ("PNG", (1200, 630))
    DevelopmentFactory(map=idlib_map, place="Sarmin", latitude=35.9, longitude=36.72)
    share_image.redraw(idlib_map.pk)
    idlib_map.refresh_from_db()
    assert idlib_map.share_image.name != first
    # Pages kept by edges may still show the earlier picture: it stays.
    assert idlib_map.share_image.storage.exists(first)
    unchanged = idlib_map.share_image.name
    before = Purge.objects.count()
    share_image.redraw(idlib_map.pk)  # nothing changed: same picture, same name, no purge
    idlib_map.refresh_from_db()
    assert idlib_map.share_image.name == unchanged and Purge.objects.count() == before
