import datetime

import pytest
from django.contrib.auth.models import Permission

from veche.accounts.tests.factories import StaffUserFactory
from veche.events.models import Event
from veche.reports import services
from veche.reports.models import PressLink, ReportFollow
from veche.reports.tests.factories import RoutedReportFactory, TopicAttributeFactory
from veche.staff.models import StaffAuditLog


@pytest.fixture
def admin_client(client, db):
    client.force_login(StaffUserFactory(is_superuser=True))
    return client


def test_catalogue_is_managed_in_the_back_office(admin_client, world):
    TopicAttributeFactory(topic=world.topic)
    assert admin_client.get("/admin/reports/category/").status_code == 200
    page = admin_client.get(f"/admin/reports/topic/{world.topic.pk}/change/")
    assert page.status_code == 200 and world.topic.service_code in page.content.decode()
    assert admin_client.get("/admin/reports/routingrule/add/").status_code == 200


def test_reports_are_read_only_in_the_back_office(admin_client, world):
    report = RoutedReportFactory(municipality=world.surgut)
    assert admin_client.get(f"/admin/reports/report/{report.pk}/change/").status_code == 200
    assert admin_client.get("/admin/reports/report/add/").status_code == 403
    assert admin_client.post(f"/admin/reports/report/{report.pk}/delete/").status_code == 403


@pytest.fixture
def engagement(world):
    report = RoutedReportFactory(municipality=world.surgut, author=world.author)
    services.report_follow(user=world.neighbour, report=report)
    link = services.report_add_press_link(
        user=world.author,
        report=report,
        url="https://ugra-news.ru/2026/11/yama",
        title="Яма на Ленина",
        outlet="Новости Югры",
        published_on=datetime.date(2026, 11, 1),
    )
    proposal = services.catalogue_propose(
        author=world.author, kind="category", name="Экология", reason="Свалки в лесу."
    )
    return report, link, proposal, ReportFollow.objects.get(report=report)


@pytest.mark.parametrize("model", ["catalogueproposal", "presslink", "reportfollow"])
def test_what_residents_add_is_read_only_in_the_back_office(admin_client, engagement, model):
    rows = {"catalogueproposal": engagement[2], "presslink": engagement[1]}
    row = rows.get(model, engagement[3])
    assert admin_client.get(f"/admin/reports/{model}/").status_code == 200
    page = admin_client.get(f"/admin/reports/{model}/{row.pk}/change/")
    assert page.status_code == 200 and 'name="_save"' not in page.content.decode()
    assert admin_client.get(f"/admin/reports/{model}/add/").status_code == 403
    assert admin_client.post(f"/admin/reports/{model}/{row.pk}/change/", {}).status_code == 403
    assert admin_client.post(f"/admin/reports/{model}/{row.pk}/delete/").status_code == 403
    assert type(row).objects.filter(pk=row.pk).exists()


def test_a_pending_proposal_links_to_the_review_page(admin_client, engagement):
    proposal = engagement[2]
    html = admin_client.get(f"/admin/reports/catalogueproposal/{proposal.pk}/change/")
    assert 'href="/reports/catalogue/proposals/"' in html.content.decode()


def test_removing_a_publication_goes_through_the_service(admin_client, engagement):
    link = engagement[1]
    response = admin_client.post(
        "/admin/reports/presslink/",
        {"action": "remove", "_selected_action": [link.pk]},
        follow=True,
    )
    assert "Удалено публикаций: 1." in response.content.decode()
    assert not PressLink.objects.filter(pk=link.pk).exists()
    # The service's record: the audit row and the event, as on the moderator's page.
    assert StaffAuditLog.objects.filter(action="reports.press_link_remove").count() == 1
    assert Event.objects.filter(kind="reports.press_unlinked").count() == 1


def test_a_staff_member_the_service_refuses_removes_nothing(client, engagement):
    link = engagement[1]
    clerk = StaffUserFactory()  # back-office access to the table, but no moderator role
    clerk.user_permissions.add(Permission.objects.get(codename="view_presslink"))
    client.force_login(clerk)
    response = client.post(
        "/admin/reports/presslink/",
        {"action": "remove", "_selected_action": [link.pk]},
        follow=True,
    )
    assert "Удалять публикации может только модератор." in response.content.decode()
    assert PressLink.objects.filter(pk=link.pk).exists()
    assert not StaffAuditLog.objects.filter(action="reports.press_link_remove").exists()
