"""The daily aggregates from real report rows: refresh, then read (services.py, selectors.py)."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

from veche.analytics import selectors
from veche.analytics.models import CellDay, ReportDay
from veche.analytics.selectors import Scope
from veche.analytics.services import analytics_refresh
from veche.ideas.tests.factories import IdeaFactory
from veche.infrastructure.tests.factories import FacilityFactory
from veche.polls.tests.factories import PollFactory
from veche.reports.models import Answer, Report, Status
from veche.reports.tests.factories import ReportFactory, RoutedReportFactory

ZONE = ZoneInfo("Asia/Yekaterinburg")
JANUARY = (date(2026, 1, 1), date(2026, 1, 31))
NOW = datetime(2026, 2, 1, 12, tzinfo=ZONE)


def at(month, day, hour=10, year=2026):
    return datetime(year, month, day, hour, tzinfo=ZONE)


def report(world, *, status=Status.ROUTED, municipality=None, filed=None, of=None, **moments):
    municipality = municipality or world.surgut
    if status in (Status.SUBMITTED, Status.REJECTED, Status.DUPLICATE):
        extra = {"rejection_reason": world.reason} if status == Status.REJECTED else {}
        extra |= {"duplicate_of": of} if of else {}
        made = ReportFactory(municipality=municipality, status=status, **extra)
    else:
        made = RoutedReportFactory(municipality=municipality, status=status)
    Report.objects.filter(pk=made.pk).update(created_at=filed or at(1, 12, 9), **moments)
    return made


def answer(world, made, kind="resolved", **fields):
    return Answer.objects.create(
        report=made, agency=made.agency, author=world.official, kind=kind, text="Сделано.", **fields
    )


def refresh():
    return analytics_refresh(first=date(2025, 12, 1), last=date(2026, 1, 31), now=NOW)


def test_resolved_share_excludes_rejected_and_duplicate_reports(world):
    done = report(world, status=Status.ANSWERED, routed_at=at(1, 12), answered_at=at(1, 14))
    answer(world, done, verdict="confirmed", rating=5)
    waiting = report(world, routed_at=at(1, 12))
    report(world, status=Status.REJECTED)
    report(world, status=Status.DUPLICATE, of=done)
    report(world, status=Status.SUBMITTED)
    assert waiting.pk
    refresh()
    figures = selectors.figures(Scope(municipality_id=world.surgut.pk), *JANUARY)
    assert (figures.counts["filed"], figures.counts["accepted"]) == (5, 2)
    assert figures.counts["resolved"] == 1
    assert figures.share("resolved") == 0.5
    assert figures.share("confirmed") == 0.5
    assert figures.satisfaction == (1.0, 5.0)
    assert figures.statuses[Status.REJECTED] == 1


def test_medians_across_the_new_year_holidays_from_the_aggregates(world):
    for routed, answered in [
        (at(12, 29, year=2025), at(1, 12)),
        (at(12, 30, year=2025), at(1, 14)),
        (at(12, 26, year=2025), at(1, 13)),
        (at(12, 30, year=2025), at(1, 20)),
    ]:
        done = report(
            world, status=Status.ANSWERED, filed=routed, routed_at=routed, answered_at=answered
        )
        answer(world, done)
        Answer.objects.filter(report=done).update(created_at=answered)
    refresh()
    figures = selectors.figures(Scope(), date(2025, 12, 1), date(2026, 1, 31))
    assert sorted(figures.first_days.elements()) == [2, 3, 4, 7]
    from veche.analytics.definitions import mean_of, median_of

    assert (median_of(figures.first_days), mean_of(figures.first_days)) == (3.5, 4.0)


def test_refresh_twice_gives_the_same_rows(world):
    report(world, routed_at=at(1, 12))
    report(world, municipality=world.urai, routed_at=at(1, 13), filed=at(1, 13))
    first = refresh()
    rows = sorted(ReportDay.objects.values_list("day", "municipality_id", "filed", "accepted"))
    second = refresh()
    assert first == second
    assert (
        sorted(ReportDay.objects.values_list("day", "municipality_id", "filed", "accepted")) == rows
    )
    assert len(rows) == 2 and CellDay.objects.count() == 2


def test_an_empty_period_has_no_figures(world):
    refresh()
    figures = selectors.figures(Scope(municipality_id=world.urai.pk), *JANUARY)
    assert figures.is_empty
    assert figures.share("resolved") is None
    assert figures.satisfaction == (None, None)


def test_a_rating_with_fewer_than_20_accepted_reports_is_not_ranked(world):
    for _ in range(20):
        done = report(world, status=Status.ANSWERED, routed_at=at(1, 12), answered_at=at(1, 13))
        Report.objects.filter(pk=done.pk).update(due_at=at(1, 20))
        answer(world, done, rating=4)
    for _ in range(19):
        report(world, municipality=world.urai, routed_at=at(1, 12))
    refresh()
    ranked = selectors.ratings("municipality", *JANUARY)
    assert [(r.key, r.accepted) for r in ranked] == [(world.surgut.pk, 20), (world.urai.pk, 19)]
    surgut, urai = ranked
    assert (surgut.timeliness, surgut.resolution, surgut.satisfaction) == (100.0, 100.0, 100.0)
    assert surgut.composite == 100.0
    assert not urai.enough and urai.composite is None and urai.resolution is None


def test_seed_004_a_town_with_114570_idea_votes_and_50148_ballots_shows_164718(world):
    IdeaFactory(municipality=world.surgut, status="published", support_count=114_570)
    PollFactory(municipality=world.surgut, ballot_count=50_148)
    IdeaFactory(municipality=world.surgut, status="submitted", support_count=7)  # not public
    votes = selectors.votes(Scope(municipality_id=world.surgut.pk))
    assert votes == {
        "ideas": 114_570, "polls": 50_148, "discussions": 0, "contests": 0, "objects": 0
    }  # fmt: skip
    assert sum(votes.values()) == 164_718


def test_votes_on_objects_count_in_their_municipality_and_the_region(world):
    FacilityFactory(municipality=world.surgut, vote_count=12)
    FacilityFactory(municipality=world.surgut, vote_count=3)
    FacilityFactory(municipality=world.urai, vote_count=5)
    assert selectors.votes(Scope(municipality_id=world.surgut.pk))["objects"] == 15
    assert selectors.votes(Scope(municipality_id=world.urai.pk))["objects"] == 5
    assert selectors.votes(Scope())["objects"] == 20


def test_cached_figures_change_with_the_next_refresh(world):
    report(world, routed_at=at(1, 12))
    refresh()
    assert selectors.figures(Scope(), *JANUARY).counts["filed"] == 1
    report(world, routed_at=at(1, 13), filed=at(1, 13))
    assert selectors.figures(Scope(), *JANUARY).counts["filed"] == 1  # cached: no refresh yet
    refresh()
    assert selectors.figures(Scope(), *JANUARY).counts["filed"] == 2
