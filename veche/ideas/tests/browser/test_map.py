"""The ideas' map in Chromium: the server's clusters drawn as keyboard markers (core/maps.py) that
zoom in when pressed, the count they stand for in the status line, and no axe-core violations."""

import time

import pytest

from veche.ideas.tests.factories import PublishedIdeaFactory
from veche.testing.browser import zoom_through_clusters

playwright = pytest.importorskip("playwright.sync_api")
expect = playwright.expect
pytestmark = pytest.mark.browser


def test_the_map_draws_the_servers_clusters_and_one_zooms_in(
    new_page, live_server, axe_check, world
):
    m = world.surgut
    for _ in range(5):
        PublishedIdeaFactory(municipality=m, lat=m.centre_lat, lon=m.centre_lon)
    page = new_page(language="ru")
    # A feed slower than the zoom's animation, as on a loaded server: the old clusters stay on
    # screen until it answers, and pressing one of them then would zoom nowhere.
    page.route("**/ideas/map.geojson*", lambda route: (time.sleep(0.8), route.continue_()))
    page.goto(live_server.url + f"/ideas/map/?municipality={m.pk}")
    cluster = page.locator(".marker-cluster")
    expect(cluster).to_have_count(1)
    expect(page.get_by_role("status")).to_have_text("Идей на карте: 5.")
    axe_check(page)
    # Each press zooms in two steps; past the clusters' zooms the ideas come as markers.
    zoom_through_clusters(page, "#ideas-map")
    expect(page.locator(".leaflet-marker-icon:not(.marker-cluster)")).to_have_count(5)
