"""The account pages pass axe-core (0 violations) in the normal and the low-vision version,
including their error states."""

import pytest
from django.conf import settings
from django.test import Client
from playwright.sync_api import expect

from veche.accounts.tests.factories import UnconfirmedUserFactory, UserFactory
from veche.territory.tests.factories import SettlementFactory

PUBLIC = [
    "/accounts/login/",
    "/accounts/register/",
    "/accounts/register/done/",
    "/accounts/confirm/resend/",
    "/accounts/confirm/not-a-token/",
    "/accounts/password/reset/",
    "/accounts/password/reset/sent/",
    "/accounts/privacy/",
]
OWN = [
    "/accounts/cabinet/",
    "/accounts/email/change/",
    "/accounts/password/change/",
    "/accounts/delete/",
]


def log_in(page, live_server, user) -> None:
    client = Client()
    client.force_login(user)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME].value
    page.context.add_cookies(
        [{"name": settings.SESSION_COOKIE_NAME, "value": cookie, "url": live_server.url}]
    )


@pytest.mark.browser
@pytest.mark.parametrize("low_vision", [False, True])
def test_public_pages(new_page, live_server, axe_check, low_vision):
    SettlementFactory()
    page = new_page(low_vision=low_vision, language="ru")
    for path in PUBLIC:
        page.goto(live_server.url + path)
        axe_check(page)


@pytest.mark.browser
@pytest.mark.parametrize("low_vision", [False, True])
def test_own_pages(new_page, live_server, axe_check, low_vision):
    page = new_page(low_vision=low_vision, language="ru")
    log_in(page, live_server, UnconfirmedUserFactory())
    for path in OWN:
        page.goto(live_server.url + path)
        axe_check(page)


@pytest.mark.browser
@pytest.mark.parametrize("low_vision", [False, True])
def test_error_states(new_page, live_server, axe_check, low_vision):
    SettlementFactory()
    page = new_page(low_vision=low_vision, language="ru")
    page.goto(live_server.url + "/accounts/register/")
    page.get_by_role("button", name="Зарегистрироваться").click()
    expect(page.get_by_text("Укажите фамилию.").first).to_be_visible()
    axe_check(page)
    page.goto(live_server.url + "/accounts/login/")
    page.get_by_label("Электронная почта").fill("nobody@mail.ru")
    page.get_by_label("Пароль").fill("wrong")
    page.get_by_role("button", name="Войти").click()
    refusal = "Неверный адрес электронной почты, телефон или пароль."
    expect(page.get_by_text(refusal).first).to_be_visible()
    axe_check(page)
    log_in(page, live_server, UserFactory())
    page.goto(live_server.url + "/accounts/delete/")
    page.get_by_role("button", name="Удалить учётную запись навсегда").click()
    axe_check(page)
