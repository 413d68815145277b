"""In Chromium: a parent filters the catalogue by his child's age and municipality; the catalogue's
pages, the import page and the site-wide search page pass axe-core with 0 violations."""

import pytest
from django.conf import settings
from django.core.management import call_command
from django.test import Client
from playwright.sync_api import expect

from veche.activities.tests.factories import OrganizationFactory, ProgrammeFactory


def log_in(page, live_server, user) -> None:
    client = Client()
    client.force_login(user)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME].value
    page.context.add_cookies(
        [{"name": settings.SESSION_COOKIE_NAME, "value": cookie, "url": live_server.url}]
    )


@pytest.mark.browser
def test_a_parent_filters_by_age_and_municipality(new_page, live_server, axe_check, world):
    surgut_club = OrganizationFactory(municipality=world.surgut, name="ЦДТ «Радуга»")
    urai_club = OrganizationFactory(municipality=world.urai, name="Лыжная база")
    ProgrammeFactory(organization=surgut_club, title="Изостудия", age_from=6, age_to=10)
    ProgrammeFactory(organization=surgut_club, title="Робототехника", age_from=10, age_to=17)
    ProgrammeFactory(organization=urai_club, title="Лыжные гонки", age_from=7, age_to=17)
    page = new_page(language="ru")
    page.goto(live_server.url + "/activities/")
    axe_check(page)
    page.get_by_label("Возраст ребёнка").fill("8")
    page.get_by_label("Муниципальное образование").select_option(label="Сургут")
    page.get_by_role("button", name="Показать").click()
    results = page.get_by_role("list").filter(has_text="Изостудия")
    # expect() waits for the filtered page; is_visible() answered before it had loaded.
    expect(results.get_by_role("link", name="Изостудия")).to_be_visible()
    body = page.locator("main").inner_text()
    assert "Робототехника" not in body and "Лыжные гонки" not in body
    assert "Найдена 1 программа" in body
    axe_check(page)
    page.get_by_role("link", name="Изостудия").click()
    expect(page.get_by_role("heading", level=1, name="Изостудия")).to_be_visible()
    axe_check(page)


@pytest.mark.browser
def test_the_import_and_search_pages_pass_axe(new_page, live_server, axe_check, world):
    ProgrammeFactory(organization=OrganizationFactory(municipality=world.surgut), title="Шахматы")
    call_command("reindex_search", verbosity=0)
    page = new_page(language="ru")
    log_in(page, live_server, world.regional_admin)
    page.goto(live_server.url + "/activities/import/")
    axe_check(page)
    page.get_by_role("button", name="Загрузить").click()
    axe_check(page)
    page.goto(live_server.url + "/search/")
    axe_check(page)
    page.get_by_role("searchbox", name="Что найти").fill("шахматами")
    page.get_by_role("button", name="Найти").last.click()
    expect(page.get_by_role("link", name="Шахматы")).to_be_visible()
    axe_check(page)
