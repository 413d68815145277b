"""In Chromium: a resident asks and supports on a line's page, the regional admin answers and
is told why the line cannot close yet; every page passes axe-core with 0 violations."""

from datetime import timedelta

import pytest
from django.conf import settings
from django.test import Client
from django.utils import timezone
from playwright.sync_api import expect

from veche.accounts.tests.factories import UserFactory
from veche.directline import services
from veche.directline.models import Campaign, Channel
from veche.staff.models import Role
from veche.staff.tests.factories import RegionWideRoleFactory


def log_in(page, live_server, user) -> None:
    client = Client()
    client.force_login(user)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME].value
    page.context.clear_cookies()
    page.context.add_cookies(
        [{"name": settings.SESSION_COOKIE_NAME, "value": cookie, "url": live_server.url}]
    )


@pytest.mark.browser
def test_the_line_for_residents_and_staff(new_page, live_server, axe_check, db):
    line = Campaign.objects.create(
        title="Прямая линия с губернатором",
        event_at=timezone.now() + timedelta(days=5),
        recording_url="https://video.example/line",
    )
    admin = RegionWideRoleFactory(role=Role.REGIONAL_ADMIN).user
    called = services.question_enter(
        user=admin, campaign=line, channel=Channel.PHONE, text="Когда починят мост?"
    )
    services.question_answer(user=admin, question=called, text="Летом.", at_seconds=95)
    services.question_enter(user=admin, campaign=line, channel=Channel.LETTER, text="Про школу")

    page = new_page(language="ru")
    page.goto(live_server.url + "/direct-line/")
    axe_check(page)
    page.get_by_role("link", name="Прямая линия с губернатором").click()
    expect(page.get_by_role("link", name="Ответ в записи на 1:35")).to_be_visible()
    axe_check(page)

    resident = UserFactory()
    log_in(page, live_server, resident)
    page.reload()
    page.get_by_role("button", name="Отправить вопрос").click()  # empty: the error summary
    expect(page.get_by_role("alert")).to_be_visible()
    axe_check(page)
    page.get_by_label("Ваш вопрос").fill("Будет ли новая поликлиника?")
    page.get_by_role("button", name="Отправить вопрос").click()
    expect(page.get_by_text("Спасибо! Ваш вопрос появится после модерации.")).to_be_visible()
    page.get_by_role("button", name=f"Поддержать вопрос № {called.pk}").click()
    expect(page.get_by_text("Ваша поддержка учтена.")).to_be_visible()
    axe_check(page)
    page.goto(live_server.url + "/accounts/cabinet/")  # his question, awaiting moderation
    expect(page.get_by_text("Будет ли новая поликлиника?")).to_be_visible()
    axe_check(page)

    log_in(page, live_server, admin)
    page.goto(live_server.url + f"/direct-line/{line.pk}/work/")
    axe_check(page)
    page.get_by_role("button", name="Закрыть линию").click()
    expect(page.get_by_text("2 вопроса ещё без ответа.")).to_be_visible()
    axe_check(page)
    page.goto(live_server.url + "/direct-line/new/")
    axe_check(page)
