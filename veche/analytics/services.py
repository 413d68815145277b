"""Rebuilding the daily aggregates (`analytics_refresh`): idempotent, one transaction per run.

The rows of the days covered are deleted and written again from the domain apps' selectors, so a
second run gives the same rows and a report answered months after it was filed moves its day's
row. "Overdue" is counted at the moment of the refresh. A refresh records no event: it changes
no domain state, and an event would expire every guest page of the portal (core/pagecache.py).
"""

from collections import Counter
from dataclasses import dataclass
from datetime import date

import h3
from django.db import transaction
from django.utils import timezone

from veche.budgeting.selectors import voters_by_day as contest_voters_by_day
from veche.comments.selectors import commenters_by_day
from veche.ideas.selectors import supporters_by_day
from veche.polls.selectors import voters_by_day as poll_voters_by_day
from veche.reports.selectors import analytics_rows, participation_by_day
from veche.workdays.calendar import local_day

from . import definitions as d
from . import visitors
from .models import CellDay, ParticipationDay, ReportDay

# The heat map's grid: about 5.5 km north–south and 5.4 km east–west at Yugra's latitudes.
# H3's resolution 6: hexagons of about 36 km², a town's district.
HEAT_RESOLUTION = 6
FLAGS = ("accepted", "resolved", "confirmed", "timely")
# Participation's kinds, each from its module's selector of (day, municipality, people, actions);
# the reports' selector gives "filed" and "supported" itself.
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


def cell_of(lat: float, lon: float) -> tuple[str, float, float]:
    """The H3 cell of a point (resolution HEAT_RESOLUTION, about 36 km²): its index and its
    centre — no point of a person is kept."""
    cell = h3.latlng_to_cell(lat, lon, HEAT_RESOLUTION)
    centre_lat, centre_lon = h3.cell_to_latlng(cell)
    return cell, centre_lat, centre_lon


def _report_days(rows, now) -> tuple[list[ReportDay], list[CellDay]]:
    groups: dict[tuple, dict] = {}
    cells: Counter = Counter()
    for row in rows:
        day = local_day(row["created_at"])
        key = (day, row["municipality_id"], row["agency_id"], row["topic_id"])
        group = groups.get(key)
        if group is None:
            group = groups[key] = {
                "category_id": row["category_id"],
                "counts": Counter(),
                "first_days": Counter(),
                "final_days": Counter(),
                "ratings": Counter(),
                "statuses": Counter(),
            }
        counts = group["counts"]
        counts["filed"] += 1
        counts["accepted"] += d.is_accepted(row)
        counts["resolved"] += d.is_resolved(row)
        counts["confirmed"] += d.is_confirmed(row)
        counts["timely"] += d.is_timely(row)
        counts["due"] += d.is_due(row, now)
        counts["overdue"] += d.is_overdue(row, now)
        group["statuses"][row["status"]] += 1
        for name, value in (
            ("first_days", d.first_answer_days(row)),
            ("final_days", d.final_answer_days(row)),
            ("ratings", d.rating(row)),
        ):
            if value is not None:
                group[name][str(value)] += 1
        cells[(day, row["municipality_id"], *cell_of(row["lat"], row["lon"]))] += 1
    report_days = [
        ReportDay(
            day=day,
            municipality_id=municipality,
            agency_id=agency,
            topic_id=topic,
            category_id=g["category_id"],
            **{k: g["counts"][k] for k in (*FLAGS, "filed", "due", "overdue")},
            first_days=dict(g["first_days"]),
            final_days=dict(g["final_days"]),
            ratings=dict(g["ratings"]),
            statuses=dict(g["statuses"]),
        )
        for (day, municipality, agency, topic), g in groups.items()
    ]
    cell_days = [
        CellDay(day=day, municipality_id=m, cell=cell, lat=lat, lon=lon, filed=n)
        for (day, m, cell, lat, lon), n in cells.items()
    ]
    return report_days, cell_days


def _participation(first: date, last: date) -> list[ParticipationDay]:
    """Distinct people per day, territory and kind, counted by the modules' grouped queries."""
    rows = list(participation_by_day(since=first, until=last))
    for kind, selector in KINDS.items():
        rows += [(d, m, kind, p, n) for d, m, p, n in selector(since=first, until=last)]
    return [
        ParticipationDay(day=day, municipality_id=m, kind=kind, people=people, actions=actions)
        for day, m, kind, people, actions in rows
    ]


def analytics_refresh(*, first: date, last: date, now=None) -> RefreshResult:
    """Rebuild every aggregate of the local days from `first` to `last` (both included)."""
    now = now or timezone.now()
    if first > last:
        raise ValueError("The first day must not be after the last one.")
    report_days, cell_days = _report_days(analytics_rows(filed_since=first, filed_until=last), now)
    participation = _participation(first, last)
    with transaction.atomic():
        for model in (ReportDay, CellDay, ParticipationDay):
            model.objects.filter(day__gte=first, day__lte=last).delete()
        ReportDay.objects.bulk_create(report_days, batch_size=2000)
        CellDay.objects.bulk_create(cell_days, batch_size=2000)
        ParticipationDay.objects.bulk_create(participation, batch_size=2000)
    visitors.flush()
    return RefreshResult(first, last, len(report_days), len(cell_days), len(participation))
