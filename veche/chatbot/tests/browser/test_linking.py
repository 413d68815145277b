"""In Chromium: the cabinet's messengers section and the one-time code's page pass axe-core; the
code shown links a chat."""

import pytest
from playwright.sync_api import expect

from veche.chatbot.models import MessengerLink
from veche.chatbot.services import messenger_link

from .test_keyboard import log_in


@pytest.mark.browser
def test_a_resident_takes_a_code_in_his_cabinet(new_page, live_server, axe_check, world, settings):
    settings.CHATBOT_TELEGRAM_BOT_NAME = "veche_bot"
    page = new_page(language="ru")
    log_in(page, live_server, world.resident)
    page.goto(live_server.url + "/accounts/cabinet/")
    axe_check(page)
    page.get_by_role("button", name="Получить код для привязки мессенджера").click()
    code = page.locator(".link-code")
    expect(code).to_be_visible()
    axe_check(page)
    assert (
        messenger_link(messenger="telegram", chat_id="77", code=code.inner_text()) == world.resident
    )
    page.goto(live_server.url + "/accounts/cabinet/")
    expect(page.get_by_role("button", name="Отвязать Telegram")).to_be_visible()
    axe_check(page)
    page.get_by_role("button", name="Отвязать Telegram").click()
    expect(page.get_by_text("Чат отвязан от вашей учётной записи.")).to_be_visible()
    assert not MessengerLink.objects.exists()
