"""Rebuilding the daily aggregates (`analytics_refresh`): idempotent, one transaction per run.

The rows of the days covered are deleted and written again from the domain apps' selectors, so a
second run gives the same rows and a report answered months after it was filed moves its day's
row. "Overdue" is counted at the moment of the refresh. A refresh records no event: it changes
no domain state, and an event would expire every guest page of the portal (core/pagecache.py).
"""

from collections import Counter
from dataclasses import dataclass
from datetime import date, timedelta

import h3
from django.db import connection, transaction
from django.db.models import Sum
from django.db.models.functions import TruncMonth
from django.utils import timezone

from veche.budgeting.selectors import voters_by_day as contest_voters_by_day
from veche.comments.selectors import commenters_by_day
from veche.ideas.selectors import supporters_by_day
from veche.polls.selectors import voters_by_day as poll_voters_by_day
from veche.reports.selectors import analytics_rows, participation_by_day
from veche.workdays.calendar import local_day

from . import definitions as d
from . import visitors
from .models import (
    CellDay,
    CellMonth,
    ParticipationDay,
    ParticipationMonth,
    Refresh,
    ReportDay,
    ReportMonth,
    ReportTotalDay,
    ReportTotalMonth,
)

# The heat map's grid: about 5.5 km north–south and 5.4 km east–west at Yugra's latitudes.
# H3's resolution 6: hexagons of about 36 km², a town's district.
HEAT_RESOLUTION = 6
COUNTS = ("filed", "accepted", "resolved", "confirmed", "overdue", "due", "timely")
HISTOGRAMS = ("first_days", "final_days", "ratings", "statuses")
# Participation's kinds, each from its module's selector of (day, municipality, people, actions);
# the reports' selector gives "filed" and "supported" itself.
# The day tables summed by month in SQL (no histograms): the month table, its key columns
# besides the day, and the columns added up.
MONTHLY_SUMS = {
    ReportDay: (ReportMonth, ("municipality_id", "agency_id", "topic_id", "category_id"), COUNTS),
    CellDay: (CellMonth, ("municipality_id", "cell", "lat", "lon"), ("filed",)),
    ParticipationDay: (ParticipationMonth, ("municipality_id", "kind"), ("people", "actions")),
}
KINDS = {
    "idea_supported": supporters_by_day,
    "poll_voted": poll_voters_by_day,
    "contest_voted": contest_voters_by_day,
    "commented": commenters_by_day,
}


@dataclass(frozen=True)
class RefreshResult:
    first: date
    last: date
    report_rows: int
    cell_rows: int
    participation_rows: int
    total_rows: int = 0


def cell_of(lat: float, lon: float) -> tuple[str, float, float]:
    """The H3 cell of a point (resolution HEAT_RESOLUTION, about 36 km²): its index and its
    centre — no point of a person is kept."""
    cell = h3.latlng_to_cell(lat, lon, HEAT_RESOLUTION)
    centre_lat, centre_lon = h3.cell_to_latlng(cell)
    return cell, centre_lat, centre_lon


def _report_days(rows, now) -> tuple[list[ReportDay], list[ReportTotalDay], list[CellDay]]:
    topics: dict[tuple, Counter] = {}
    categories: dict[tuple, int] = {}
    totals: dict[tuple, dict] = {}
    cells: Counter = Counter()
    for row in rows:
        day = local_day(row["created_at"])
        place = (day, row["municipality_id"], row["agency_id"])
        total = totals.get(place)
        if total is None:
            total = totals[place] = {name: Counter() for name in HISTOGRAMS}
            total["counts"] = Counter()
        counts = {
            "filed": 1,
            "accepted": d.is_accepted(row),
            "resolved": d.is_resolved(row),
            "confirmed": d.is_confirmed(row),
            "timely": d.is_timely(row),
            "due": d.is_due(row, now),
            "overdue": d.is_overdue(row, now),
        }
        total["counts"].update(counts)
        key = (*place, row["topic_id"])
        topic = topics.get(key)
        if topic is None:
            topic = topics[key] = Counter()
            categories[key] = row["category_id"]
        topic.update(counts)
        total["statuses"][row["status"]] += 1
        for name, value in (
            ("first_days", d.first_answer_days(row)),
            ("final_days", d.final_answer_days(row)),
            ("ratings", d.rating(row)),
        ):
            if value is not None:
                total[name][str(value)] += 1
        cells[(day, row["municipality_id"], *cell_of(row["lat"], row["lon"]))] += 1
    report_days = [
        ReportDay(
            day=day, municipality_id=municipality, agency_id=agency, topic_id=topic,
            category_id=categories[(day, municipality, agency, topic)],
            **{k: c[k] for k in COUNTS},
        )
        for (day, municipality, agency, topic), c in topics.items()
    ]  # fmt: skip
    total_days = [
        ReportTotalDay(
            day=day, municipality_id=municipality, agency_id=agency,
            **{k: t["counts"][k] for k in COUNTS}, **{h: dict(t[h]) for h in HISTOGRAMS},
        )
        for (day, municipality, agency), t in totals.items()
    ]  # fmt: skip
    cell_days = [
        CellDay(day=day, municipality_id=m, cell=cell, lat=lat, lon=lon, filed=n)
        for (day, m, cell, lat, lon), n in cells.items()
    ]
    return report_days, total_days, cell_days


def _participation(first: date, last: date) -> list[ParticipationDay]:
    """Distinct people per day, territory and kind, counted by the modules' grouped queries."""
    rows = list(participation_by_day(since=first, until=last))
    for kind, selector in KINDS.items():
        rows += [(d, m, kind, p, n) for d, m, p, n in selector(since=first, until=last)]
    return [
        ParticipationDay(day=day, municipality_id=m, kind=kind, people=people, actions=actions)
        for day, m, kind, people, actions in rows
    ]


def month_start(day: date) -> date:
    return day.replace(day=1)


def month_end(day: date) -> date:
    following = (day.replace(day=28) + timedelta(days=4)).replace(day=1)
    return following - timedelta(days=1)


def _roll_up_months(first: date, last: date) -> int:
    """Rebuild the `ReportTotalMonth` rows of every month holding a day from `first` to `last`
    from all that month's day rows (those of earlier refreshes included): counts added,
    histograms merged key by key. Inside the refresh's transaction."""
    start, end = month_start(first), month_end(last)
    merged: dict[tuple, dict] = {}
    days = ReportTotalDay.objects.filter(day__gte=start, day__lte=end)
    for row in days.values("day", "municipality_id", "agency_id", *COUNTS, *HISTOGRAMS).iterator(
        chunk_size=5000
    ):
        key = (month_start(row["day"]), row["municipality_id"], row["agency_id"])
        month = merged.get(key)
        if month is None:
            month = merged[key] = {name: Counter() for name in (*HISTOGRAMS, "counts")}
        month["counts"].update({name: row[name] for name in COUNTS})
        for name in HISTOGRAMS:
            month[name].update(row[name])
    ReportTotalMonth.objects.filter(day__gte=start, day__lte=end).delete()
    ReportTotalMonth.objects.bulk_create(
        [
            ReportTotalMonth(
                day=day, municipality_id=municipality, agency_id=agency,
                **{k: m["counts"][k] for k in COUNTS}, **{h: dict(m[h]) for h in HISTOGRAMS},
            )
            for (day, municipality, agency), m in merged.items()
        ],
        batch_size=2000,
    )  # fmt: skip
    return len(merged)


def roll_up_sums(day_model, first: date, last: date) -> int:
    """Rebuild the month rows (MONTHLY_SUMS) of every month holding a day from `first` to `last`
    from all that month's day rows: one INSERT … SELECT … GROUP BY. Returns the rows written."""
    month_model, keys, sums = MONTHLY_SUMS[day_model]
    start, end = month_start(first), month_end(last)
    month_model.objects.filter(day__gte=start, day__lte=end).delete()
    rows = (
        day_model.objects.filter(day__gte=start, day__lte=end)
        .annotate(month=TruncMonth("day"))
        .values("month", *keys)
        .annotate(**{f"total_{name}": Sum(name) for name in sums})
        .order_by()
    )
    select, params = rows.query.sql_with_params()
    columns = ", ".join(("day", *keys, *sums))
    with connection.cursor() as cursor:
        cursor.execute(f"INSERT INTO {month_model._meta.db_table} ({columns}) {select}", params)
        return cursor.rowcount


def analytics_refresh(*, first: date, last: date, now=None) -> RefreshResult:
    """Rebuild every aggregate of the local days from `first` to `last` (both included)."""
    now = now or timezone.now()
    if first > last:
        raise ValueError("The first day must not be after the last one.")
    rows = analytics_rows(filed_since=first, filed_until=last)
    report_days, total_days, cell_days = _report_days(rows, now)
    participation = _participation(first, last)
    with transaction.atomic():
        for model in (ReportDay, ReportTotalDay, CellDay, ParticipationDay):
            model.objects.filter(day__gte=first, day__lte=last).delete()
        ReportDay.objects.bulk_create(report_days, batch_size=2000)
        ReportTotalDay.objects.bulk_create(total_days, batch_size=2000)
        CellDay.objects.bulk_create(cell_days, batch_size=2000)
        ParticipationDay.objects.bulk_create(participation, batch_size=2000)
        _roll_up_months(first, last)
        for day_model in MONTHLY_SUMS:
            roll_up_sums(day_model, first, last)
        Refresh.objects.create(first=first, last=last, finished_at=timezone.now())
    visitors.flush()
    return RefreshResult(
        first, last, len(report_days), len(cell_days), len(participation), len(total_days)
    )
