"""The home page with reports in chromium, on a desktop and on a phone: figures, the latest
reports with their photos, the map with its markers — and 0 axe-core violations."""

import pytest
from django.core.cache import cache
from django.core.files.storage import default_storage

from veche.reports import demo_photos
from veche.reports.models import Report
from veche.reports.tests.factories import RoutedReportFactory

expect = pytest.importorskip("playwright.sync_api").expect
pytestmark = pytest.mark.browser


@pytest.fixture(autouse=True)
def _offline_tiles(settings):
    settings.MAP_TILE_URL = "/static/test-tiles/{z}/{x}/{y}.png"


def _from_storage(route) -> None:
    name = route.request.url.split("/media/", 1)[1]
    with default_storage.open(name) as file:
        route.fulfill(status=200, content_type="image/jpeg", body=file.read())


@pytest.mark.parametrize("width", [1280, 390])
def test_the_home_page_with_reports_has_no_axe_violations(new_page, axe_check, world, width):
    cache.clear()
    for n, report in enumerate(RoutedReportFactory.create_batch(8, municipality=world.surgut)):
        Report.objects.filter(pk=report.pk).update(client_token=f"home-{n}")
        report.client_token = f"home-{n}"
        demo_photos.photo_for(report).save()
    page = new_page(language="ru", viewport={"width": width, "height": 900})
    page.route("**/media/**", _from_storage)  # the test storage is in memory: nothing serves it
    page.goto("/")
    expect(page.get_by_role("heading", name="Сообщения о проблемах в цифрах")).to_be_visible()
    photos = page.locator(".latest-reports img")
    assert photos.count() == 6
    photos.first.scroll_into_view_if_needed()
    assert photos.first.evaluate("img => img.complete && img.naturalWidth > 0")
    page.locator(".marker-cluster").first.wait_for()
    axe_check(page)
    assert page.evaluate("document.documentElement.scrollWidth") <= width
