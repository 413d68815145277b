from datetime import date, timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from veche.reports.models import Answer, Status
from veche.reports.selectors import public_timeline
from veche.reports.services import (
    report_add_note,
    report_answer,
    report_decline,
    report_extend_deadline,
    report_take_into_work,
    reports_take_into_work,
)
from veche.reports.tests.factories import RoutedReportFactory


@pytest.fixture
def routed(world):
    return RoutedReportFactory(municipality=world.surgut, agency=world.surgut_admin)


def test_official_takes_into_work_and_answers(world, routed):
    report_take_into_work(official=world.official, report=routed)
    answer = report_answer(
        official=world.official, report=routed, kind="resolved", text="Яму заделали."
    )
    routed.refresh_from_db()
    assert routed.status == Status.ANSWERED and routed.answered_at
    assert answer.agency == world.surgut_admin


@pytest.mark.parametrize("who", ["urai_official", "moderator", "author", "operator"])
def test_others_cannot_work_on_the_agency_report(world, routed, who):
    with pytest.raises(PermissionDenied):
        report_answer(official=getattr(world, who), report=routed, kind="resolved", text="Готово")
    assert not Answer.objects.exists()


def test_scheduled_answer_needs_a_future_date(world, routed):
    with pytest.raises(ValidationError) as error:
        report_answer(official=world.official, report=routed, kind="scheduled", text="Сделаем")
    assert "planned_date" in error.value.message_dict
    past = timezone.localdate() - timedelta(days=1)
    with pytest.raises(ValidationError):
        report_answer(
            official=world.official,
            report=routed,
            kind="scheduled",
            text="Сделаем",
            planned_date=past,
        )
    answer = report_answer(
        official=world.official,
        report=routed,
        kind="scheduled",
        text="Летом",
        planned_date=date.today() + timedelta(days=90),
    )
    assert answer.planned_date


def test_a_refusal_must_be_motivated(world, routed):
    with pytest.raises(ValidationError):
        report_answer(official=world.official, report=routed, kind="refused", text=" ")


def test_deadline_extends_once_with_a_reason(world, routed):
    due = routed.due_at
    with pytest.raises(ValidationError):
        report_extend_deadline(official=world.official, report=routed, reason="")
    report = report_extend_deadline(
        official=world.official, report=routed, reason="Нужна экспертиза"
    )
    assert report.due_at > due
    with pytest.raises(ValidationError) as error:
        report_extend_deadline(official=world.official, report=report, reason="Ещё раз")
    assert "только один раз" in error.value.messages[0]


def test_declining_jurisdiction_sends_it_back_to_moderation(world, routed):
    report = report_decline(official=world.official, report=routed, reason="Это не наше")
    assert report.status == Status.DECLINED


def test_internal_notes_stay_out_of_the_public_timeline(world, routed):
    report_add_note(official=world.official, report=routed, text="Позвонить подрядчику")
    report_take_into_work(official=world.official, report=routed)
    kinds = [entry.kind for entry in public_timeline(routed)]
    assert "note" not in kinds and "status" in kinds
    assert routed.timeline.filter(kind="note", is_public=False).exists()


def test_bulk_take_into_work_is_all_or_nothing(world, routed):
    foreign = RoutedReportFactory(municipality=world.urai, agency=world.urai_admin)
    with pytest.raises(PermissionDenied):
        reports_take_into_work(official=world.official, reports=[routed, foreign])
    routed.refresh_from_db()
    assert routed.status == Status.ROUTED
    reports_take_into_work(official=world.official, reports=[routed])
    routed.refresh_from_db()
    assert routed.status == Status.IN_PROGRESS


def test_an_answered_report_cannot_be_answered_again(world, routed):
    report_answer(official=world.official, report=routed, kind="resolved", text="Готово")
    with pytest.raises(ValidationError):
        report_answer(official=world.official, report=routed, kind="resolved", text="Ещё")
