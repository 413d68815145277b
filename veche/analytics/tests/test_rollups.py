"""Monthly rollups (`ReportTotalMonth`, and `ReportMonth`, `CellMonth`, `ParticipationMonth`):
every month's row sums its days' rows exactly, counts and histograms, and a period's figures —
the summary, topics, categories, heat map, participation and ratings — read its whole months
from them and its other days from the day rows, giving what the days alone give.

Hand count (Сургут unless said; filed at 9:00 local time, routed at 10:00):
12 Jan: 2 reports, one answered on 14 Jan and rated 5; 31 Jan: 1 rejected; 3 Feb: 1 answered on
5 Feb, rated 2; 10 Feb: 1 in Урай; 15 Mar: 3 routed, unanswered. Filed: January 3, February 2,
March 3; from 12 January to 20 March: 8, accepted 7 (the rejected one is not), ratings {5: 1, 2: 1}.
"""

from collections import Counter
from datetime import date

from django.db.models import Sum

from veche.analytics import selectors
from veche.analytics.models import (
    CellDay,
    CellMonth,
    ParticipationDay,
    ParticipationMonth,
    ReportDay,
    ReportMonth,
    ReportTotalDay,
    ReportTotalMonth,
)
from veche.analytics.selectors import Scope, whole_months
from veche.analytics.services import MONTHLY_SUMS, analytics_refresh
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


def _summed_by_month(model, keys, sums):
    """{(month, *keys): (sums…)} of a table's rows (a day table's rows moved to their month)."""
    found: dict = {}
    for row in model.objects.values("day", *keys, *sums):
        key = (row["day"].replace(day=1), *(row[k] for k in keys))
        had = found.get(key, (0,) * len(sums))
        found[key] = tuple(a + row[n] for a, n in zip(had, sums, strict=True))
    return found


def _rollups_agree():
    for day_model, (month_model, keys, sums) in MONTHLY_SUMS.items():
        months = _summed_by_month(month_model, keys, sums)
        assert months == _summed_by_month(day_model, keys, sums), day_model.__name__
        assert len(months) == month_model.objects.count()  # one row per month and key


def test_topic_cell_and_participation_months_sum_their_days(world):
    _reports(world)
    analytics_refresh(first=date(2026, 1, 1), last=date(2026, 3, 31), now=NOW)
    _rollups_agree()
    # Filed: January 3, February 2, March 3 — in the topics', the cells' and the authors' months.
    for model, column in ((ReportMonth, "filed"), (CellMonth, "filed")):
        by_month = Counter()
        for day, n in model.objects.values_list("day", column):
            by_month[day] += n
        assert by_month == {date(2026, 1, 1): 3, date(2026, 2, 1): 2, date(2026, 3, 1): 3}
    filed = ParticipationMonth.objects.filter(kind="filed").values_list("day", "actions")
    assert sum(n for _d, n in filed) == 8
    # A refresh of a few days rebuilds their month from all its days, earlier refreshes' too.
    analytics_refresh(first=date(2026, 2, 9), last=date(2026, 2, 11), now=NOW)
    _rollups_agree()
    assert ReportMonth.objects.filter(day=date(2026, 2, 1)).aggregate(n=Sum("filed"))["n"] == 2


def _day_only(world, first, last):
    """The topics, cells, participation and ratings' accepted counts from the day rows alone."""
    days = {"day__gte": first, "day__lte": last}
    topics = Counter()
    for topic, n in ReportDay.objects.filter(**days).values_list("topic_id", "accepted"):
        topics[topic] += n
    cells = Counter()
    for cell, n in CellDay.objects.filter(**days).values_list("cell", "filed"):
        cells[cell] += n
    kinds: dict = {}
    for kind, people, actions in ParticipationDay.objects.filter(**days).values_list(
        "kind", "people", "actions"
    ):
        had = kinds.get(kind, (0, 0))
        kinds[kind] = (had[0] + people, had[1] + actions)
    accepted = Counter()
    for m, n in ReportTotalDay.objects.filter(**days).values_list("municipality_id", "accepted"):
        accepted[m] += n
    return +topics, +cells, kinds, +accepted


def _read(first, last, read=lambda f: f):
    figures = read(selectors.figures)(Scope(), first, last)
    cells = read(selectors.cells)(Scope(), first, last)
    participation = read(selectors.participation)(Scope(), first, last)
    ratings = read(selectors.ratings)("municipality", first, last)
    return (
        +figures.by_topic,
        Counter({cell: n for cell, _lat, _lon, n in cells}),
        participation,
        Counter({r.key: r.accepted for r in ratings if r.accepted}),
    )


def test_topics_cells_participation_and_ratings_read_from_months_equal_the_days(world):
    _reports(world)
    analytics_refresh(first=date(2026, 1, 1), last=date(2026, 3, 31), now=NOW)
    first, last = date(2026, 1, 12), date(2026, 3, 20)
    topics, cells, participation, accepted = _read(first, last)
    assert (topics, cells, participation, accepted) == _day_only(world, first, last)
    # Hand count: 7 accepted (the rejected one is not), 8 filed, 8 authors' reports; Сургут 6
    # accepted, Урай 1.
    assert sum(topics.values()) == 7 and sum(cells.values()) == 8
    assert participation["filed"][1] == 8
    assert accepted == {world.surgut.pk: 6, world.urai.pk: 1}
    # February comes from its months' rows: without them its two reports (both accepted) are
    # missing.
    for model in (ReportMonth, CellMonth, ParticipationMonth, ReportTotalMonth):
        model.objects.filter(day=date(2026, 2, 1)).delete()
    topics, cells, participation, accepted = _read(first, last, read=lambda f: f.uncached)
    assert (sum(topics.values()), sum(cells.values()), participation["filed"][1]) == (5, 6, 6)
    assert accepted == {world.surgut.pk: 5}
