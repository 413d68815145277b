"""A municipal admin (or head) reads his municipality's reports in the workspace and sees their
figures; elsewhere he gets 403. Staff land on their workspace after login, with counts."""

from datetime import datetime, timedelta
from statistics import median
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.utils import timezone

from veche.reports.figures import Period, compute_figures
from veche.reports.models import Report, Status
from veche.reports.tests.factories import ReportFactory, RoutedReportFactory
from veche.staff.models import Role
from veche.staff.tests.factories import RegionWideRoleFactory, RoleAssignmentFactory
from veche.workdays.calendar import count_working_days

URL = "/workspace/reports/territory/"
ZONE = ZoneInfo("Asia/Yekaterinburg")


@pytest.fixture
def admins(world):
    return {
        "municipal_admin": RoleAssignmentFactory(
            role=Role.MUNICIPAL_ADMIN, municipality=world.surgut
        ).user,
        "municipal_head": RoleAssignmentFactory(
            role=Role.MUNICIPAL_HEAD, municipality=world.surgut
        ).user,
        "regional_head": RegionWideRoleFactory(role=Role.REGIONAL_HEAD).user,
    }


# Who opens the territory's reports: admins and heads; nobody else (guests go to the login).
MATRIX = {
    "municipal_admin": 200,
    "municipal_head": 200,
    "regional_head": 200,
    "moderator": 403,
    "official": 403,
    "operator": 403,
    "author": 403,
    "guest": 302,
}


@pytest.mark.parametrize("who, expected", MATRIX.items())
def test_territory_page_matrix(client, world, admins, who, expected):
    user = admins.get(who) or getattr(world, who, None)
    if user is not None:
        client.force_login(user)
    assert client.get(URL).status_code == expected


def test_the_admin_reads_his_municipality_only(client, world, admins):
    mine = ReportFactory(municipality=world.surgut)
    routed = RoutedReportFactory(municipality=world.surgut, agency=world.surgut_admin)
    theirs = ReportFactory(municipality=world.urai)
    client.force_login(admins["municipal_admin"])
    response = client.get(URL)
    listed = {report.pk for report in response.context["page"].object_list}
    assert listed == {mine.pk, routed.pk}
    assert client.get(f"/workspace/reports/{mine.pk}/").status_code == 200
    page = client.get(f"/workspace/reports/{theirs.pk}/")
    assert page.status_code == 403
    assert theirs.text not in page.content.decode()
    # He reads; the page offers him no action of moderators or agencies.
    html = client.get(f"/workspace/reports/{routed.pk}/").content.decode()
    assert "Опубликовать" not in html and "Отправить ответ" not in html
    assert client.get(f"{URL}?status=routed").context["page"].object_list[0] == routed


# Answers of February 2026 with their working days counted by hand on the production calendar.
ANSWER_TIMES = [
    # (routed, answered, working days from routing to the first answer)
    (datetime(2026, 2, 20, 10, tzinfo=ZONE), datetime(2026, 2, 25, 15, tzinfo=ZONE), 2),  # Fri →
    # Wed: the weekend and the 23rd (Defender of the Fatherland Day) do not count
    (datetime(2026, 2, 2, 10, tzinfo=ZONE), datetime(2026, 2, 6, 10, tzinfo=ZONE), 4),  # Mon → Fri
    (datetime(2026, 2, 2, 10, tzinfo=ZONE), datetime(2026, 2, 16, 10, tzinfo=ZONE), 10),  # 2 weeks
]
TODAY = datetime(2026, 3, 10, 12, tzinfo=ZONE)


def _answered(world, routed, answered_at, *, filed=None, **fields):
    fields.setdefault("status", Status.ANSWERED)
    report = RoutedReportFactory(municipality=world.surgut, agency=world.surgut_admin, **fields)
    Report.objects.filter(pk=report.pk).update(
        created_at=filed or datetime(2026, 2, 1, 9, tzinfo=ZONE),
        routed_at=routed,
        answered_at=answered_at,
    )
    return report


def test_the_admins_figures(client, world, admins):
    with time_machine.travel(TODAY, tick=False):
        now = timezone.now()
        RoutedReportFactory(
            municipality=world.surgut, agency=world.surgut_admin, due_at=now - timedelta(days=1)
        )
        for routed, answered_at, _days in ANSWER_TIMES:
            _answered(world, routed, answered_at)
        ReportFactory(municipality=world.urai)  # not his
        client.force_login(admins["municipal_admin"])
        figures = client.get(URL).context["figures"]
    assert figures.total == 4 and figures.overdue == 1
    counts = dict(figures.by_status)
    assert counts[Status.ANSWERED.label] == 3 and counts[Status.ROUTED.label] == 1
    # SPEC §13: working days from routing to the first answer (not calendar days from filing).
    assert figures.median_answer_days == median(days for _r, _a, days in ANSWER_TIMES)


def test_the_admins_median_is_the_home_pages_median(client, world, admins):
    """One definition: a duplicate, a report filed over a year ago and an unanswered one are
    outside the median on both pages."""
    with time_machine.travel(TODAY, tick=False):
        for routed, answered_at, _days in ANSWER_TIMES:
            original = _answered(world, routed, answered_at)
        _answered(
            world,
            ANSWER_TIMES[0][0],
            TODAY,
            status=Status.DUPLICATE,
            duplicate_of=original,
        )
        _answered(
            world, *ANSWER_TIMES[0][:2], filed=datetime(2025, 3, 1, 9, tzinfo=ZONE)
        )  # filed more than 365 days ago
        RoutedReportFactory(municipality=world.surgut, agency=world.surgut_admin)
        client.force_login(admins["municipal_admin"])
        figures = client.get(URL).context["figures"]
        home = compute_figures(municipality_id=world.surgut.pk, period=Period.last_year())
        html = client.get(URL).content.decode()
    expected = median(
        count_working_days(routed, answered_at) for routed, answered_at, _d in ANSWER_TIMES
    )
    assert expected == median(days for _r, _a, days in ANSWER_TIMES)  # the calendar agrees
    assert figures.median_answer_days == home.median_answer_days == expected
    assert f"{expected} рабочих дня" in html


def test_the_admins_dashboard_has_work_with_figures(client, world, admins):
    ReportFactory(municipality=world.surgut)
    client.force_login(admins["municipal_admin"])
    html = client.get("/staff/").content.decode()
    assert 'href="/workspace/reports/territory/"' in html
    assert "Медианный срок ответа" in html
    assert client.get("/workspace/reports/").status_code == 200


def _login(client, user, **extra):
    user.set_password("correct horse battery")
    user.save()
    data = {"username": user.email, "password": "correct horse battery", **extra}
    return client.post("/accounts/login/", data)


@pytest.mark.parametrize(
    "who, landing",
    [
        ("moderator", "/workspace/reports/"),
        ("official", "/workspace/reports/"),
        ("operator", "/workspace/reports/"),
        ("author", "/accounts/cabinet/"),
    ],
)
def test_staff_land_on_their_workspace(client, world, who, landing):
    response = _login(client, getattr(world, who))
    assert response.status_code == 302 and response["Location"] == landing


def test_an_admin_lands_on_the_workspace_and_next_wins(client, world, admins):
    assert _login(client, admins["municipal_admin"])["Location"] == "/workspace/reports/"
    client.logout()
    response = _login(client, world.moderator, next="/reports/")
    assert response["Location"] == "/reports/"


def test_the_cards_carry_counts(client, world):
    ReportFactory(municipality=world.surgut)
    ReportFactory(municipality=world.surgut)
    RoutedReportFactory(
        municipality=world.surgut,
        agency=world.surgut_admin,
        due_at=timezone.now() - timedelta(days=1),
    )
    client.force_login(world.moderator)
    response = client.get("/workspace/reports/")
    assert response.context["queue_counts"] == {"queue": 2, "reassignments": 0}
    assert '<strong class="count">2</strong>' in response.content.decode()
    client.force_login(world.official)
    response = client.get("/workspace/reports/")
    assert response.context["inbox_counts"]["awaiting"] == 1
    assert response.context["inbox_counts"]["overdue"] == 1
    assert "1 просрочено" in response.content.decode()
