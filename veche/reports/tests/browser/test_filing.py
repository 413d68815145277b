"""Filing on a phone and by keyboard in chromium: the street search and the "where am I" button
(geolocation granted by the browser context at a fixed position), and the clear messages when
the location is refused, lies outside the region, or the search finds nothing. Each state of the
form has 0 axe-core violations."""

import pytest

from veche.reports.models import Report
from veche.reports.tests.images import jpeg_with_gps
from veche.territory.tests.factories import PlaceFactory, SettlementFactory

from .test_public_pages import REPORT_PAGE, _offline_tiles, logged_in_page, tab_to  # noqa: F401

expect = pytest.importorskip("playwright.sync_api").expect
pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}
MOSCOW = {"latitude": 55.7558, "longitude": 37.6173}


@pytest.fixture
def street(world):
    town = SettlementFactory(municipality=world.surgut, name="Сургут")
    return PlaceFactory(
        settlement=town,
        name="улица Семёна Билецкого",
        lat=world.surgut.centre_lat + 0.01,
        lon=world.surgut.centre_lon + 0.01,
    )


def here(world) -> dict:
    return {"latitude": world.surgut.centre_lat, "longitude": world.surgut.centre_lon}


def filing_page(new_page, live_server, world, **options):
    page = logged_in_page(new_page, live_server, world.author, **options)
    page.goto(live_server.url + "/reports/new/")
    return page


def status(page):
    return page.locator("#place-status")


def test_a_resident_files_on_a_phone_with_the_street_search_and_geolocation(
    new_page, live_server, axe_check, world, street
):
    page = filing_page(
        new_page,
        live_server,
        world,
        viewport=PHONE,
        geolocation=here(world),
        permissions=["geolocation"],
    )
    page.locator("#id_topic").select_option(str(world.topic.pk))
    page.locator("#id_text").fill("Не горит фонарь у остановки.")

    page.get_by_label("Найти улицу или населённый пункт").fill("билец сург")
    page.locator("#report-form").get_by_role("button", name="Найти", exact=True).click()
    page.get_by_role("link", name="улица Семёна Билецкого").click()
    expect(status(page)).to_contain_text("Место отмечено на карте: улица Семёна Билецкого")
    assert float(page.locator("#id_lat").input_value()) == pytest.approx(street.lat)
    assert page.locator("#id_address").input_value() == "Сургут, улица Семёна Билецкого"
    axe_check(page)

    page.get_by_role("button", name="Где я? Отметить моё местоположение").click()
    expect(status(page)).to_contain_text("Ваше местоположение отмечено на карте")
    assert float(page.locator("#id_lat").input_value()) == pytest.approx(world.surgut.centre_lat)
    # The street's address no longer says where the point is: it is cleared.
    assert page.locator("#id_address").input_value() == ""
    axe_check(page)

    page.get_by_role("button", name="Отправить сообщение").click()
    page.wait_for_url(REPORT_PAGE)
    report = Report.objects.get(author=world.author)
    assert (report.lat, report.address) == (pytest.approx(world.surgut.centre_lat), "")
    expect(page.get_by_text(f"Сообщение № {report.pk} подано")).to_be_visible()


def test_a_resident_finds_the_street_and_files_by_keyboard_alone(
    new_page, live_server, axe_check, world, street
):
    page = filing_page(new_page, live_server, world, viewport={"width": 1280, "height": 900})
    page.locator("#id_topic").focus()
    page.keyboard.press("ArrowDown")
    tab_to(page, "#id_text")
    page.keyboard.type("Яма во дворе.")
    tab_to(page, "#place-search-query")
    page.keyboard.type("Билецкого")
    page.keyboard.press("Enter")  # the search's own form, not the report
    tab_to(page, "a.place-match")
    page.keyboard.press("Enter")
    expect(status(page)).to_contain_text("Место отмечено на карте")
    assert not Report.objects.exists()
    axe_check(page)
    tab_to(page, "button[form=report-form]")
    page.keyboard.press("Enter")
    page.wait_for_url(REPORT_PAGE)
    report = Report.objects.get(author=world.author)
    assert (report.lat, report.lon) == (pytest.approx(street.lat), pytest.approx(street.lon))


def test_a_refused_location_says_what_to_do_instead(new_page, live_server, axe_check, world):
    page = filing_page(new_page, live_server, world, viewport=PHONE)
    page.context.clear_permissions()
    page.get_by_role("button", name="Где я? Отметить моё местоположение").click()
    expect(status(page)).to_have_text(
        "Браузеру не разрешено сообщать ваше местоположение. "
        "Найдите улицу по названию или отметьте место на карте."
    )
    assert page.locator("#id_lat").input_value() == ""
    axe_check(page)


def test_a_location_outside_the_region_is_not_marked(new_page, live_server, axe_check, world):
    page = filing_page(
        new_page,
        live_server,
        world,
        viewport=PHONE,
        geolocation=MOSCOW,
        permissions=["geolocation"],
    )
    page.get_by_role("button", name="Где я? Отметить моё местоположение").click()
    expect(status(page)).to_contain_text("Вы находитесь за пределами региона")
    assert page.locator("#id_lat").input_value() == ""
    axe_check(page)


@pytest.mark.parametrize("javascript", [True, False])
def test_a_search_with_no_match_says_so(new_page, live_server, axe_check, world, javascript):
    page = filing_page(new_page, live_server, world, javascript=javascript)
    page.get_by_label("Найти улицу или населённый пункт").fill("Несуществующая")
    page.locator("#report-form").get_by_role("button", name="Найти", exact=True).click()
    expect(page.locator("#place-results")).to_contain_text(
        "По запросу «Несуществующая» ничего не найдено."
    )
    if javascript:
        axe_check(page)


def test_without_javascript_a_match_is_a_link_that_sets_the_point(
    new_page, live_server, axe_check, world, street
):
    page = filing_page(new_page, live_server, world, javascript=False)
    page.get_by_label("Найти улицу или населённый пункт").fill("семен")
    page.locator("#report-form").get_by_role("button", name="Найти", exact=True).click()
    page.get_by_role("link", name="улица Семёна Билецкого").click()
    assert float(page.locator("#id_lat").input_value()) == pytest.approx(street.lat)
    assert page.locator("#id_address").input_value() == "Сургут, улица Семёна Билецкого"


def test_a_guest_is_told_why_to_log_in(new_page, live_server, axe_check, world):
    page = new_page(language="ru")
    page.goto(live_server.url + "/reports/")
    page.get_by_role("link", name="Сообщить о проблеме").first.click()
    expect(page.get_by_text("Войдите, чтобы подать сообщение.")).to_be_visible()
    axe_check(page)
    page.get_by_role("link", name="Войти", exact=True).last.click()
    assert "next=/reports/new/" in page.url


def test_chosen_photos_are_offered_again_after_an_error(new_page, live_server, axe_check, world):
    page = filing_page(new_page, live_server, world, viewport=PHONE)
    expect(page.get_by_text("До 10 фотографий")).to_be_visible()  # stated before any error
    photo = jpeg_with_gps("yama.jpg")
    page.locator("#id_photos").set_input_files(
        [{"name": "yama.jpg", "mimeType": "image/jpeg", "buffer": photo.read()}]
    )
    page.get_by_role("button", name="Отправить сообщение").click()
    expect(page.get_by_role("alert")).to_be_focused()
    expect(page.get_by_label("Убрать «yama.jpg»")).to_be_visible()
    axe_check(page)
    page.locator("#id_topic").select_option(str(world.topic.pk))
    page.locator("#id_text").fill("Яма.")
    page.locator("#id_lat").fill(f"{world.surgut.centre_lat}")
    page.locator("#id_lon").fill(f"{world.surgut.centre_lon}")
    page.get_by_role("button", name="Отправить сообщение").click()
    page.wait_for_url(REPORT_PAGE)
    assert Report.objects.get(author=world.author).media.count() == 1
