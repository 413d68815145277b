"""The staff pages pass axe-core (0 violations) in the normal and the low-vision version, and the
role form works by keyboard without JavaScript."""

import pytest
from django.conf import settings
from django.test import Client

from veche.accounts.tests.factories import UserFactory
from veche.staff.models import Role, RoleAssignment

expect = pytest.importorskip("playwright.sync_api").expect

PAGES = [
    "/staff/",
    "/staff/municipalities/surgut/",
    "/staff/municipalities/surgut/staff/",
]


def logged_in_page(new_page, live_server, user, **options):
    client = Client()
    client.force_login(user)
    page = new_page(**({"language": "ru"} | options))
    page.context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                "url": live_server.url,
            }
        ]
    )
    return page


@pytest.mark.browser
@pytest.mark.parametrize("low_vision", [False, True])
def test_staff_pages_have_no_axe_violations(
    new_page, live_server, axe_check, persona, world, low_vision
):
    admin = persona("regional_admin")
    page = logged_in_page(new_page, live_server, admin, low_vision=low_vision)
    for path in [*PAGES, f"/staff/agencies/{world.surgut_admin.pk}/"]:
        page.goto(live_server.url + path)
        axe_check(page)


@pytest.mark.browser
def test_form_errors_have_no_axe_violations(new_page, live_server, axe_check, persona):
    page = logged_in_page(new_page, live_server, persona("municipal_admin_surgut"))
    page.goto(live_server.url + "/staff/municipalities/surgut/staff/")
    page.get_by_label("Электронная почта сотрудника").fill("nobody@example.org")
    page.get_by_role("button", name="Назначить роль").click()
    expect(page.get_by_text("С этим адресом никто не зарегистрирован.").first).to_be_visible()
    axe_check(page)


@pytest.mark.browser
def test_assign_by_keyboard_without_javascript(new_page, live_server, persona, world):
    newcomer = UserFactory(settlement=world.surgut_home)
    page = logged_in_page(
        new_page, live_server, persona("municipal_admin_surgut"), javascript=False
    )
    page.goto(live_server.url + "/staff/municipalities/surgut/staff/")
    page.get_by_label("Электронная почта сотрудника").focus()
    page.keyboard.type(newcomer.email)
    page.keyboard.press("Tab")  # to the role list: operator, moderator, expert
    assert page.evaluate("() => document.activeElement.name") == "role"
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Tab")  # to the submit button
    with page.expect_navigation():
        page.keyboard.press("Enter")
    expect(page.get_by_text("теперь выполняет роль «эксперт»")).to_be_visible()
    assert RoleAssignment.objects.filter(user=newcomer, role=Role.EXPERT).exists()
