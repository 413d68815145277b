"""The shared 403 page and error summary in Chromium: no axe violations (also in the version for
the visually impaired), and the summary takes the keyboard focus when the page loads."""

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.test import Client
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def log_in_resident(page, live_server) -> None:
    user = get_user_model().objects.create_user(
        email="resident@example.org", password="x", last_name="Петров", first_name="Иван"
    )
    client = Client()
    client.force_login(user)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME].value
    page.context.add_cookies(
        [{"name": settings.SESSION_COOKIE_NAME, "value": cookie, "url": live_server.url}]
    )


@pytest.mark.parametrize("low_vision", [False, True])
def test_the_403_page_is_the_portals_page(new_page, live_server, axe_check, low_vision):
    page = new_page(low_vision=low_vision, language="ru")
    log_in_resident(page, live_server)
    response = page.goto(live_server.url + "/staff/")
    assert response.status == 403
    assert page.get_by_role("heading", level=1).inner_text() == "Доступ запрещён"
    expect(page.get_by_role("link", name="Перейти на главную страницу")).to_be_visible()
    axe_check(page)


def test_the_error_summary_takes_the_focus_and_links_to_the_field(page, axe_check):
    page.goto("/accounts/login/")
    page.get_by_role("button", name="Войти").last.click()
    summary = page.get_by_role("alert")
    expect(summary).to_be_focused()
    expect(summary.get_by_role("heading", level=2)).to_have_text("Исправьте, пожалуйста, следующее")
    summary.get_by_role("link").first.click()
    expect(page.locator("#id_username")).to_be_focused()
    axe_check(page)
