"""Issue 18 in chromium: axe-core finds nothing on every dashboard and rating page (charts and
their tables included); a head of a municipality sees only his territory's private dashboard."""

from datetime import timedelta

import pytest
from django.utils import timezone

from veche.analytics.services import analytics_refresh
from veche.community.models import Organization, Review
from veche.reports.models import Report
from veche.reports.tests.browser.test_public_pages import logged_in_page
from veche.reports.tests.factories import RoutedReportFactory
from veche.staff.models import Role
from veche.staff.tests.factories import RegionWideRoleFactory, RoleAssignmentFactory

expect = pytest.importorskip("playwright.sync_api").expect
pytestmark = pytest.mark.browser


@pytest.fixture
def filled(world):
    week_ago = timezone.now() - timedelta(days=7)
    for _ in range(3):
        made = RoutedReportFactory(municipality=world.surgut, topic=world.topic)
        Report.objects.filter(pk=made.pk).update(created_at=week_ago, routed_at=week_ago)
    for name in ("Волонтёры Сургута", "ТОС «Северный»"):
        Organization.objects.create(
            name=name, kind="so_nko", direction="volunteering", municipality=world.surgut,
            status=Review.APPROVED,
        )  # fmt: skip
    today = timezone.localdate()
    analytics_refresh(first=today - timedelta(days=30), last=today)
    return world


def test_every_dashboard_and_rating_page_passes_axe(new_page, live_server, axe_check, filled):
    regional = RegionWideRoleFactory(role=Role.REGIONAL_HEAD).user
    page = logged_in_page(new_page, live_server, regional)
    for path in (
        "/analytics/",
        "/analytics/?first=2030-01-02&last=2030-01-01",
        "/analytics/ratings/",
        "/analytics/ratings/?by=agency",
        "/analytics/region/",
        f"/analytics/municipality/{filled.surgut.pk}/",
        f"/analytics/agency/{filled.surgut_admin.pk}/",
        "/analytics/mine/",
    ):
        page.goto(path)
        axe_check(page)


def test_a_head_sees_only_his_territory(new_page, live_server, filled):
    head = RoleAssignmentFactory(role=Role.MUNICIPAL_HEAD, municipality=filled.surgut).user
    page = logged_in_page(new_page, live_server, head)
    page.goto("/analytics/mine/")
    links = page.locator("main a").all_inner_texts()
    assert "Сургут" in links and "Урай" not in links
    assert page.goto(f"/analytics/municipality/{filled.surgut.pk}/").status == 200
    assert page.goto(f"/analytics/municipality/{filled.urai.pk}/").status == 403
    assert page.goto("/analytics/region/").status == 403


def test_the_heat_map_is_drawn_and_its_fallback_hidden(new_page, live_server, axe_check, filled):
    page = new_page()
    page.goto("/analytics/")
    # The test region is large: a hexagon may be a pixel wide, so attached, not visible.
    page.wait_for_selector("#heat-map path.leaflet-interactive", state="attached")
    assert page.locator("#heat-map path.leaflet-interactive").count() >= 1
    assert page.locator("#heat-map-fallback").is_hidden()
    assert page.locator("#table-cells").is_visible()  # the table stays: the map's alternative
    page.wait_for_selector("#ngo-map path.leaflet-interactive", state="attached")
    assert page.locator("#ngo-map path.leaflet-interactive").count() == 1  # Сургут's hexagon
    assert page.locator("#ngo-map-fallback").is_hidden()
    expect(page.locator("#table-ngos")).to_be_visible()
    axe_check(page)


def test_without_javascript_the_page_says_so_and_keeps_the_table(new_page, filled):
    page = new_page(javascript=False)
    page.goto("/analytics/")
    assert page.locator("#heat-map").is_hidden()
    expect(page.locator("#heat-map-fallback")).to_be_visible()
    expect(page.locator("#table-cells")).to_be_visible()
    assert page.locator("#ngo-map").is_hidden()
    expect(page.locator("#ngo-map-fallback")).to_be_visible()
    expect(page.locator("#table-ngos")).to_be_visible()
