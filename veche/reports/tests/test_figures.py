"""The headline figures as SPEC §13 defines them (veche/reports/figures.py)."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from django.core.cache import cache

from veche.reports.figures import Period, compute_figures, headline_figures
from veche.reports.models import Answer, Report, Status
from veche.reports.tests.factories import ReportFactory, RoutedReportFactory

ZONE = ZoneInfo("Asia/Yekaterinburg")
FEBRUARY = Period(date(2026, 2, 1), date(2026, 2, 28))


def at(day: int, hour: int = 10, month: int = 2) -> datetime:
    return datetime(2026, month, day, hour, tzinfo=ZONE)


def filed(report: Report, moment: datetime) -> Report:
    Report.objects.filter(pk=report.pk).update(created_at=moment)
    return report


def answered(world, *, status=Status.ANSWERED, kind="resolved", routed=None, answer=None, **kw):
    report = RoutedReportFactory(municipality=world.surgut, status=status, **kw)
    Report.objects.filter(pk=report.pk).update(
        routed_at=routed or at(2), answered_at=answer or at(4), created_at=at(2, 9)
    )
    Answer.objects.create(
        report=report, agency=report.agency, author=world.official, kind=kind, text="Сделано."
    )
    return report


@pytest.fixture(autouse=True)
def _no_cache():
    cache.clear()
    yield
    cache.clear()


def test_rejected_submitted_and_duplicates_are_filed_but_not_accepted(world):
    original = answered(world)
    filed(ReportFactory(municipality=world.surgut), at(3))
    filed(
        ReportFactory(
            municipality=world.surgut, status=Status.REJECTED, rejection_reason=world.reason
        ),
        at(3),
    )
    filed(
        ReportFactory(municipality=world.surgut, status=Status.DUPLICATE, duplicate_of=original),
        at(3),
    )
    figures = compute_figures(period=FEBRUARY)
    assert (figures.filed, figures.accepted, figures.resolved) == (4, 1, 1)
    assert figures.resolved_share == 1.0


def test_resolved_share_counts_the_current_answer_of_accepted_reports(world):
    answered(world)  # resolved, awaiting the author
    answered(world, status=Status.CLOSED)  # resolved and confirmed
    answered(world, kind="refused")  # answered, but refused
    disputed = answered(world, status=Status.IN_PROGRESS)  # a disputed answer sent it back
    disputed.answers.update(verdict=Answer.Verdict.DISPUTED)
    filed(RoutedReportFactory(municipality=world.surgut), at(5))  # not answered yet
    figures = compute_figures(period=FEBRUARY)
    assert (figures.accepted, figures.resolved) == (5, 2)
    assert figures.resolved_share == pytest.approx(0.4)
    assert figures.resolved_percent == 40


def test_a_later_answer_replaces_the_earlier_one(world):
    report = answered(world)
    Answer.objects.create(
        report=report, agency=report.agency, author=world.official, kind="refused", text="Нет."
    )
    assert compute_figures(period=FEBRUARY).resolved == 0


def test_median_answer_time_in_working_days_across_a_holiday(world):
    # Friday 20 February → Wednesday 25 February 2026: Saturday, Sunday and the 23rd (Defender
    # of the Fatherland Day) are not working days, so 2 working days, not 5 calendar days.
    answered(world, routed=at(20), answer=at(25, 15))
    answered(world, routed=at(2), answer=at(6))  # Monday → Friday: 4
    answered(world, routed=at(2), answer=at(16))  # two weeks: 10
    filed(RoutedReportFactory(municipality=world.surgut), at(5))  # unanswered: not in the median
    assert compute_figures(period=FEBRUARY).median_answer_days == 4


def test_a_single_holiday_crossing_answer(world):
    answered(world, routed=at(20), answer=at(25, 15))
    assert compute_figures(period=FEBRUARY).median_answer_days == 2


def test_duplicates_do_not_enter_the_median(world):
    original = answered(world, routed=at(2), answer=at(3))  # 1 day
    duplicate = RoutedReportFactory(
        municipality=world.surgut, status=Status.DUPLICATE, duplicate_of=original
    )
    Report.objects.filter(pk=duplicate.pk).update(
        routed_at=at(2), answered_at=at(27), created_at=at(2)
    )
    assert compute_figures(period=FEBRUARY).median_answer_days == 1


def test_no_reports_no_share_and_no_median(world):
    figures = compute_figures(period=FEBRUARY)
    assert (figures.filed, figures.resolved_share, figures.median_answer_days) == (0, None, None)
    assert figures.resolved_percent is None


def test_period_and_municipality_bound_the_figures(world):
    answered(world)
    filed(ReportFactory(municipality=world.surgut), at(5, month=3))  # March
    filed(ReportFactory(municipality=world.urai), at(5))
    assert compute_figures(period=FEBRUARY).filed == 2
    assert compute_figures(period=FEBRUARY, municipality_id=world.urai.pk).filed == 1
    assert compute_figures(period=Period(date(2026, 3, 1), date(2026, 3, 31))).filed == 1


def test_the_figures_are_cached_until_the_ttl(world, django_assert_num_queries):
    answered(world)
    assert headline_figures(period=FEBRUARY).filed == 1
    filed(ReportFactory(municipality=world.surgut), at(5))
    with django_assert_num_queries(0):
        assert headline_figures(period=FEBRUARY).filed == 1  # the cached figure
    cache.clear()
    assert headline_figures(period=FEBRUARY).filed == 2


def test_this_month_and_last_year():
    assert Period.this_month(date(2026, 11, 30)) == Period(date(2026, 11, 1), date(2026, 11, 30))
    assert Period.last_year(date(2026, 11, 30)).first == date(2025, 12, 1)
