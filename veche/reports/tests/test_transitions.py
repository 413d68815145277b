"""The one table of report transitions: the services refuse what it does not allow, the pages
offer what it allows to the user looking, and docs/reports.md shows the same table."""

import re
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError

from veche.reports.models import Report, Status
from veche.reports.services import report_answer
from veche.reports.services._common import require_status
from veche.reports.tests.factories import ReportFactory, RoutedReportFactory
from veche.reports.transitions import TRANSITIONS, available_actions, markdown_table

DOC = Path(__file__).resolve().parents[3] / "docs" / "reports.md"
UNCONDITIONAL = [a for a, t in TRANSITIONS.items() if t.condition is None]


def test_the_docs_show_the_codes_table():
    text = DOC.read_text(encoding="utf-8")
    shown = re.search(r"<!-- transitions:start -->\n(.*?)\n<!-- transitions:end -->", text, re.S)
    assert shown is not None, "docs/reports.md lost its table of transitions"
    table = markdown_table()
    assert shown.group(1) == table, f"paste this into docs/reports.md:\n{table}"


@pytest.mark.parametrize("status", Status.values)
@pytest.mark.parametrize("action", UNCONDITIONAL)
def test_require_status_follows_the_table(action, status):
    report = Report(status=status)
    if status in TRANSITIONS[action].sources:
        require_status(report, action)
        return
    with pytest.raises(ValidationError) as error:
        require_status(report, action)
    assert error.value.code == "wrong_status"


@pytest.fixture
def in_progress(world):
    report = RoutedReportFactory(
        municipality=world.surgut, agency=world.surgut_admin, author=world.author
    )
    Report.objects.filter(pk=report.pk).update(status=Status.IN_PROGRESS)
    report.refresh_from_db()
    return report


def test_each_person_gets_the_actions_of_his_role_and_the_state(world, in_progress):
    assert available_actions(world.moderator, in_progress) == {"reroute", "redact"}
    assert available_actions(world.official, in_progress) == {
        "answer",
        "extend",
        "decline",
        "request_reassignment",
    }
    assert available_actions(world.author, in_progress) == set()
    assert available_actions(world.urai_moderator, in_progress) == set()


def test_after_a_scheduled_answer_only_the_final_answer_and_a_dispute_remain(world, in_progress):
    report_answer(
        official=world.official,
        report=in_progress,
        kind="scheduled",
        text="Отремонтируем в мае.",
        planned_date=in_progress.created_at.date().replace(year=in_progress.created_at.year + 1),
    )
    in_progress.refresh_from_db()
    assert available_actions(world.official, in_progress) == {"answer_final"}
    assert available_actions(world.author, in_progress) == {"dispute"}
    with pytest.raises(ValidationError) as error:
        require_status(in_progress, "confirm")
    assert error.value.messages == [
        "Работы пока только запланированы: подтвердите, когда ведомство сообщит об их выполнении."
    ]
    report_answer(official=world.official, report=in_progress, kind="resolved", text="Сделано.")
    in_progress.refresh_from_db()
    assert available_actions(world.official, in_progress) == set()
    assert available_actions(world.author, in_progress) == {"confirm", "dispute"}


def test_a_moderator_reroutes_a_report_in_progress_from_its_page(client, world, in_progress):
    """The drift this table ended: the service allowed it, the page offered no form."""
    client.force_login(world.moderator)
    page = client.get(f"/workspace/reports/{in_progress.pk}/").content.decode()
    assert f'action="/workspace/reports/{in_progress.pk}/reroute/"' in page
    assert 'id="take-title"' not in page  # the moderator works on no agency's reports

    response = client.post(
        f"/workspace/reports/{in_progress.pk}/reroute/", {"agency": world.roads.pk}
    )
    assert response.status_code == 302
    in_progress.refresh_from_db()
    assert (in_progress.status, in_progress.agency) == (Status.ROUTED, world.roads)


def test_the_agency_page_offers_no_extension_or_decline_after_a_scheduled_answer(
    client, world, in_progress
):
    """Another drift: the page showed forms the services then refused."""
    report_answer(
        official=world.official,
        report=in_progress,
        kind="scheduled",
        text="Отремонтируем в мае.",
        planned_date=in_progress.created_at.date().replace(year=in_progress.created_at.year + 1),
    )
    client.force_login(world.official)
    page = client.get(f"/workspace/reports/{in_progress.pk}/").content.decode()
    assert f'action="/workspace/reports/{in_progress.pk}/answer/"' in page
    for action in ("extend", "decline", "reassign", "take"):
        assert f'action="/workspace/reports/{in_progress.pk}/{action}/"' not in page


def test_every_service_leads_where_the_table_says(world):
    """Walk a report through every action by the services; each ends in the table's state."""
    from datetime import timedelta

    from django.utils import timezone

    from veche.reports import services

    def expect(report, action, before):
        report.refresh_from_db()
        assert report.status == (TRANSITIONS[action].target or before), action

    report = ReportFactory(municipality=world.surgut, topic=world.topic, author=world.author)
    official = {"official": world.official}
    moderator = {"moderator": world.moderator}
    author = {"author": world.author}
    later = timezone.localdate() + timedelta(days=30)
    resolved = {"kind": "resolved", "text": "Сделано."}
    steps = [
        ("publish", services.report_publish, moderator),
        ("redact", services.report_redact, {**moderator, "text": "Яма"}),
        ("take", services.report_take_into_work, official),
        ("extend", services.report_extend_deadline, {**official, "reason": "Экспертиза"}),
        ("request_reassignment", services.report_request_reassignment, {**official, "reason": "?"}),
        ("decline", services.report_decline, {**official, "reason": "Не наше"}),
        ("reroute", services.report_reroute, {**moderator, "agency": world.roads}),
        ("reroute", services.report_reroute, {**moderator, "agency": world.surgut_admin}),
        (
            "answer",
            services.report_answer,
            {**official, "kind": "scheduled", "text": "В мае.", "planned_date": later},
        ),  # noqa: E501
        ("answer_final", services.report_answer, {**official, **resolved}),
        ("dispute", services.report_dispute, {**author, "rating": 2, "reason": "Яма на месте."}),
        ("answer", services.report_answer, {**official, **resolved}),
        ("confirm", services.report_confirm, {**author, "rating": 5}),
    ]
    for action, service, arguments in steps:
        report.refresh_from_db()
        before = report.status
        assert before in TRANSITIONS[action].sources, action
        service(report=report, **arguments)
        expect(report, action, before)

    rejected = ReportFactory(municipality=world.surgut, topic=world.topic)
    services.report_reject(**moderator, report=rejected, reason=world.reason)
    expect(rejected, "reject", Status.SUBMITTED)
    merged = ReportFactory(municipality=world.surgut, topic=world.topic)
    original = RoutedReportFactory(municipality=world.surgut, topic=world.topic)
    services.report_mark_duplicate(**moderator, report=merged, original=original)
    expect(merged, "merge", Status.SUBMITTED)
    moved = ReportFactory(municipality=world.surgut, topic=world.topic)
    services.report_move_to_idea(**moderator, report=moved, url="/ideas/1/", number=1, title="Я")
    expect(moved, "move_to_idea", Status.SUBMITTED)
    assert {step[0] for step in steps} | {"reject", "merge", "move_to_idea"} == set(TRANSITIONS)
