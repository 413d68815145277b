"""The workspace in chromium: the official's inbox and a report's workspace page have 0 axe-core
violations (also with errors shown and in the version for the visually impaired), and an official
answers «scheduled» with the keyboard alone."""

from datetime import date, timedelta

import pytest
from django.conf import settings
from django.test import Client
from django.utils import timezone

from veche.reports.models import Answer, Status, TimelineEntry
from veche.reports.tests.factories import ReportFactory, RoutedReportFactory

expect = pytest.importorskip("playwright.sync_api").expect
pytestmark = pytest.mark.browser


def logged_in_page(new_page, live_server, user, **options):
    client = Client()
    client.force_login(user)
    page = new_page(**({"language": "ru"} | options))
    cookie = client.cookies[settings.SESSION_COOKIE_NAME].value
    page.context.add_cookies(
        [{"name": settings.SESSION_COOKIE_NAME, "value": cookie, "url": live_server.url}]
    )
    return page


def _inbox_reports(world):
    overdue = RoutedReportFactory(
        municipality=world.surgut,
        agency=world.surgut_admin,
        due_at=timezone.now() - timedelta(days=2),
    )
    TimelineEntry.objects.create(
        report=overdue, kind=TimelineEntry.Kind.ESCALATION, text="Просрочено", is_public=False
    )
    RoutedReportFactory(municipality=world.surgut, agency=world.surgut_admin)
    RoutedReportFactory(
        municipality=world.surgut, agency=world.surgut_admin, status=Status.IN_PROGRESS
    )
    return overdue


@pytest.mark.parametrize("low_vision", [False, True])
def test_inbox_and_report_page_have_no_axe_violations(
    new_page, live_server, axe_check, world, low_vision
):
    overdue = _inbox_reports(world)
    page = logged_in_page(new_page, live_server, world.head, low_vision=low_vision)
    page.goto(live_server.url + "/workspace/reports/inbox/")
    expect(page.get_by_text("Просрочено", exact=True).first).to_be_visible()
    axe_check(page)
    page.goto(live_server.url + f"/workspace/reports/{overdue.pk}/")
    axe_check(page)
    # The answer form sent empty: the error summary and the described fields.
    page.get_by_role("button", name="Отправить ответ").click()
    expect(page.get_by_role("alert")).to_be_visible()
    axe_check(page)


def test_moderator_pages_have_no_axe_violations(new_page, live_server, axe_check, world):
    report = ReportFactory(municipality=world.surgut)
    RoutedReportFactory(municipality=world.surgut, topic=report.topic)
    page = logged_in_page(new_page, live_server, world.moderator)
    for path in ["/workspace/reports/", "/workspace/reports/moderation/"]:
        page.goto(live_server.url + path)
        axe_check(page)
    page.goto(live_server.url + f"/workspace/reports/{report.pk}/")
    axe_check(page)
    page.get_by_role("button", name="Отклонить сообщение").click()
    expect(page.get_by_role("alert")).to_be_visible()
    axe_check(page)


def test_operator_form_has_no_axe_violations(new_page, live_server, axe_check, world):
    page = logged_in_page(new_page, live_server, world.operator)
    page.goto(live_server.url + "/workspace/reports/new/")
    axe_check(page)
    page.get_by_label("Почта или телефон заявителя").fill("not a contact")
    page.get_by_role("button", name="Подать сообщение").click()
    expect(page.get_by_role("alert")).to_be_visible()
    axe_check(page)


def test_cards_and_territory_pages_have_no_axe_violations(new_page, live_server, axe_check, world):
    from veche.staff.models import Role
    from veche.staff.tests.factories import RoleAssignmentFactory

    admin = RoleAssignmentFactory(role=Role.MUNICIPAL_ADMIN, municipality=world.surgut).user
    RoutedReportFactory(municipality=world.surgut, agency=world.surgut_admin)
    page = logged_in_page(new_page, live_server, admin)
    for path in ["/workspace/reports/", "/workspace/reports/territory/", "/staff/"]:
        page.goto(live_server.url + path)
        axe_check(page)


def _tab_to(page, name: str, *, limit: int = 120) -> None:
    """Press Tab until the focused control has this name (the keyboard is all we use)."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("() => document.activeElement && document.activeElement.name") == name:
            return
    raise AssertionError(f"Tab never reached the control named {name!r}")


@pytest.mark.parametrize("javascript", [True, False])
def test_official_answers_scheduled_with_the_keyboard(new_page, live_server, world, javascript):
    report = RoutedReportFactory(
        municipality=world.surgut, agency=world.surgut_admin, status=Status.IN_PROGRESS
    )
    page = logged_in_page(new_page, live_server, world.official, javascript=javascript)
    page.goto(live_server.url + f"/workspace/reports/{report.pk}/")
    # Day equals month: the date input reads the typed digits the same in any locale's order.
    planned = date(date.today().year + 1, 5, 5)

    _tab_to(page, "kind")  # the first choice, «resolved»
    page.keyboard.press("ArrowDown")  # → «scheduled»
    assert page.evaluate("() => document.activeElement.value") == "scheduled"
    page.keyboard.press("Tab")
    page.keyboard.type("Ремонт покрытия включён в план работ на лето.")
    page.keyboard.press("Tab")
    assert page.evaluate("() => document.activeElement.name") == "planned_date"
    page.keyboard.type(planned.strftime("%d%m%Y"))
    _tab_to(page, "")  # past the file input, to the submit button (a button has no name)
    assert page.evaluate("() => document.activeElement.textContent.trim()") == "Отправить ответ"
    with page.expect_navigation():
        page.keyboard.press("Enter")

    expect(page.get_by_text("Ответ на сообщение").first).to_be_visible()
    answer = Answer.objects.get(report=report)
    assert answer.kind == Answer.Kind.SCHEDULED and answer.planned_date == planned
    report.refresh_from_db()
    assert report.status == Status.ANSWERED
