"""The dashboards and ratings on the web: scope (403), periods, «нет данных», downloads."""

from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from veche.analytics.services import analytics_refresh
from veche.reports.models import Answer, Report, Status
from veche.reports.tests.factories import RoutedReportFactory
from veche.staff.models import Role
from veche.staff.tests.factories import RoleAssignmentFactory


@pytest.fixture
def head(world):
    return RoleAssignmentFactory(role=Role.MUNICIPAL_HEAD, municipality=world.surgut).user


@pytest.fixture
def filled(world):
    """Three accepted reports in Surgut filed a week ago, one resolved, then a refresh."""
    week_ago = timezone.now() - timedelta(days=7)
    for n in range(3):
        made = RoutedReportFactory(municipality=world.surgut)
        Report.objects.filter(pk=made.pk).update(created_at=week_ago, routed_at=week_ago)
        if n == 0:
            Report.objects.filter(pk=made.pk).update(status=Status.ANSWERED, answered_at=week_ago)
            Answer.objects.create(
                report=made, agency=made.agency, author=world.official, kind="resolved",
                text="Сделано.", rating=5,
            )  # fmt: skip
    today = timezone.localdate()
    analytics_refresh(first=today - timedelta(days=30), last=today)
    return world


def test_a_guest_sees_the_public_dashboard_with_definitions(client, filled):
    page = client.get(reverse("analytics:public")).content.decode()
    assert "не отклонённые и не дубликаты" in page or "Принятые" in page
    assert "33,3" in page  # one resolved of three accepted


def test_an_empty_period_says_no_data(client, world):
    page = client.get(reverse("analytics:public")).content.decode()
    assert "нет данных" in page


def test_a_period_whose_start_is_after_its_end_gets_a_message(client, filled):
    today = timezone.localdate()
    response = client.get(
        reverse("analytics:public"), {"first": today, "last": today - timedelta(days=3)}
    )
    assert response.status_code == 200
    assert "Начало периода позже его конца" in response.content.decode()


def test_a_period_longer_than_the_data_gets_a_message(client, filled):
    response = client.get(reverse("analytics:public"), {"first": date(2001, 1, 1)})
    assert "Период длиннее данных" in response.content.decode()


def test_a_head_sees_his_municipality_and_not_another(client, filled, head):
    client.force_login(head)
    own = client.get(reverse("analytics:municipality", args=[filled.surgut.pk]))
    other = client.get(reverse("analytics:municipality", args=[filled.urai.pk]))
    region = client.get(reverse("analytics:region"))
    assert own.status_code == 200 and "Участие" in own.content.decode()
    assert other.status_code == 403
    assert region.status_code == 403


def test_a_guest_gets_403_on_a_private_dashboard(client, filled):
    assert client.get(reverse("analytics:municipality", args=[filled.surgut.pk])).status_code == 403
    assert client.get(reverse("analytics:agency", args=[filled.surgut_admin.pk])).status_code == 403


def test_an_official_sees_his_agency(client, filled):
    client.force_login(filled.official)
    assert client.get(reverse("analytics:agency", args=[filled.surgut_admin.pk])).status_code == 200
    assert client.get(reverse("analytics:agency", args=[filled.urai_admin.pk])).status_code == 403


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_every_figure_downloads(client, filled, fmt):
    response = client.get(reverse("analytics:public"), {"download": "summary", "format": fmt})
    assert response.status_code == 200
    body = b"".join(response.streaming_content)
    assert body
    if fmt == "csv":
        assert "Принятые" in body.decode("utf-8-sig") or "Accepted" in body.decode("utf-8-sig")
    assert client.get(reverse("analytics:public"), {"download": "nope"}).status_code == 404


def test_ratings_with_too_few_reports_say_not_enough_data(client, filled):
    page = client.get(reverse("analytics:ratings")).content.decode()
    assert "недостаточно данных" in page
    assert "Сургут" in page
