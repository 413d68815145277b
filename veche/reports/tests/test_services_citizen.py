import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from veche.reports.models import Status
from veche.reports.services import report_answer, report_confirm, report_dispute
from veche.reports.tests.factories import RoutedReportFactory


@pytest.fixture
def answered(world):
    report = RoutedReportFactory(
        municipality=world.surgut, agency=world.surgut_admin, author=world.author
    )
    report_answer(official=world.official, report=report, kind="resolved", text="Готово")
    report.refresh_from_db()
    return report


def test_author_confirms_and_rates_the_answer(world, answered):
    report = report_confirm(author=world.author, report=answered, rating=5)
    assert report.status == Status.CLOSED and report.closed_at
    answer = report.answers.get()
    assert (answer.verdict, answer.rating) == ("confirmed", 5)


def test_a_dispute_reopens_the_report_at_the_agency_with_a_new_deadline(world, answered):
    old_due = answered.due_at
    report = report_dispute(author=world.author, report=answered, rating=1, reason="Яма на месте")
    assert report.status == Status.IN_PROGRESS and report.agency == world.surgut_admin
    assert report.due_at >= old_due
    assert report.answers.get().verdict == "disputed"


@pytest.mark.parametrize("rating", [0, 6, "5", None])
def test_rating_is_one_to_five(world, answered, rating):
    with pytest.raises(ValidationError):
        report_confirm(author=world.author, report=answered, rating=rating)


def test_only_the_author_reviews_and_only_an_answered_report(world, answered):
    with pytest.raises(PermissionDenied):
        report_confirm(author=world.neighbour, report=answered, rating=5)
    report_confirm(author=world.author, report=answered, rating=4)
    with pytest.raises(ValidationError):
        report_dispute(author=world.author, report=answered, rating=1, reason="Нет")
    answered.refresh_from_db()
    assert answered.status == Status.CLOSED


def test_scheduled_then_resolved_then_confirmed(world):
    from datetime import date, timedelta

    report = RoutedReportFactory(
        municipality=world.surgut, agency=world.surgut_admin, author=world.author
    )
    report_answer(
        official=world.official,
        report=report,
        kind="scheduled",
        text="Ремонт летом",
        planned_date=date.today() + timedelta(days=60),
    )
    report.refresh_from_db()
    first_answered_at = report.answered_at
    with pytest.raises(ValidationError) as error:
        report_confirm(author=world.author, report=report, rating=5)
    assert "запланированы" in error.value.messages[0]
    report_answer(official=world.official, report=report, kind="resolved", text="Отремонтировали")
    report.refresh_from_db()
    assert report.status == Status.ANSWERED and report.answered_at == first_answered_at
    report_confirm(author=world.author, report=report, rating=5)
    report.refresh_from_db()
    assert report.status == Status.CLOSED
    assert [a.kind for a in report.answers.all()] == ["scheduled", "resolved"]


def test_a_final_answer_cannot_be_followed_by_another(world, answered):
    with pytest.raises(ValidationError):
        report_answer(official=world.official, report=answered, kind="refused", text="Нет")
