"""Monthly rollups (`ReportTotalMonth`): every month's row sums its days' rows exactly, counts and
histograms, and a period's figures read its whole months from them and its other days from the
day rows, giving what the days alone give.

Hand count (Сургут unless said; filed at 9:00 local time, routed at 10:00):
12 Jan: 2 reports, one answered on 14 Jan and rated 5; 31 Jan: 1 rejected; 3 Feb: 1 answered on
5 Feb, rated 2; 10 Feb: 1 in Урай; 15 Mar: 3 routed, unanswered. Filed: January 3, February 2,
March 3; from 12 January to 20 March: 8, accepted 7 (the rejected one is not), ratings {5: 1, 2: 1}.
"""

from collections import Counter
from datetime import date

from django.db.models import Sum

from veche.analytics import selectors
from veche.analytics.models import ReportTotalDay, ReportTotalMonth
from veche.analytics.selectors import Scope, whole_months
from veche.analytics.services import analytics_refresh
from veche.reports.models import Status

from .test_aggregates import answer, at, report

COUNTS = selectors.COUNTS
NOW = at(4, 1)


def _reports(world):
    for _n in range(2):
        made = report(world, status=Status.ANSWERED, filed=at(1, 12, 9), routed_at=at(1, 12),
                      answered_at=at(1, 14))  # fmt: skip
    answer(world, made, verdict="confirmed", rating=5)
    report(world, status=Status.REJECTED, filed=at(1, 31, 9))
    made = report(world, status=Status.ANSWERED, filed=at(2, 3, 9), routed_at=at(2, 3),
                  answered_at=at(2, 5))  # fmt: skip
    answer(world, made, rating=2)
    report(world, municipality=world.urai, filed=at(2, 10, 9), routed_at=at(2, 10))
    for _n in range(3):
        report(world, filed=at(3, 15, 9), routed_at=at(3, 15))


def _month_sums():
    """Month → counts and histograms, from the months' rows and from the days' rows."""
    sums = {}
    for model, of_day in (
        (ReportTotalMonth, lambda d: d),
        (ReportTotalDay, lambda d: d.replace(day=1)),
    ):
        found: dict = {}
        for row in model.objects.values("day", *COUNTS, *selectors.HISTOGRAMS):
            month = found.setdefault(of_day(row["day"]), Counter())
            month.update({name: row[name] for name in COUNTS})
            for name in selectors.HISTOGRAMS:
                month.update({f"{name}:{k}": v for k, v in row[name].items()})
        sums[model] = found
    return sums[ReportTotalMonth], sums[ReportTotalDay]


def test_whole_months_of_a_period():
    assert whole_months(date(2026, 1, 12), date(2026, 3, 20)) == (
        date(2026, 2, 1),
        date(2026, 2, 28),
    )
    assert whole_months(date(2026, 1, 1), date(2026, 12, 31)) == (
        date(2026, 1, 1),
        date(2026, 12, 31),
    )
    assert whole_months(date(2026, 1, 2), date(2026, 1, 31)) is None
    assert whole_months(date(2026, 2, 10), date(2026, 3, 30)) is None


def test_monthly_and_daily_sums_agree(world):
    _reports(world)
    analytics_refresh(first=date(2026, 1, 1), last=date(2026, 3, 31), now=NOW)
    months, days = _month_sums()
    assert months == days
    assert {m: c["filed"] for m, c in months.items()} == {
        date(2026, 1, 1): 3, date(2026, 2, 1): 2, date(2026, 3, 1): 3,
    }  # fmt: skip
    # Сургут's administration × 3 months, Сургут's unrouted (the rejected one) × January,
    # Урай's administration × February.
    assert ReportTotalMonth.objects.count() == 5
    # A refresh of a few days rebuilds their month from all its days, earlier refreshes' too.
    analytics_refresh(first=date(2026, 2, 9), last=date(2026, 2, 11), now=NOW)
    assert _month_sums() == (months, days)


def test_a_periods_figures_read_from_months_equal_the_days_sums(world):
    _reports(world)
    analytics_refresh(first=date(2026, 1, 1), last=date(2026, 3, 31), now=NOW)
    first, last = date(2026, 1, 12), date(2026, 3, 20)
    figures = selectors.figures(Scope(), first, last)
    days = ReportTotalDay.objects.filter(day__gte=first, day__lte=last)
    assert dict(figures.counts) == days.aggregate(**{n: Sum(n) for n in COUNTS})
    assert (figures.counts["filed"], figures.counts["accepted"]) == (8, 7)
    assert figures.ratings == Counter({5: 1, 2: 1})
    hists = selectors.histograms(days, selectors.HISTOGRAMS)
    assert figures.statuses == hists[("statuses", None)]
    assert figures.first_days == hists[("first_days", None)]
    # February comes from its month's row: without it, its two reports would be missing.
    ReportTotalMonth.objects.filter(day=date(2026, 2, 1)).delete()
    assert selectors.figures.uncached(Scope(), first, last).counts["filed"] == 6
    urai = selectors.figures.uncached(Scope(municipality_id=world.urai.pk), first, last)
    assert urai.counts["filed"] == 0
