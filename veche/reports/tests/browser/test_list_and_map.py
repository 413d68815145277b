"""The list beside the map on a wide screen, the filters folded on a phone (open without
JavaScript), the boundaries drawn when tiles cannot load; axe-core clean at 1280 and 390 px."""

import pytest
from django.core.cache import cache

from veche.reports.tests.factories import RoutedReportFactory
from veche.territory.models import Municipality

expect = pytest.importorskip("playwright.sync_api").expect
pytestmark = pytest.mark.browser

WIDE = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}


@pytest.fixture(autouse=True)
def _offline_tiles(settings):
    # Tiles that never load: the map must still show the region through its boundaries.
    settings.MAP_TILE_URL = "/static/test-tiles/{z}/{x}/{y}.png"


@pytest.fixture(autouse=True)
def _fresh_boundaries():
    cache.clear()  # the boundaries are cached: this test's municipalities, not an earlier one's


def drawn():
    """The boundaries layer: one path per municipality with a boundary."""
    return Municipality.objects.exclude(boundary=None).count()


def test_on_a_wide_screen_the_map_beside_the_list_follows_the_filters(
    new_page, live_server, axe_check, world
):
    RoutedReportFactory.create_batch(3, municipality=world.surgut)
    RoutedReportFactory.create_batch(2, municipality=world.urai)
    page = new_page(language="ru", viewport=WIDE)
    page.goto(live_server.url + "/reports/")
    expect(page.locator("#filters-fold")).to_have_attribute("open", "")
    expect(page.locator("#reports-map")).to_be_visible()
    expect(page.get_by_role("status")).to_have_text("Сообщений на карте: 5.")
    expect(page.locator(".leaflet-overlay-pane path")).to_have_count(drawn())
    axe_check(page)
    page.get_by_label("Муниципальное образование").select_option(str(world.surgut.pk))
    page.get_by_role("button", name="Показать").click()
    page.wait_for_url(f"**municipality={world.surgut.pk}**")
    expect(page.get_by_role("heading", name="Найдено 3 сообщения")).to_be_visible()
    expect(page.get_by_role("status")).to_have_text("Сообщений на карте: 3.")
    axe_check(page)


def test_on_a_phone_the_filters_are_folded_and_the_map_is_left_out(
    new_page, live_server, axe_check, world
):
    RoutedReportFactory.create_batch(2, municipality=world.surgut)
    page = new_page(language="ru", viewport=PHONE)
    page.goto(live_server.url + "/reports/")
    expect(page.get_by_role("heading", name="Найдено 2 сообщения")).to_be_visible()
    expect(page.get_by_label("Категория")).to_be_hidden()
    expect(page.locator("#reports-map")).to_be_hidden()
    axe_check(page)
    page.get_by_text("Фильтры", exact=True).click()
    expect(page.get_by_label("Категория")).to_be_visible()
    axe_check(page)


def test_on_a_phone_without_javascript_the_filters_stay_open(new_page, live_server, world):
    page = new_page(language="ru", viewport=PHONE, javascript=False)
    page.goto(live_server.url + "/reports/")
    expect(page.get_by_label("Категория")).to_be_visible()


def test_the_map_page_draws_the_boundaries_when_tiles_fail(new_page, live_server, axe_check, world):
    RoutedReportFactory(municipality=world.surgut)
    for viewport in (WIDE, PHONE):
        page = new_page(language="ru", viewport=viewport)
        page.goto(live_server.url + "/reports/map/")
        expect(page.locator(".leaflet-overlay-pane path")).to_have_count(drawn())
        axe_check(page)
