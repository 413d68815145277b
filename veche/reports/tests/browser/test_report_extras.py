"""The report page's extras and the pages they lead to, in Chromium, with axe: following,
press coverage (its form and errors), the cabinet's sections and the proposals review page."""

import datetime

import pytest

from veche.reports import services
from veche.reports.models import ReportFollow
from veche.reports.tests.factories import RoutedReportFactory
from veche.staff.models import Role
from veche.staff.tests.factories import RegionWideRoleFactory

from .test_public_pages import logged_in_page

expect = pytest.importorskip("playwright.sync_api").expect
pytestmark = pytest.mark.browser


def test_follow_press_and_cabinet_have_no_axe_violations(new_page, live_server, axe_check, world):
    report = RoutedReportFactory(municipality=world.surgut, author=world.author)
    services.report_add_press_link(
        user=world.moderator,
        report=report,
        url="https://ugra-news.ru/yama",
        title="Яма у школы",
        outlet="Новости Югры",
        published_on=datetime.date(2026, 11, 1),
    )
    services.report_support(user=world.neighbour, report=report)
    visitor = logged_in_page(new_page, live_server, world.neighbour)
    visitor.goto(live_server.url + f"/reports/{report.pk}/")
    expect(visitor.get_by_role("link", name="Яма у школы")).to_be_visible()
    visitor.get_by_role("button", name="Следить за сообщением").click()
    expect(visitor.get_by_role("button", name="Перестать следить")).to_be_visible()
    assert ReportFollow.objects.filter(report=report, user=world.neighbour).exists()
    axe_check(visitor)
    visitor.goto(live_server.url + "/accounts/cabinet/")
    expect(visitor.locator("#cabinet-supported")).to_be_visible()
    axe_check(visitor)

    author = logged_in_page(new_page, live_server, world.author)
    author.goto(live_server.url + f"/reports/{report.pk}/")
    author.get_by_text("Добавить публикацию об этом сообщении").click()
    author.get_by_label("Адрес публикации").fill("javascript:alert(1)")
    author.get_by_role("button", name="Добавить публикацию").click()
    expect(author.get_by_role("alert")).to_be_focused()
    axe_check(author)


def test_the_proposals_pages_have_no_axe_violations(new_page, live_server, axe_check, world):
    services.catalogue_propose(
        author=world.neighbour,
        kind="topic",
        name="Собаки",
        reason="Стаи",
        category=world.topic.category,
    )
    resident = logged_in_page(new_page, live_server, world.neighbour)
    resident.goto(live_server.url + "/reports/catalogue/propose/")
    axe_check(resident)
    admin = RegionWideRoleFactory(role=Role.REGIONAL_ADMIN).user
    reviewer = logged_in_page(new_page, live_server, admin)
    reviewer.goto(live_server.url + "/reports/catalogue/proposals/")
    expect(reviewer.get_by_role("heading", name="Новая тема: «Собаки»")).to_be_visible()
    axe_check(reviewer)
