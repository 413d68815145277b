"""The voting points' staff pages in Chromium: a point is added and an operator granted with the
keyboard alone and with JavaScript off; the form with its errors is axe-clean, also in the
version for the visually impaired."""

import pytest
from django.conf import settings
from django.test import Client
from playwright.sync_api import expect

from veche.accounts.tests.factories import UserFactory
from veche.core.low_vision import LowVision
from veche.staff.models import Role
from veche.staff.tests.factories import RoleAssignmentFactory
from veche.territory.tests.factories import MunicipalityFactory
from veche.voting.models import VotingPoint, VotingPointMember

pytestmark = pytest.mark.browser


def _log_in(page, live_server, user) -> None:
    client = Client()
    client.force_login(user)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME].value
    page.context.add_cookies(
        [{"name": settings.SESSION_COOKIE_NAME, "value": cookie, "url": live_server.url}]
    )


@pytest.mark.parametrize(
    ("javascript", "low_vision"), [(True, False), (False, False), (True, LowVision(size="3"))]
)
def test_add_a_point_and_its_operator(new_page, live_server, axe_check, javascript, low_vision):
    surgut = MunicipalityFactory(name="Сургут")
    admin = RoleAssignmentFactory(role=Role.MUNICIPAL_ADMIN, municipality=surgut).user
    operator = UserFactory(first_name="Ольга", last_name="Лебедева")
    RoleAssignmentFactory(user=operator, role=Role.OPERATOR, municipality=surgut)
    resident = UserFactory()
    page = new_page(language="ru", javascript=javascript, low_vision=low_vision)
    _log_in(page, live_server, admin)

    page.goto(live_server.url + "/voting/points/")
    axe_check(page)  # the empty state
    page.get_by_role("link", name="Добавить пункт голосования").click()
    page.get_by_label("Название").fill("Выставка «Сургут — город будущего»")
    page.get_by_label("Адрес").fill("ул. Профсоюзов, 11")
    page.get_by_label("Адрес").press("Enter")  # submitted from the keyboard
    expect(page.get_by_role("heading", level=1)).to_contain_text("Операторы пункта")
    point = VotingPoint.objects.get()
    assert point.municipality == surgut

    # A resident is refused with the reason on the form.
    page.get_by_label("Электронная почта оператора").fill(resident.email)
    page.get_by_label("Электронная почта оператора").press("Enter")
    expect(page.get_by_role("alert")).to_contain_text("Сначала назначьте сотруднику роль")
    axe_check(page)
    assert not VotingPointMember.objects.exists()

    page.get_by_label("Электронная почта оператора").fill(operator.email)
    page.get_by_label("Электронная почта оператора").press("Enter")
    expect(page.get_by_role("table")).to_contain_text("Лебедева")
    assert VotingPointMember.objects.filter(point=point, user=operator).exists()
    axe_check(page)

    page.goto(live_server.url + "/voting/points/")
    expect(page.get_by_role("table")).to_contain_text("принимает бюллетени")
    axe_check(page)
