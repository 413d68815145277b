"""The report page's extras: breadcrumbs, the answer once, the support button per role, follow,
press coverage; the cabinet's "supported" and "followed" sections; catalogue proposal pages."""

import pytest

from veche.reports import services
from veche.reports.models import CatalogueProposal, PressLink, ReportFollow, Status, Topic
from veche.reports.tests.factories import RoutedReportFactory
from veche.staff.models import Role
from veche.staff.tests.factories import RegionWideRoleFactory

pytestmark = pytest.mark.django_db

SUPPORT_BUTTON = 'action="/reports/{pk}/support/"'


def html_of(client, report):
    response = client.get(f"/reports/{report.pk}/")
    assert response.status_code == 200
    return response.content.decode()


def test_breadcrumbs_lead_home_and_to_the_list(client, world):
    report = RoutedReportFactory(municipality=world.surgut)
    html = html_of(client, report)
    crumbs = html[
        html.index('<nav class="breadcrumbs"') : html.index(
            "</nav>", html.index('<nav class="breadcrumbs"')
        )
    ]
    assert 'href="/"' in crumbs and 'href="/reports/"' in crumbs
    assert f'aria-current="page">№ {report.pk}</span>' in crumbs


def test_the_answer_is_shown_once(client, world):
    report = RoutedReportFactory(municipality=world.surgut, author=world.author)
    text = "Яму заделали холодным асфальтом у дома 5."
    services.report_answer(official=world.official, report=report, kind="resolved", text=text)
    for user in (None, world.author, world.official):
        client.logout()
        if user:
            client.force_login(user)
        assert html_of(client, report).count(text) == 1


@pytest.mark.parametrize(
    ("name", "shown"),
    [
        ("neighbour", True),
        ("urai_official", True),
        ("moderator", True),
        ("official", False),
        ("head", False),
        ("author", False),
    ],
)
def test_the_support_button_per_role(client, world, name, shown):
    report = RoutedReportFactory(municipality=world.surgut, author=world.author)
    client.force_login(getattr(world, name))
    assert (SUPPORT_BUTTON.format(pk=report.pk) in html_of(client, report)) is shown


def test_an_official_cannot_support_his_agencys_report_by_post(client, world):
    report = RoutedReportFactory(municipality=world.surgut)
    client.force_login(world.official)
    client.post(f"/reports/{report.pk}/support/")
    report.refresh_from_db()
    assert report.support_count == 0 and not report.supports.exists()
    html = html_of(client, report)
    assert "На это сообщение отвечает ваше ведомство" in html
    assert "Подтвердите адрес электронной почты" not in html


@pytest.mark.parametrize(("status", "shown"), [(Status.IN_PROGRESS, True), (Status.CLOSED, False)])
def test_withdraw_is_offered_only_while_open(client, world, status, shown):
    report = RoutedReportFactory(municipality=world.surgut)
    services.report_support(user=world.neighbour, report=report)
    report.status = status
    report.save()
    client.force_login(world.neighbour)
    html = html_of(client, report)
    assert (f'action="/reports/{report.pk}/support/withdraw/"' in html) is shown
    response = client.post(f"/reports/{report.pk}/support/withdraw/")
    assert report.supports.exists() is not shown
    assert response.status_code in ((302,) if shown else (404,))


def test_follow_and_unfollow_from_the_page(client, world):
    report = RoutedReportFactory(municipality=world.surgut)
    assert f'action="/reports/{report.pk}/follow/"' not in html_of(client, report)  # a guest
    client.force_login(world.neighbour)
    assert f'action="/reports/{report.pk}/follow/"' in html_of(client, report)
    assert client.get(f"/reports/{report.pk}/follow/").status_code == 405
    client.post(f"/reports/{report.pk}/follow/")
    assert ReportFollow.objects.filter(report=report, user=world.neighbour).exists()
    assert f'action="/reports/{report.pk}/unfollow/"' in html_of(client, report)
    cabinet = client.get("/accounts/cabinet/").content.decode()
    section = cabinet[cabinet.index('id="cabinet-followed"') :]
    assert f'href="/reports/{report.pk}/"' in section
    client.post(f"/reports/{report.pk}/unfollow/")
    assert not ReportFollow.objects.exists()


def test_the_cabinet_lists_the_reports_i_support(client, world):
    supported = RoutedReportFactory(municipality=world.surgut)
    other = RoutedReportFactory(municipality=world.surgut)
    services.report_support(user=world.neighbour, report=supported)
    client.force_login(world.neighbour)
    html = client.get("/accounts/cabinet/").content.decode()
    section = html[html.index('id="cabinet-supported"') : html.index('id="cabinet-followed"')]
    assert f'href="/reports/{supported.pk}/"' in section
    assert f'href="/reports/{other.pk}/"' not in section
    assert "badge badge-info" in section  # a status badge (core.components.badge)
    assert html.count('href="/static/reports/reports.css"') == 1  # badges styled in the cabinet


def test_the_cabinet_names_the_person_and_the_settlement_once(client, world):
    user = world.neighbour
    user.settlement.name = user.settlement.municipality.name
    user.settlement.save()
    client.force_login(user)
    html = client.get("/accounts/cabinet/").content.decode()
    assert f"<dt>Фамилия и имя</dt><dd>{user.last_name} {user.first_name}</dd>" in html
    assert f"<dd>{user.settlement.name}</dd>" in html


def test_press_coverage_form_and_list(client, world):
    report = RoutedReportFactory(municipality=world.surgut, author=world.author)
    client.force_login(world.neighbour)
    assert f'action="/reports/{report.pk}/press/"' not in html_of(client, report)
    client.force_login(world.author)
    assert f'action="/reports/{report.pk}/press/"' in html_of(client, report)
    bad = {
        "url": "javascript:alert(1)",
        "title": "Яма",
        "outlet": "Сургут 24",
        "published_on": "2026-11-01",
    }
    response = client.post(f"/reports/{report.pk}/press/", bad)
    assert response.status_code == 400
    assert "Укажите адрес публикации" in response.content.decode()
    assert not PressLink.objects.exists()
    good = {**bad, "url": "https://surgut24.ru/news/yama"}
    response = client.post(f"/reports/{report.pk}/press/", good)
    assert response.status_code == 302
    html = html_of(client, report)
    assert 'href="https://surgut24.ru/news/yama" rel="nofollow noopener noreferrer"' in html


@pytest.fixture
def regional_admin(world):
    return RegionWideRoleFactory(role=Role.REGIONAL_ADMIN).user


def test_a_resident_proposes_through_the_form(client, world):
    client.force_login(world.neighbour)
    assert client.get("/reports/catalogue/propose/").status_code == 200
    response = client.post(
        "/reports/catalogue/propose/", {"kind": "topic", "name": "Собаки", "reason": ""}
    )
    assert response.status_code == 400
    assert "Выберите категорию" in response.content.decode()
    assert not CatalogueProposal.objects.exists()
    data = {
        "kind": "topic",
        "name": "Собаки",
        "reason": "Стаи",
        "category": world.topic.category_id,
    }
    assert client.post("/reports/catalogue/propose/", data).status_code == 302
    assert CatalogueProposal.objects.get().author == world.neighbour


@pytest.mark.parametrize("name", ["neighbour", "moderator", "official"])
def test_only_the_regional_admin_opens_the_review_page(client, world, name):
    client.force_login(getattr(world, name))
    assert client.get("/reports/catalogue/proposals/").status_code == 403
    workspace = client.get("/workspace/reports/").content.decode()
    assert 'href="/reports/catalogue/proposals/"' not in workspace


def test_the_regional_admin_accepts_and_declines_on_the_page(client, world, regional_admin):
    first = services.catalogue_propose(
        author=world.neighbour,
        kind="topic",
        name="Собаки",
        reason="Стаи",
        category=world.topic.category,
    )
    second = services.catalogue_propose(
        author=world.neighbour, kind="category", name="Экология", reason="Свалки"
    )
    client.force_login(regional_admin)
    assert (
        'href="/reports/catalogue/proposals/"' in client.get("/workspace/reports/").content.decode()
    )
    html = client.get("/reports/catalogue/proposals/").content.decode()
    assert "Собаки" in html and "Экология" in html
    response = client.post(
        f"/reports/catalogue/proposals/{second.pk}/decline/", {f"d{second.pk}-decline_reason": ""}
    )
    assert response.status_code == 400
    second.refresh_from_db()
    assert second.state == CatalogueProposal.State.PENDING
    accept = {
        f"a{first.pk}-category": world.topic.category_id,
        f"a{first.pk}-name": "Безнадзорные собаки",
        f"a{first.pk}-deadline_days": "5",
        f"a{first.pk}-deadline_kind": "working",
    }
    assert (
        client.post(f"/reports/catalogue/proposals/{first.pk}/accept/", accept).status_code == 302
    )
    assert Topic.objects.filter(name="Безнадзорные собаки", deadline_days=5).exists()
    decline = {f"d{second.pk}-decline_reason": "Уже есть"}
    assert (
        client.post(f"/reports/catalogue/proposals/{second.pk}/decline/", decline).status_code
        == 302
    )
    second.refresh_from_db()
    assert second.state == CatalogueProposal.State.DECLINED
