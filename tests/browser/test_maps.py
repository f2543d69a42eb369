"""A reader opens the latest map on a phone, taps a development, reads it and follows its
article; on a desktop the list opens each development on the map; without JavaScript the
server's drawing and the list are the page. Nothing is requested from another host."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from maps import share_image
from tests.browser.conftest import DESKTOP, PHONE, save_screenshot, serious_accessibility_violations
from tests.factories import ArticleFactory, UserFactory
from tests.maps.factories import AreaFactory, DevelopmentFactory, MapFactory, PartyFactory, square

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def make_map():
    now = timezone.now()
    article = ArticleFactory(title="Syrian Army Advances towards Saraqib")
    map_ = MapFactory(title="Latest developments around Idlib", summary="The army pushed north along the M5.")
    DevelopmentFactory(map=map_, place="Maarrat al-Numan", latitude=35.65, longitude=36.67,
                       occurred_at=now - timedelta(hours=8), description="Army units enter the town.")  # fmt: skip
    DevelopmentFactory(map=map_, place="Saraqib", latitude=35.86, longitude=36.8, occurred_at=now - timedelta(hours=3),
                       description="Heavy clashes on the eastern edge of the town.", article=article)  # fmt: skip
    AreaFactory(
        map=map_,
        party=PartyFactory(name="Tahrir al-Sham", short_name="HTS"),
        geometry=square(36.2, 35.95, 0.4),
    )
    AreaFactory(
        map=map_,
        party=PartyFactory(
            name="Syrian Democratic Forces", short_name="SDF", colour="#7a4b00", pattern="dotted"
        ),
        geometry=square(38.0, 36.2, 0.4),
    )
    share_image.redraw(map_.pk)
    return map_, article


def test_reader_taps_a_development_on_a_phone_and_follows_its_article(open_page) -> None:
    map_, article = make_map()
    page, watch = open_page(PHONE, has_touch=True, is_mobile=True)
    page.goto("/")
    page.locator("section.block--map").get_by_role("link", name=map_.title).click()
    page.wait_for_url(f"**{map_.get_absolute_url()}")

    expect(page.locator(".map-interactive")).to_be_visible()
    expect(page.locator("[data-map-drawing]")).to_be_hidden()  # the interactive map took its place
    # The figure fits the phone's screen.
    assert page.evaluate("() => document.documentElement.scrollWidth") <= PHONE["width"]
    marker = page.locator('.leaflet-marker-icon[title="2. Saraqib"]')
    expect(marker).to_be_visible()
    marker.tap()
    popup = page.locator(".leaflet-popup-content")
    expect(popup).to_be_visible()
    expect(popup).to_contain_text("Heavy clashes on the eastern edge of the town.")
    expect(popup).to_contain_text("Clash")
    expect(page.locator("#development-2")).to_have_class("development development--active")
    expect(page.locator(".leaflet-popup")).to_have_css("opacity", "1")  # faded in
    save_screenshot(page, "map-phone-popup")
    assert serious_accessibility_violations(page) == []

    popup.get_by_role("link", name=article.title).tap()
    page.wait_for_url(f"**{article.get_absolute_url()}")
    expect(page.get_by_role("heading", level=1)).to_have_text(article.title)
    assert watch.foreign_requests == [], watch.foreign_requests
    assert watch.console_errors == [], watch.console_errors


def test_reader_on_a_desktop_opens_developments_from_the_list(open_page) -> None:
    map_, _ = make_map()
    page, watch = open_page(DESKTOP)
    page.goto(map_.get_absolute_url())
    expect(page.locator(".map-interactive")).to_be_visible()
    expect(
        page.locator(".map-interactive path.leaflet-interactive, .map-interactive path")
    ).not_to_have_count(0)
    # Areas are filled with their party's pattern, defined once in the page.
    fills = page.locator(".leaflet-overlay-pane path").evaluate_all(
        "paths => paths.map(p => p.getAttribute('fill'))"
    )
    assert sum(fill.startswith("url(#legend-party-") for fill in fills) == 2
    expect(page.locator(".leaflet-marker-icon")).to_have_count(2)

    # The first stop after the editions' links skips the map for the list.
    page.locator(".map-editions__all").focus()
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Skip the map: go to the list of developments")
    expect(skip).to_be_focused()
    page.keyboard.press("Enter")
    expect(page.locator("#developments")).to_be_focused()
    button = page.locator("#development-1").get_by_role("button", name="Show on the map")
    button.focus()
    page.keyboard.press("Enter")
    popup = page.locator(".leaflet-popup-content")
    expect(popup).to_contain_text("1. Maarrat al-Numan")
    expect(popup.locator(".map-popup")).to_be_focused()  # screen readers hear what opened
    expect(page.locator(".leaflet-popup")).to_have_css("opacity", "1")
    save_screenshot(page, "map-desktop")
    assert serious_accessibility_violations(page) == []
    # Zooming in shows minor cities too.
    page.locator(".leaflet-control-zoom-in").click()
    page.locator(".leaflet-control-zoom-in").click()
    expect(page.locator(".map-city-label", has_text="Saraqib")).to_have_count(0)  # not a city of the base map
    expect(page.locator(".map-city-label", has_text="Aleppo")).to_be_visible()
    assert watch.foreign_requests == [] and watch.console_errors == []


def test_without_javascript_the_drawing_and_the_list_are_the_page(browser, live_site) -> None:
    map_, article = make_map()
    context = browser.new_context(viewport=PHONE, base_url=live_site, java_script_enabled=False)
    page = context.new_page()
    foreign = []
    page.on(
        "request", lambda request: foreign.append(request.url) if "127.0.0.1" not in request.url else None
    )
    page.goto(map_.get_absolute_url())
    drawing = page.locator("svg.map-drawing")
    expect(drawing).to_be_visible()
    box = drawing.bounding_box()
    assert box["width"] <= PHONE["width"]
    expect(drawing.locator("g.map-marker")).to_have_count(2)
    expect(page.get_by_role("img", name=map_.title)).to_be_visible()
    items = page.locator(".development-list > li")
    expect(items).to_have_count(2)
    expect(items.nth(0)).to_contain_text("Maarrat al-Numan")
    expect(items.nth(1)).to_contain_text("Saraqib")
    expect(page.get_by_role("button", name="Show on the map")).to_have_count(0)
    save_screenshot(page, "map-phone-no-javascript")
    page.get_by_role("link", name=f"Read: {article.title}").click()
    page.wait_for_url(f"**{article.get_absolute_url()}")
    assert foreign == []
    context.close()


def test_editor_places_a_development_and_draws_an_area_on_the_admin_map(open_page) -> None:
    from maps.models import Map

    UserFactory(username="map-editor", groups=["Editors"])
    previous = MapFactory(title="Northern Syria")
    party = PartyFactory(name="Syrian Democratic Forces", short_name="SDF", colour="#7a4b00")
    page, watch = open_page(DESKTOP)
    page.goto(f"/admin/login/?next=/admin/maps/map/{previous.pk}/change/")
    page.get_by_label("Username").fill("map-editor")
    page.get_by_label("Password").fill("correct horse battery staple")
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(f"**/admin/maps/map/{previous.pk}/change/")

    page.get_by_role("link", name="Start the next edition").click()
    page.get_by_role("button", name="Start the next edition").click()
    edition = Map.objects.exclude(pk=previous.pk).get()
    page.wait_for_url(f"**/admin/maps/map/{edition.pk}/change/")

    surface = page.locator(".map-editor__map")
    expect(surface).to_be_visible()
    page.locator("#id_developments-0-place").fill("Manbij")
    page.locator("#id_developments-0-description").fill("Local council warns of a troop build-up.")
    page.locator("#id_developments-0-kind").select_option(label="Political")
    page.locator("#id_developments-0-occurred_at_0").fill("2026-11-30")
    page.locator("#id_developments-0-occurred_at_1").fill("10:00:00")
    page.locator("#id_developments-0-place").focus()
    surface.scroll_into_view_if_needed()
    box = surface.bounding_box()
    page.mouse.click(box["x"] + box["width"] * 0.5, box["y"] + box["height"] * 0.5)
    latitude = float(page.locator("#id_developments-0-latitude").input_value())
    longitude = float(page.locator("#id_developments-0-longitude").input_value())
    assert previous.south < latitude < previous.north and previous.west < longitude < previous.east

    page.locator(".map-areas .add-row a").click()
    page.locator("#id_areas-0-party").select_option(label=party.name)
    page.get_by_role("button", name="Draw on the map").click()
    surface.scroll_into_view_if_needed()
    box = surface.bounding_box()
    for x, y in ((0.6, 0.3), (0.8, 0.3), (0.8, 0.5), (0.6, 0.5)):
        page.mouse.click(box["x"] + box["width"] * x, box["y"] + box["height"] * y)
    page.get_by_role("button", name="Finish the area").click()
    drawn = page.locator("#id_areas-0-geometry").input_value()
    assert '"type":"Polygon"' in drawn
    save_screenshot(page, "map-admin-editor")
    page.get_by_role("button", name="Save", exact=True).last.click()  # the form has one at the top too
    page.wait_for_url("**/admin/maps/map/")
    development = edition.developments.get()
    assert development.place == "Manbij"
    assert (round(development.latitude, 4), round(development.longitude, 4)) == (latitude, longitude)
    area = edition.areas.get(party=party)
    assert area.geometry["type"] == "Polygon" and len(area.geometry["coordinates"][0]) == 5
    assert watch.foreign_requests == []
