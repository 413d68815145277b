"""In Chromium, by keyboard alone: a resident finds an object on the map, opens it, files a
report about it («Сообщить о проблеме здесь»: the object preselected, its topics first), then
rates a completed object; axe-core finds nothing on the proposal form, the proposals, the
on-time page and the object page with its rating form."""

import pytest
from django.conf import settings
from django.test import Client

from veche.infrastructure.models import Proposal, Rating, Status
from veche.reports.models import Report
from veche.reports.tests.factories import TopicFactory
from veche.reports.tests.images import jpeg_with_gps
from veche.testing.browser import zoom_through_clusters

from ..factories import FacilityFactory

pytestmark = pytest.mark.browser
expect = pytest.importorskip("playwright.sync_api").expect
MAX_TABS = 150


@pytest.fixture(autouse=True)
def _offline_tiles(settings):
    settings.MAP_TILE_URL = "/static/test-tiles/{z}/{x}/{y}.png"


def logged_in(new_page, live_server, user, **options):
    client = Client()
    client.force_login(user)
    page = new_page(**options)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME].value
    page.context.add_cookies(
        [{"name": settings.SESSION_COOKIE_NAME, "value": cookie, "url": live_server.url}]
    )
    return page


def tab_to(page, selector: str) -> None:
    for _ in range(MAX_TABS):
        page.keyboard.press("Tab")
        if page.evaluate("s => document.activeElement.matches(s)", selector):
            return
    raise AssertionError(f"{selector} cannot be reached with the Tab key")


def open_on_the_map(page, live_server, world, name: str) -> None:
    page.goto(f"{live_server.url}/objects/map/?municipality={world.surgut.pk}")
    zoom_through_clusters(page, "#infrastructure-map")
    marker = page.locator(f'.leaflet-marker-icon[title="{name}"]')
    expect(marker).to_have_count(1)
    marker.focus()
    page.keyboard.press("Enter")
    link = page.get_by_role("link", name="Открыть страницу объекта")
    link.focus()
    page.keyboard.press("Enter")
    expect(page.locator("h1")).to_have_text(name)


def test_find_open_report_and_rate_by_keyboard(new_page, live_server, world):
    road = FacilityFactory(
        municipality=world.surgut, category=world.roads, name="Ремонт улицы Мира"
    )
    park = FacilityFactory(
        municipality=world.surgut,
        category=world.yards,
        name="Сквер у школы",
        status=Status.COMPLETED,
        progress=100,
        lat=world.surgut.centre_lat + 0.01,
        min_lat=world.surgut.centre_lat + 0.01,
        max_lat=world.surgut.centre_lat + 0.01,
        geometry={
            "type": "Point",
            "coordinates": [world.surgut.centre_lon, world.surgut.centre_lat + 0.01],
        },
    )
    TopicFactory(name="Другая тема")
    topic = TopicFactory(name="Качество работ на объекте")
    world.roads.report_topics.add(topic)
    page = logged_in(new_page, live_server, world.resident)

    open_on_the_map(page, live_server, world, road.name)
    tab_to(page, "a.button[href*='subject=']")
    page.keyboard.press("Enter")
    page.wait_for_url("**/reports/new/**")
    expect(page.locator("#report-subject")).to_contain_text(road.name)
    # The object's own topic is the first one offered: one arrow key down from «choose».
    tab_to(page, "#id_topic")
    page.keyboard.press("ArrowDown")
    assert page.locator("#id_topic").input_value() == str(topic.pk)
    tab_to(page, "#id_text")
    page.keyboard.type("Асфальт провалился через месяц после ремонта.")
    assert page.locator("#id_lat").input_value() != ""  # the object's place
    tab_to(page, "#id_photos")
    page.locator("#id_photos").set_input_files(
        [{"name": "a.jpg", "mimeType": "image/jpeg", "buffer": jpeg_with_gps("a.jpg").read()}]
    )
    tab_to(page, "button[form=report-form]")
    page.keyboard.press("Enter")
    page.wait_for_url("**/reports/*/")
    report = Report.objects.get()
    assert (report.subject_kind, report.subject_id) == ("infrastructure.facility", road.pk)
    expect(page.get_by_role("link", name=road.name)).to_be_visible()

    open_on_the_map(page, live_server, world, park.name)
    tab_to(page, "#id_score_0")  # «5», the first radio
    page.keyboard.press("ArrowDown")  # «4»
    tab_to(page, "#id_comment")
    page.keyboard.type("Уютно, но мало скамеек.")
    tab_to(page, "#rating-form button[type=submit]")
    page.keyboard.press("Enter")
    page.wait_for_url("**#rating")
    rating = Rating.objects.get()
    assert (rating.facility, rating.user, rating.score) == (park, world.resident, 4)


def test_residents_pages_pass_axe(new_page, live_server, axe_check, world):
    completed = FacilityFactory(
        municipality=world.surgut, category=world.yards, status=Status.COMPLETED, progress=100
    )
    page = logged_in(new_page, live_server, world.resident)
    page.goto(f"{live_server.url}{completed.get_absolute_url()}")
    expect(page.locator("#rating-form")).to_be_visible()
    axe_check(page)
    page.goto(f"{live_server.url}/objects/proposals/new/")
    axe_check(page)
    page.get_by_role("button", name="Отправить предложение").click()
    expect(page.get_by_role("alert")).to_be_focused()
    axe_check(page)
    # An object put to the vote, with its vote section and button (a resident of Surgut).
    import datetime

    from django.utils import timezone

    from veche.accounts.tests.factories import UserFactory
    from veche.territory.tests.factories import SettlementFactory

    now = timezone.now()
    voted = FacilityFactory(
        municipality=world.surgut,
        vote_opens=now - datetime.timedelta(days=1),
        vote_closes=now + datetime.timedelta(days=5),
    )
    voter = UserFactory(settlement=SettlementFactory(municipality=world.surgut))
    page = logged_in(new_page, live_server, voter)
    page.goto(f"{live_server.url}{voted.get_absolute_url()}")
    expect(page.get_by_role("button", name="Проголосовать за объект")).to_be_visible()
    axe_check(page)
    for path in ("/objects/proposals/", "/objects/on-time/"):
        page.goto(f"{live_server.url}{path}")
        axe_check(page)


def test_the_proposal_point_is_picked_on_the_map_by_keyboard(new_page, live_server, world):
    from veche.territory.maps import place_bounds

    min_lat, min_lon, max_lat, max_lon = place_bounds(None)
    page = logged_in(new_page, live_server, world.resident)
    page.goto(f"{live_server.url}/objects/proposals/new/")
    expect(page.locator("#proposal-map")).to_be_visible()
    assert page.input_value("#id_lat") == page.input_value("#id_lon") == ""
    tab_to(page, "#proposal-map-centre")
    page.keyboard.press("Enter")
    lat, lon = float(page.input_value("#id_lat")), float(page.input_value("#id_lon"))
    assert min_lat <= lat <= max_lat and min_lon <= lon <= max_lon
    expect(page.locator("#proposal-map .leaflet-marker-icon")).to_have_count(1)
    # Typing the coordinates still works and moves the marker (the fields stay the truth).
    page.fill("#id_lat", str(world.surgut.centre_lat))
    page.fill("#id_lon", str(world.surgut.centre_lon))
    page.fill("#id_title", "Сквер у школы")
    page.fill("#id_reason", "Негде гулять")
    page.select_option("#id_category", str(world.yards.pk))
    page.get_by_role("button", name="Отправить предложение").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Сквер у школы")
    proposal = Proposal.objects.get()
    assert (proposal.lat, proposal.lon) == (world.surgut.centre_lat, world.surgut.centre_lon)
