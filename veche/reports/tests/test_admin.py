import pytest

from veche.accounts.tests.factories import StaffUserFactory
from veche.reports.tests.factories import RoutedReportFactory, TopicAttributeFactory


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
