"""The public report pages in chromium: a resident files a report with a photo using the keyboard
alone, with JavaScript and without it; the filing form, the report page, the list and the map
have 0 axe-core violations."""

import re

import pytest
from django.conf import settings
from django.test import Client

from veche.reports import services
from veche.reports.models import Report, ReportMedia
from veche.reports.tests.factories import RoutedReportFactory, TopicAttributeFactory
from veche.reports.tests.images import GPS_IFD, exif_of, jpeg_with_gps
from veche.territory.tests.factories import SettlementFactory

expect = pytest.importorskip("playwright.sync_api").expect
pytestmark = pytest.mark.browser

REPORT_PAGE = re.compile(r".*/reports/\d+/$")
# The tab order is short; a control farther than this is not reachable in practice.
MAX_TABS = 60


@pytest.fixture(autouse=True)
def _offline_tiles(settings):
    # Tiles from our own origin (they 404 quickly): the tests never reach out to the internet.
    settings.MAP_TILE_URL = "/static/test-tiles/{z}/{x}/{y}.png"


def logged_in_page(new_page, live_server, user, **options):
    client = Client()
    client.force_login(user)
    page = new_page(**({"language": "ru"} | options))
    cookie = client.cookies[settings.SESSION_COOKIE_NAME].value
    page.context.add_cookies(
        [{"name": settings.SESSION_COOKIE_NAME, "value": cookie, "url": live_server.url}]
    )
    return page


def tab_to(page, selector: str) -> None:
    """Press Tab until the element matching `selector` has the focus."""
    for _ in range(MAX_TABS):
        page.keyboard.press("Tab")
        if page.evaluate("s => document.activeElement.matches(s)", selector):
            return
    raise AssertionError(f"{selector} cannot be reached with the Tab key")


def choose_option(page, selector: str, label: str) -> None:
    """Move through a focused <select> with the arrow keys until `label` is chosen."""
    tab_to(page, selector)
    chosen = "s => { const e = document.querySelector(s); return e.options[e.selectedIndex].text; }"
    for _ in range(200):
        if page.evaluate(chosen, selector) == label:
            return
        page.keyboard.press("ArrowDown")
    raise AssertionError(f"{label} is not an option of {selector}")


def attach_photo(page) -> None:
    # The file dialog belongs to the operating system, not to the page: Playwright fills it
    # once the keyboard has reached the input.
    tab_to(page, "#id_photos")
    photo = jpeg_with_gps("yama.jpg")
    page.locator("#id_photos").set_input_files(
        [{"name": "yama.jpg", "mimeType": "image/jpeg", "buffer": photo.read()}]
    )


def assert_filed_with_a_clean_photo(page, world) -> Report:
    report = Report.objects.get(author=world.author)
    assert page.url.endswith(f"/reports/{report.pk}/")
    expect(page.get_by_text(f"Сообщение № {report.pk} подано")).to_be_visible()
    photo = ReportMedia.objects.get(report=report)
    photo.file.open()
    assert GPS_IFD not in exif_of(photo.file.read())
    return report


def test_a_resident_files_a_report_with_a_photo_by_keyboard(new_page, live_server, world):
    TopicAttributeFactory(topic=world.topic, code="where", required=True)
    page = logged_in_page(new_page, live_server, world.author)
    page.goto(live_server.url + "/reports/new/")
    choose_option(page, "#id_topic", world.topic.name)
    # Only the chosen topic's question is shown: a radio group, chosen with the arrow keys.
    tab_to(page, f"#id_attr-{world.topic.pk}-where_0")
    page.keyboard.press("ArrowDown")
    tab_to(page, "#id_text")
    page.keyboard.type("Глубокая яма у подъезда, машины бьют колёса.")
    # The map is a mouse tool; the keyboard marks the centre of the map instead.
    tab_to(page, "#place-map-centre")
    page.keyboard.press("Enter")
    assert page.locator("#id_lat").input_value() != ""
    attach_photo(page)
    tab_to(page, "button[form=report-form]")
    page.keyboard.press("Enter")
    page.wait_for_url(REPORT_PAGE)
    report = assert_filed_with_a_clean_photo(page, world)
    assert report.attributes == {"where": "walk"}
    assert report.municipality == world.author.settlement.municipality


@pytest.mark.parametrize("place", ["settlement", "coordinates"])
def test_a_resident_files_a_report_without_javascript(new_page, live_server, world, place):
    village = SettlementFactory(municipality=world.surgut, name="Солнечный")
    page = logged_in_page(new_page, live_server, world.author, javascript=False)
    page.goto(live_server.url + "/reports/new/")
    assert page.locator("#place-map").is_hidden()
    choose_option(page, "#id_topic", world.topic.name)
    tab_to(page, "#id_text")
    page.keyboard.type("Не вывозят мусор третью неделю.")
    if place == "coordinates":
        tab_to(page, "#id_lat")
        page.keyboard.type(f"{world.urai.centre_lat}".replace(".", ","))
        tab_to(page, "#id_lon")
        page.keyboard.type(f"{world.urai.centre_lon}")
    else:
        choose_option(page, "#id_settlement", "Солнечный")
        tab_to(page, "#id_address")
        page.keyboard.type("ул. Школьная, 3")
    attach_photo(page)
    tab_to(page, "button[form=report-form]")
    page.keyboard.press("Enter")
    page.wait_for_url(REPORT_PAGE)
    report = assert_filed_with_a_clean_photo(page, world)
    if place == "coordinates":
        assert report.municipality == world.urai
    else:
        assert (report.settlement, report.address) == (village, "ул. Школьная, 3")


@pytest.mark.parametrize("low_vision", [False, True])
def test_the_filing_form_has_no_axe_violations(new_page, live_server, axe_check, world, low_vision):
    TopicAttributeFactory(topic=world.topic)
    near = RoutedReportFactory(topic=world.topic, municipality=world.surgut)
    page = logged_in_page(new_page, live_server, world.author, low_vision=low_vision)
    page.goto(live_server.url + "/reports/new/")
    axe_check(page)
    # Empty form sent: the error summary takes the focus and every field says what is wrong.
    page.get_by_role("button", name="Отправить сообщение").click()
    expect(page.get_by_role("alert")).to_be_focused()
    axe_check(page)
    # Typing a place near an open report of the topic lists it (htmx) with a support button.
    page.locator("#id_topic").select_option(str(world.topic.pk))
    page.locator("#id_lat").fill(f"{near.lat}")
    page.locator("#id_lon").fill(f"{near.lon}")
    page.locator("#id_lon").press("Tab")
    support = page.get_by_role("button", name=f"Поддержать сообщение № {near.pk} вместо нового")
    support.wait_for()
    axe_check(page)


def test_the_nearby_step_without_javascript_has_no_axe_violations(
    new_page, live_server, axe_check, world
):
    near = RoutedReportFactory(topic=world.topic, municipality=world.surgut)
    page = logged_in_page(new_page, live_server, world.author, javascript=False)
    page.goto(live_server.url + "/reports/new/")
    page.locator("#id_topic").select_option(str(world.topic.pk))
    page.locator("#id_text").fill("Яма")
    page.locator("#id_lat").fill(f"{near.lat}")
    page.locator("#id_lon").fill(f"{near.lon}")
    page.get_by_role("button", name="Отправить сообщение").click()
    expect(page.get_by_text("Рядом уже есть похожие сообщения")).to_be_visible()
    axe_check(page)
    page.get_by_label("Моей проблемы здесь нет: подать новое сообщение").check()
    page.get_by_role("button", name="Отправить сообщение").click()
    page.wait_for_url(REPORT_PAGE)
    assert Report.objects.filter(author=world.author).count() == 1


def _answered_report(world) -> Report:
    report = RoutedReportFactory(author=world.author, municipality=world.surgut, support_count=2)
    for n in range(2):
        ReportMedia.objects.create(
            report=report,
            kind="photo",
            file=f"reports/a{n}.jpg",
            thumbnail=f"reports/thumbs/a{n}.jpg",
            content_type="image/jpeg",
            size=100,
        )
    services.report_answer(
        official=world.official, report=report, kind="resolved", text="Яму заделали."
    )
    return report


def test_the_report_page_has_no_axe_violations(new_page, live_server, axe_check, world):
    report = _answered_report(world)
    visitor = logged_in_page(new_page, live_server, world.neighbour)
    visitor.goto(live_server.url + f"/reports/{report.pk}/")
    expect(visitor.locator("#report-map.leaflet-container")).to_be_visible()
    axe_check(visitor)
    # Support through htmx: the block is swapped in place, the count goes up.
    visitor.get_by_role("button", name="Поддержать: у меня та же проблема").click()
    visitor.get_by_text("Спасибо: ваша поддержка учтена.").wait_for()
    assert "3" in visitor.locator(".support-count").inner_text()
    axe_check(visitor)

    author = logged_in_page(new_page, live_server, world.author)
    author.goto(live_server.url + f"/reports/{report.pk}/")
    axe_check(author)
    author.get_by_role("button", name="Оспорить ответ").click()
    expect(author.get_by_role("alert")).to_be_focused()
    axe_check(author)


def test_the_list_has_no_axe_violations(new_page, live_server, axe_check, world):
    RoutedReportFactory.create_batch(25, municipality=world.surgut, text="Ямы во дворе")
    page = new_page(language="ru")
    page.goto(live_server.url + "/reports/?q=яма")
    expect(page.get_by_role("heading", name="Найдено 25 сообщений")).to_be_visible()
    axe_check(page)
    page.get_by_label("Статус").select_option("routed")
    page.get_by_role("button", name="Показать").click()
    page.wait_for_url("**status=routed**")
    axe_check(page)


@pytest.mark.parametrize("javascript", [True, False])
def test_the_map_has_no_axe_violations(new_page, live_server, axe_check, world, javascript):
    RoutedReportFactory.create_batch(30, municipality=world.surgut)
    page = new_page(language="ru", javascript=javascript)
    page.goto(live_server.url + f"/reports/map/?municipality={world.surgut.pk}")
    if javascript:
        page.locator(".marker-cluster").first.wait_for()
        assert page.get_by_role("status").inner_text() == "Сообщений на карте: 30."
    else:
        expect(page.get_by_text("Для карты нужен JavaScript")).to_be_visible()
    axe_check(page)
