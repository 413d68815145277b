"""Verification pages in chromium: 0 axe-core violations, and the phone flow by keyboard, no JS."""

import re

import pytest
from django.conf import settings
from django.test import Client
from playwright.sync_api import expect

from veche.accounts.services import account_create_passwordless
from veche.accounts.tests.factories import UserFactory
from veche.core import sms
from veche.territory.tests.factories import SettlementFactory
from veche.verification.models import Verification

from ..factories import DocumentVerificationFactory, moderator


def logged_in_page(new_page, live_server, user, **options):
    client = Client()
    client.force_login(user)
    page = new_page(**options)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME].value
    page.context.add_cookies(
        [{"name": settings.SESSION_COOKIE_NAME, "value": cookie, "url": live_server.url}]
    )
    return page


@pytest.mark.browser
@pytest.mark.parametrize("low_vision", [False, True])
def test_resident_pages_have_no_axe_violations(new_page, live_server, axe_check, low_vision):
    page = logged_in_page(
        new_page, live_server, UserFactory(), low_vision=low_vision, language="ru"
    )
    for path in ["/verification/", "/verification/phone/", "/verification/document/"]:
        page.goto(live_server.url + path)
        axe_check(page)
    # A form with errors: the error summary and the described fields.
    page.goto(live_server.url + "/verification/phone/confirm/")
    page.get_by_label("Код из СМС").fill("12")
    page.get_by_role("button", name="Подтвердить").click()
    expect(page.get_by_text("Код состоит из шести цифр.").first).to_be_visible()
    axe_check(page)


@pytest.mark.browser
@pytest.mark.parametrize("low_vision", [False, True])
def test_moderator_pages_have_no_axe_violations(new_page, live_server, axe_check, low_vision):
    resident = UserFactory(settlement=SettlementFactory())
    verification = DocumentVerificationFactory(user=resident, note="Паспорт, разворот с фото")
    page = logged_in_page(new_page, live_server, moderator(), low_vision=low_vision, language="ru")
    page.goto(live_server.url + "/verification/queue/")
    axe_check(page)
    page.get_by_role("button", name="Отклонить").click()
    expect(page.get_by_text("Укажите причину: житель её увидит.").first).to_be_visible()
    axe_check(page)
    verification.refresh_from_db()
    assert verification.status == Verification.Status.PENDING


@pytest.mark.browser
def test_phone_verification_by_keyboard_without_javascript(new_page, live_server):
    user = UserFactory(phone="+79125550022")
    sms.outbox.clear()
    page = logged_in_page(new_page, live_server, user, javascript=False, language="ru")
    page.goto(live_server.url + "/verification/phone/")
    page.get_by_role("button", name="Отправить код").press("Enter")
    page.wait_for_url("**/verification/phone/confirm/")
    code = re.search(r"\b(\d{6})\b", sms.outbox[-1].text).group(1)
    page.get_by_label("Код из СМС").focus()
    page.keyboard.type(code)
    page.keyboard.press("Enter")
    page.wait_for_url("**/verification/")
    expect(page.get_by_text("Ваша личность подтверждена").first).to_be_visible()
    user.refresh_from_db()
    assert user.verification_method == "phone"


@pytest.mark.browser
@pytest.mark.parametrize("low_vision", [False, True])
def test_claim_by_phone_without_javascript_and_axe_clean(
    new_page, live_server, axe_check, low_vision
):
    """The caller's claim: his number, a wrong code (the error is read out), the right one with
    a password, and he is in his cabinet — by keyboard, without JavaScript."""
    account_create_passwordless(phone="+79221112233")
    sms.outbox.clear()
    page = new_page(javascript=False, low_vision=low_vision, language="ru")
    page.goto(live_server.url + "/accounts/login/")
    page.get_by_role("link", name="Войдите по коду из СМС").click()
    axe_check(page)
    page.get_by_label("Номер телефона").fill("8 922 111-22-33")
    page.get_by_role("button", name="Отправить код").press("Enter")
    page.wait_for_url("**/verification/claim/code/")
    axe_check(page)
    code = re.search(r"\b(\d{6})\b", sms.outbox[-1].text).group(1)
    page.get_by_label("Код из СМС").fill("000000" if code != "000000" else "111111")
    page.get_by_label("Новый пароль").fill("Severnoe-Siyanie-42")
    page.get_by_label("Пароль ещё раз").fill("Severnoe-Siyanie-42")
    page.get_by_role("button", name="Задать пароль и войти").press("Enter")
    # The page comes back at the same address: wait for the message, not for a URL.
    expect(page.get_by_text("Неверный код. Осталось попыток: 4.").first).to_be_visible()
    axe_check(page)
    page.get_by_label("Код из СМС").fill(code)
    page.get_by_label("Новый пароль").fill("Severnoe-Siyanie-42")
    page.get_by_label("Пароль ещё раз").fill("Severnoe-Siyanie-42")
    page.get_by_role("button", name="Задать пароль и войти").press("Enter")
    page.wait_for_url("**/accounts/cabinet/")
    expect(page.get_by_text("Пароль задан, вы вошли.").first).to_be_visible()
