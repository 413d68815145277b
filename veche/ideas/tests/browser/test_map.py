"""The ideas' map in Chromium: the server's clusters drawn as keyboard markers (core/maps.py) that
zoom in when pressed, the count they stand for in the status line, and no axe-core violations."""

import pytest

from veche.ideas.tests.factories import PublishedIdeaFactory

expect = pytest.importorskip("playwright.sync_api").expect
pytestmark = pytest.mark.browser


def test_the_map_draws_the_servers_clusters_and_one_zooms_in(
    new_page, live_server, axe_check, world
):
    m = world.surgut
    for _ in range(5):
        PublishedIdeaFactory(municipality=m, lat=m.centre_lat, lon=m.centre_lon)
    page = new_page(language="ru")
    page.goto(live_server.url + f"/ideas/map/?municipality={m.pk}")
    cluster = page.locator(".marker-cluster")
    expect(cluster).to_have_count(1)
    expect(page.get_by_role("status")).to_have_text("Идей на карте: 5.")
    axe_check(page)
    before = page.evaluate("() => document.querySelector('.leaflet-container') && 1")
    assert before == 1
    cluster.first.focus()
    page.keyboard.press("Enter")
    # Zoomed in past the clusters' zooms the ideas come as markers of their own.
    for _ in range(6):
        if page.locator(".marker-cluster").count() == 0:
            break
        page.locator(".marker-cluster").first.focus()
        page.keyboard.press("Enter")
        page.wait_for_timeout(400)
    expect(page.locator(".leaflet-marker-icon:not(.marker-cluster)")).to_have_count(5)
