"""In Chromium: the map shows clusters, then the objects; an object is found on the map and
opened by keyboard; axe-core finds nothing on the map, the list and the object's page."""

import pytest

from veche.infrastructure.tests.factories import FacilityFactory
from veche.testing.browser import zoom_through_clusters

pytestmark = pytest.mark.browser
expect = pytest.importorskip("playwright.sync_api").expect


@pytest.fixture(autouse=True)
def _offline_tiles(settings):
    # No tile server in tests: the map draws the municipalities' boundaries under the objects.
    settings.MAP_TILE_URL = "/static/test-tiles/{z}/{x}/{y}.png"


@pytest.fixture
def objects(world):
    road = FacilityFactory(
        municipality=world.surgut,
        category=world.roads,
        name="Ремонт улицы Мира",
        shape="line",
        geometry={
            "type": "LineString",
            "coordinates": [[73.3, 61.2], [73.35, 61.21], [73.4, 61.2]],
        },
        lat=61.21,
        lon=73.35,
        min_lat=61.2,
        max_lat=61.21,
        min_lon=73.3,
        max_lon=73.4,
    )
    yard = FacilityFactory(municipality=world.surgut, category=world.yards, name="Двор на Ленина")
    return road, yard


def test_the_map_list_and_object_page_pass_axe(page, live_server, axe_check, objects, world):
    road, _yard = objects
    page.goto(f"{live_server.url}/objects/map/?municipality={world.surgut.pk}")
    expect(page.locator("#map-status")).to_contain_text("2")
    axe_check(page)
    page.goto(f"{live_server.url}/objects/?q=улица")
    expect(page.locator(".report-list li")).to_have_count(1)
    axe_check(page)
    page.goto(f"{live_server.url}{road.get_absolute_url()}")
    expect(page.locator("h1")).to_have_text("Ремонт улицы Мира")
    axe_check(page)


def test_an_object_is_found_on_the_map_and_opened_by_keyboard(page, live_server, objects, world):
    road, yard = objects
    page.goto(f"{live_server.url}/objects/map/?municipality={world.surgut.pk}")
    # Zoomed to the municipality (zoom ≤ 12) the two objects come as one cluster; Enter on it
    # zooms in until the objects themselves are drawn.
    cluster = page.locator(".marker-cluster")
    expect(cluster).to_have_count(1)
    zoom_through_clusters(page, "#infrastructure-map")
    marker = page.locator(f'.leaflet-marker-icon[title="{yard.name}"]')
    expect(marker).to_have_count(1)
    marker.focus()
    page.keyboard.press("Enter")
    link = page.get_by_role("link", name="Открыть страницу объекта")
    link.focus()
    page.keyboard.press("Enter")
    expect(page.locator("h1")).to_have_text(yard.name)
