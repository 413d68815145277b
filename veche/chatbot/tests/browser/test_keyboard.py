"""In Chromium: a resident files a report through the chatbot by keyboard alone (Tab, typing,
Enter), with HTMX swapping the conversation; the page passes axe-core at every step."""

import pytest
from django.conf import settings
from django.test import Client
from playwright.sync_api import expect

from veche.reports.models import Report


def log_in(page, live_server, user) -> None:
    client = Client()
    client.force_login(user)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME].value
    page.context.add_cookies(
        [{"name": settings.SESSION_COOKIE_NAME, "value": cookie, "url": live_server.url}]
    )


def tab_to(page, locator, most: int = 80) -> None:
    """Press Tab until the element has the focus (as a keyboard user moves through the page)."""
    expect(locator).to_be_visible()
    handle = locator.element_handle()
    for _ in range(most):
        if page.evaluate("element => document.activeElement === element", handle):
            return
        page.keyboard.press("Tab")
    raise AssertionError(f"{locator} never took the focus")


@pytest.mark.browser
def test_a_resident_files_a_report_by_keyboard(new_page, live_server, axe_check, world):
    page = new_page(language="ru")
    log_in(page, live_server, world.resident)
    page.goto(live_server.url + "/chat/")
    axe_check(page)

    tab_to(page, page.get_by_label("Ваше сообщение"))
    page.keyboard.type("как востановить пароль")
    page.keyboard.press("Enter")
    expect(page.get_by_role("link", name="Как восстановить пароль?")).to_be_visible()
    axe_check(page)

    tab_to(page, page.get_by_role("button", name="Сообщить о проблеме"))
    page.keyboard.press("Enter")
    expect(page.get_by_text("Шаг 1 из 4")).to_be_visible()
    tab_to(page, page.get_by_label("Тема"))
    tab_to(page, page.get_by_role("button", name="Далее"))
    page.keyboard.press("Enter")
    expect(page.get_by_text("Шаг 2 из 4")).to_be_visible()
    tab_to(page, page.get_by_label("Улица или место"))
    page.keyboard.type("ленина")
    page.keyboard.press("Enter")
    expect(page.get_by_role("radio").first).to_be_visible()
    axe_check(page)
    tab_to(page, page.get_by_role("button", name="Выбрать это место"))
    page.keyboard.press("Enter")
    expect(page.get_by_text("Шаг 3 из 4")).to_be_visible()
    tab_to(page, page.get_by_label("Что случилось"))
    page.keyboard.type("Глубокая яма у остановки, машины объезжают по встречной")
    tab_to(page, page.get_by_role("button", name="Далее"))
    page.keyboard.press("Enter")
    expect(page.get_by_text("Шаг 4 из 4")).to_be_visible()
    axe_check(page)
    tab_to(page, page.get_by_role("button", name="Отправить сообщение"))
    page.keyboard.press("Enter")
    expect(page.get_by_text("подано")).to_be_visible()
    report = Report.objects.get()
    assert report.author == world.resident and "Ленина" in report.address
    axe_check(page)
