"""The agency's inbox: its own reports only, by status tab with counts, overdue first and flagged
in words, then by deadline; a constant number of queries; bulk "take into work", all or nothing."""

from datetime import UTC, datetime, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from veche.reports.models import Status, TimelineEntry
from veche.reports.tests.factories import RoutedReportFactory


def routed(world, *, days: float, status=Status.ROUTED, agency=None):
    return RoutedReportFactory(
        municipality=world.surgut,
        agency=agency or world.surgut_admin,
        status=status,
        due_at=timezone.now() + timedelta(days=days),
    )


@pytest.fixture
def official(client, world):
    client.force_login(world.official)
    return client


def listed(response) -> list[int]:
    return [report.pk for report in response.context["page"].object_list]


def test_overdue_first_then_by_deadline(official, world):
    later = routed(world, days=9)
    sooner = routed(world, days=2, status=Status.IN_PROGRESS)
    long_overdue = routed(world, days=-5)
    just_overdue = routed(world, days=-1, status=Status.IN_PROGRESS)
    routed(world, days=1, agency=world.urai_admin)  # another agency's

    response = official.get("/workspace/reports/inbox/")
    assert listed(response) == [long_overdue.pk, just_overdue.pk, sooner.pk, later.pk]
    html = response.content.decode()
    assert html.count(">Просрочено<") == 2  # flagged in words, not by colour alone
    assert "2 сообщения просрочены." in html


def test_all_tab_puts_answered_after_the_open_ones(official, world):
    answered = routed(world, days=-10, status=Status.ANSWERED)
    open_one = routed(world, days=5)
    overdue = routed(world, days=-1)
    assert listed(official.get("/workspace/reports/inbox/?tab=all")) == [
        overdue.pk,
        open_one.pk,
        answered.pk,
    ]


def test_tabs_filter_by_status_and_count(official, world):
    new = routed(world, days=3)
    working = routed(world, days=4, status=Status.IN_PROGRESS)
    late = routed(world, days=-1, status=Status.IN_PROGRESS)
    done = routed(world, days=-3, status=Status.ANSWERED)

    response = official.get("/workspace/reports/inbox/")
    assert response.context["counts"] == {
        "routed": 1,
        "in_progress": 2,
        "answered": 1,
        "declined": 0,
        "closed": 0,
        "awaiting": 3,
        "overdue": 1,
        "due_today": 0,
        "all": 4,
    }
    assert "Ожидают ответа (3)" in response.content.decode()
    assert listed(official.get("/workspace/reports/inbox/?tab=routed")) == [new.pk]
    assert listed(official.get("/workspace/reports/inbox/?tab=in_progress")) == [
        late.pk,
        working.pk,
    ]
    assert listed(official.get("/workspace/reports/inbox/?tab=overdue")) == [late.pk]
    assert listed(official.get("/workspace/reports/inbox/?tab=answered")) == [done.pk]
    assert listed(official.get("/workspace/reports/inbox/?tab=nonsense")) == [
        late.pk,
        new.pk,
        working.pk,
    ]


def test_an_official_of_another_agency_sees_none_of_them(client, world):
    routed(world, days=3)
    client.force_login(world.urai_official)
    response = client.get("/workspace/reports/inbox/?tab=all")
    assert listed(response) == [] and response.context["counts"]["all"] == 0


def test_due_date_is_shown_in_local_time(official, world):
    report = routed(world, days=3)
    report.due_at = datetime(2030, 1, 15, 18, 59, tzinfo=UTC)
    report.save()
    # 18:59 UTC is 23:59 in Yugra (UTC+5).
    assert "15 января 2030, 23:59" in official.get("/workspace/reports/inbox/").content.decode()


def test_the_head_sees_overdue_and_escalated_highlighted(client, world):
    escalated = routed(world, days=-2)
    TimelineEntry.objects.create(
        report=escalated, kind=TimelineEntry.Kind.ESCALATION, text="Просрочено", is_public=False
    )
    routed(world, days=3)
    client.force_login(world.head)
    html = client.get("/workspace/reports/inbox/").content.decode()
    # Everyone sees the overdue row marked; the head also sees the escalated one highlighted.
    assert html.count(' highlight"') == 1 and "Передано руководителю" in html
    client.force_login(world.official)
    html = client.get("/workspace/reports/inbox/").content.decode()
    assert ' highlight"' not in html and html.count('class="row-overdue"') == 1


def test_constant_number_of_queries(official, world):
    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert official.get("/workspace/reports/inbox/?tab=all").status_code == 200
        return len(queries)

    routed(world, days=-1)
    routed(world, days=2, status=Status.ANSWERED)
    few = count()
    for days in range(-3, 9):
        routed(world, days=days, status=Status.IN_PROGRESS if days % 2 else Status.ROUTED)
    assert count() == few


def test_bulk_take_into_work(official, world):
    first, second = routed(world, days=3), routed(world, days=4)
    untouched = routed(world, days=5)
    response = official.post(
        "/workspace/reports/inbox/take/", {"report": [first.pk, second.pk]}, follow=True
    )
    assert "2 сообщения приняты в работу." in response.content.decode()
    for report in [first, second, untouched]:
        report.refresh_from_db()
    assert [first.status, second.status, untouched.status] == [
        Status.IN_PROGRESS,
        Status.IN_PROGRESS,
        Status.ROUTED,
    ]


@pytest.mark.parametrize("spoiler", ["in_progress", "other_agency"])
def test_bulk_take_is_all_or_nothing(official, world, spoiler):
    fine = routed(world, days=3)
    bad = (
        routed(world, days=4, status=Status.IN_PROGRESS)
        if spoiler == "in_progress"
        else routed(world, days=4, agency=world.urai_admin)
    )
    response = official.post(
        "/workspace/reports/inbox/take/",
        {"report": [fine.pk, bad.pk], "next": "/workspace/reports/inbox/?tab=routed"},
    )
    assert response["Location"] == "/workspace/reports/inbox/?tab=routed"
    html = official.get(response["Location"]).content.decode()
    assert "Ни одно сообщение не принято в работу" in html
    fine.refresh_from_db()
    bad.refresh_from_db()
    assert fine.status == Status.ROUTED
    assert bad.status == (Status.IN_PROGRESS if spoiler == "in_progress" else Status.ROUTED)
    assert not fine.timeline.exists()


def test_bulk_take_with_nothing_chosen(official, world):
    response = official.post("/workspace/reports/inbox/take/", {"report": []}, follow=True)
    assert "Выберите сообщения" in response.content.decode()


def test_bulk_take_refuses_an_outside_next(official, world):
    report = routed(world, days=3)
    response = official.post(
        "/workspace/reports/inbox/take/", {"report": [report.pk], "next": "https://evil.example/"}
    )
    assert response["Location"] == "/workspace/reports/inbox/"


def test_bulk_take_is_for_officials(client, world):
    report = routed(world, days=3)
    client.force_login(world.moderator)
    assert client.post("/workspace/reports/inbox/take/", {"report": [report.pk]}).status_code == 403
    report.refresh_from_db()
    assert report.status == Status.ROUTED


def test_due_today_and_overdue_are_highlighted_with_words(official, world, settings):
    settings.TIME_ZONE = "Asia/Yekaterinburg"
    now = timezone.localtime()
    end_of_day = now.replace(hour=23, minute=59, second=0, microsecond=0)
    today = RoutedReportFactory(
        municipality=world.surgut, agency=world.surgut_admin, due_at=end_of_day
    )
    late = routed(world, days=-1)
    later = routed(world, days=9)
    response = official.get("/workspace/reports/inbox/")
    if end_of_day <= timezone.now():  # run in the last minute of the day: nothing is due today
        pytest.skip("the day ends now")
    assert listed(response) == [late.pk, today.pk, later.pk]
    assert response.context["counts"]["due_today"] == 1
    html = response.content.decode()
    assert 'class="row-overdue' in html and 'class="row-due-today' in html
    assert ">Срок сегодня<" in html and ">Просрочено<" in html
    # Statuses are badges: a colour class and the status in words.
    assert '<span class="badge badge-info">Направлено в ведомство</span>' in html


def test_supports_have_their_own_column(official, world):
    report = routed(world, days=3)
    report.support_count = 7
    report.save()
    html = official.get("/workspace/reports/inbox/").content.decode()
    assert '<th scope="col">Поддержки</th>' in html
    assert '<td class="number">7</td>' in html


def test_staff_of_several_agencies_see_counters_per_agency(client, world):
    from veche.staff.models import Role, RoleAssignment

    RoleAssignment.objects.create(user=world.official, role=Role.OFFICIAL, agency=world.roads)
    routed(world, days=-1)
    routed(world, days=4)
    routed(world, days=2, agency=world.roads)
    client.force_login(world.official)
    response = client.get("/workspace/reports/inbox/")
    rows = {row["name"]: row for row in response.context["agency_counts"]}
    assert rows[world.surgut_admin.name]["awaiting"] == 2
    assert rows[world.surgut_admin.name]["overdue"] == 1
    assert rows[world.roads.name] == {
        "agency_id": world.roads.pk,
        "name": world.roads.name,
        "awaiting": 1,
        "due_today": 0,
        "overdue": 0,
    }
    assert "<caption>Ваши ведомства</caption>" in response.content.decode()
