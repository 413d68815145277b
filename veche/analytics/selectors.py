"""Reads of the daily aggregates: a dashboard's figures and the public ratings, a few queries
over rows per day × territory × agency × topic, never over the reports themselves."""

import hashlib
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.core.cache import cache
from django.db import connection
from django.db.models import Max, Min, QuerySet, Sum

from veche.budgeting.selectors import contest_vote_total
from veche.community.selectors import organizations_per_municipality
from veche.discussions.selectors import rating_total
from veche.ideas.selectors import vote_total
from veche.infrastructure.selectors import residents_ratings
from veche.infrastructure.selectors import timeliness as object_timeliness
from veche.infrastructure.selectors import vote_total as object_vote_total
from veche.polls.selectors import ballot_total
from veche.territory.models import Municipality

from . import definitions as d
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
    VisitorDay,
)
from .services import cell_of, month_end, month_start

# Fewer accepted reports than this in the period: «недостаточно данных», not ranked.
RATING_MINIMUM = 20
COUNTS = ("filed", "accepted", "resolved", "confirmed", "overdue", "due", "timely")
HISTOGRAMS = ("statuses", "first_days", "final_days", "ratings")
# Each day table's monthly rollup (services.py rebuilds them in every refresh).
MONTHLY = {
    ReportTotalDay: ReportTotalMonth,
    ReportDay: ReportMonth,
    CellDay: CellMonth,
    ParticipationDay: ParticipationMonth,
}


# A period's figures stay cached for an hour at most (the next refresh changes their key first).
CACHE_SECONDS = 3600


def generational(compute):
    """Cache a reader of the aggregates under its arguments and the latest refresh's id: the
    rows change only in a refresh, so a cached value is exact until the next one (one indexed
    MAX per call to know the generation). Arguments must have a stable repr."""

    def read(*args, **kwargs):
        generation = Refresh.objects.aggregate(g=Max("pk"))["g"] or 0
        call = f"{compute.__name__}:{args!r}:{sorted(kwargs.items())!r}"
        key = f"analytics:{generation}:{hashlib.sha256(call.encode()).hexdigest()}"
        value = cache.get(key)
        if value is None:
            value = compute(*args, **kwargs)
            cache.set(key, value, CACHE_SECONDS)
        return value

    read.uncached = compute
    return read


@dataclass(frozen=True)
class Scope:
    """The territory a dashboard shows: the region (both None), a municipality or an agency."""

    municipality_id: int | None = None
    agency_id: int | None = None

    def rows(self, model=ReportTotalDay) -> QuerySet:
        rows = model.objects.all()
        if self.municipality_id:
            rows = rows.filter(municipality_id=self.municipality_id)
        if self.agency_id and model in (ReportDay, ReportMonth, ReportTotalDay, ReportTotalMonth):
            rows = rows.filter(agency_id=self.agency_id)
        return rows


@dataclass
class Figures:
    counts: dict[str, int]
    statuses: Counter
    first_days: Counter
    final_days: Counter
    ratings: Counter
    by_topic: Counter = field(default_factory=Counter)
    by_category: Counter = field(default_factory=Counter)
    by_day: dict[date, int] = field(default_factory=dict)

    def share(self, part: str, whole: str = "accepted") -> float | None:
        return d.share(self.counts[part], self.counts[whole])

    @property
    def satisfaction(self) -> tuple[float | None, float | None]:
        return d.satisfaction(self.ratings)

    @property
    def is_empty(self) -> bool:
        return not self.counts["filed"]


def first_data_day() -> date | None:
    return ReportTotalDay.objects.aggregate(first=Min("day"))["first"]


def in_period(rows: QuerySet, first: date, last: date) -> QuerySet:
    return rows.filter(day__gte=first, day__lte=last)


def histograms(rows: QuerySet, names: tuple[str, ...], by: str | None = None) -> dict:
    """The histograms `names` of `rows` summed in the database ({"1": 3, …} per row, added up
    key by key with the JSON table functions of PostgreSQL and SQLite): {(name, group): Counter
    of int → count}, `group` being the value of the column `by` (None without it). One query;
    no row's JSON reaches Python."""
    columns = (by,) if by else ()
    inner, params = rows.values(*columns, *names).query.sql_with_params()
    group, grouped = (f"t.{by}", f"t.{by}, ") if by else ("NULL", "")
    if connection.vendor == "postgresql":  # one pass over the rows for every histogram
        pairs = ", ".join(f"('{name}', t.{name})" for name in names)
        sql = (
            f"SELECT v.name, {group}, h.key, SUM(CAST(h.value AS INTEGER)) FROM ({inner}) t "
            f"CROSS JOIN LATERAL (VALUES {pairs}) v(name, hist), jsonb_each_text(v.hist) h "
            f"GROUP BY v.name, {grouped}h.key"
        )
    else:  # SQLite: json_each may read only a table's column, so one pass per histogram
        sql = " UNION ALL ".join(
            f"SELECT '{name}', {group}, h.key, SUM(CAST(h.value AS INTEGER)) "
            f"FROM ({inner}) t, json_each(t.{name}) h GROUP BY {grouped}h.key"
            for name in names
        )
        params = params * len(names)
    sums: dict = defaultdict(Counter)
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        for name, key, value, n in cursor.fetchall():
            sums[(name, key)][int(value) if name != "statuses" else value] += n
    return sums


def whole_months(first: date, last: date) -> tuple[date, date] | None:
    """(first day of the first, last day of the last) of the calendar months lying wholly
    from `first` to `last`, or None when there is none."""
    start = first if first.day == 1 else month_end(first) + timedelta(days=1)
    end = last if last == month_end(last) else month_start(last) - timedelta(days=1)
    return (start, end) if start < end else None


def rolled(query: Callable[[type], QuerySet], model, first: date, last: date) -> list[QuerySet]:
    """The period's rows of the day table `model`, `query(model)` choosing them (a scope's, a
    filter's): its whole months from the monthly rollup (MONTHLY), chosen the same way, its
    other days (before the first whole month, after the last) from the day rows. A year of the
    region reads 12 month rows per key instead of 365 day rows."""
    months = whole_months(first, last)
    if months is None:
        return [in_period(query(model), first, last)]
    parts = [in_period(query(MONTHLY[model]), *months)]
    if first < months[0]:
        parts.append(in_period(query(model), first, months[0] - timedelta(days=1)))
    if months[1] < last:
        parts.append(in_period(query(model), months[1] + timedelta(days=1), last))
    return parts


def _totals(scope: Scope, first: date, last: date) -> tuple[Counter, dict]:
    """The period's counts and histograms (`rolled`): two queries per table read."""
    counts: Counter = Counter({name: 0 for name in COUNTS})
    hists: dict = defaultdict(Counter)
    for rows in rolled(scope.rows, ReportTotalDay, first, last):
        counts.update(rows.aggregate(**{name: Sum(name, default=0) for name in COUNTS}))
        for key, histogram in histograms(rows, HISTOGRAMS).items():
            hists[key].update(histogram)
    return counts, hists


@generational
def figures(scope: Scope, first: date, last: date) -> Figures:
    """A dashboard's report figures for the period, added up in the database (a few queries over
    the month and day × territory × agency rows and the topics' rows, whatever the period's
    length; `rolled`)."""
    rows = in_period(scope.rows(), first, last)
    sums, hists = _totals(scope, first, last)
    by_day = dict(rows.values("day").annotate(n=Sum("filed")).order_by().values_list("day", "n"))
    by_topic: Counter = Counter()
    by_category: Counter = Counter()
    for rows in rolled(scope.rows, ReportDay, first, last):
        topics = rows.values("topic_id", "category_id").annotate(n=Sum("accepted")).order_by()
        for topic, category, accepted in topics.values_list("topic_id", "category_id", "n"):
            by_topic[topic] += accepted
            by_category[category] += accepted
    return Figures(
        counts=Counter(sums),
        statuses=hists[("statuses", None)],
        first_days=hists[("first_days", None)],
        final_days=hists[("final_days", None)],
        ratings=hists[("ratings", None)],
        by_topic=+by_topic,
        by_category=+by_category,
        by_day=by_day,
    )


@generational
def cells(scope: Scope, first: date, last: date, limit: int = 50) -> list[tuple]:
    """The heat map: (H3 cell, its centre's lat, lon, reports) of the busiest cells in the
    period, busiest first; one grouped query per part of the period (`rolled`), added up here
    (a region has some thousand hexagons)."""
    filed: Counter = Counter()
    for rows in rolled(scope.rows, CellDay, first, last):
        grouped = rows.values("cell", "lat", "lon").annotate(n=Sum("filed")).order_by()
        filed.update(
            {(c, lat, lon): n for c, lat, lon, n in grouped.values_list("cell", "lat", "lon", "n")}
        )
    ranked = sorted(filed.items(), key=lambda item: (-item[1], item[0][0]))[:limit]
    return [(cell, lat, lon, n) for (cell, lat, lon), n in ranked]


@generational
def ngo_cells(scope: Scope, last: date) -> list[tuple]:
    """The NGO sector's heat map: (H3 cell, its centre's lat, lon, NGOs) of the approved NGOs
    registered by `last`, busiest first, in the reports' hexagons (`services.cell_of`). The
    registry places an NGO by its municipality only, so each is counted in the hexagon of its
    municipality's centre (municipalities whose centres share a hexagon add up). Two queries:
    the community's grouped count and the municipalities' centres."""
    counts = dict(
        organizations_per_municipality(municipality_id=scope.municipality_id, registered_until=last)
    )
    centres = Municipality.objects.filter(pk__in=counts).values_list(
        "pk", "centre_lat", "centre_lon"
    )
    per_cell: Counter = Counter()
    where = {}
    for pk, lat, lon in centres:
        cell, *centre = cell_of(lat, lon)
        per_cell[cell] += counts[pk]
        where[cell] = centre
    ranked = sorted(per_cell.items(), key=lambda item: (-item[1], item[0]))
    return [(cell, *where[cell], n) for cell, n in ranked]


@generational
def participation(scope: Scope, first: date, last: date) -> dict[str, tuple[int, int]]:
    """Kind → (people, actions) in the period: people are distinct per day and summed over the
    days (a person active on two days counts twice); actions are the reports, supports, ballots,
    votes and comments themselves. One query per part of the period (`rolled`)."""
    totals: dict[str, tuple[int, int]] = {}
    for rows in rolled(scope.rows, ParticipationDay, first, last):
        grouped = rows.values_list("kind").annotate(p=Sum("people"), a=Sum("actions")).order_by()
        for kind, people, actions in grouped:
            had = totals.get(kind, (0, 0))
            totals[kind] = (had[0] + people, had[1] + actions)
    return totals


def votes(scope: Scope) -> dict[str, int]:
    """Every module's votes from its counters (seed 004: the total is their sum)."""
    m = scope.municipality_id
    return {
        "ideas": vote_total(municipality_id=m),
        "polls": ballot_total(municipality_id=m),
        "discussions": rating_total(municipality_id=m),
        "contests": contest_vote_total(municipality_id=m),
        "objects": object_vote_total(municipality_id=m),
    }


# --- Public ratings -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Rating:
    """One agency's or municipality's scores over a period, 0–100 each; `composite` is their
    mean. `None` scores: fewer than RATING_MINIMUM accepted reports («недостаточно данных»)."""

    key: int
    accepted: int
    timeliness: float | None
    resolution: float | None
    satisfaction: float | None

    @property
    def enough(self) -> bool:
        return self.accepted >= RATING_MINIMUM

    @property
    def composite(self) -> float | None:
        parts = (self.timeliness, self.resolution, self.satisfaction)
        if not self.enough or any(p is None for p in parts):
            return None
        return sum(parts) / 3


def _score(part: int, whole: int) -> float | None:
    value = d.share(part, whole)
    return None if value is None else round(value * 100, 1)


@generational
def ratings(by: str, first: date, last: date) -> list[Rating]:
    """Ratings by "agency" or "municipality": ranked ones by composite (best first), then the
    ones without enough data. Two queries per part of the period (`rolled`)."""
    key = "agency_id" if by == "agency" else "municipality_id"
    counts: dict = defaultdict(Counter)
    ratings_of: dict = defaultdict(Counter)
    for rows in rolled(
        lambda model: model.objects.exclude(**{f"{key}__isnull": True}), ReportTotalDay, first, last
    ):
        sums = rows.values(key).annotate(
            **{name: Sum(name) for name in ("accepted", "resolved", "due", "timely")}
        )
        for row in sums.order_by():
            counts[row.pop(key)].update(row)
        for (_name, group), histogram in histograms(rows, ("ratings",), by=key).items():
            ratings_of[group].update(histogram)
    result = []
    for k, c in counts.items():
        good, _mean = d.satisfaction(ratings_of[k])
        enough = c["accepted"] >= RATING_MINIMUM
        result.append(
            Rating(
                key=k,
                accepted=c["accepted"],
                timeliness=_score(c["timely"], c["due"]) if enough else None,
                resolution=_score(c["resolved"], c["accepted"]) if enough else None,
                satisfaction=None if not enough or good is None else round(good * 100, 1),
            )
        )
    return sorted(result, key=lambda r: (r.composite is None, -(r.composite or 0), r.key))


# Fewer objects due (finished, or unfinished past the planned end) than this: not enough data.
OBJECT_MINIMUM = 5


@dataclass(frozen=True)
class ObjectRating:
    """An agency's or contractor's infrastructure objects whose planned end falls in the period:
    `on_time` ÷ `due` (finished by the planned end, of those finished or unfinished past it),
    0–100; None with fewer than OBJECT_MINIMUM due. `ratings` and `average`: the residents'
    ratings (1–5) of those objects that are completed, and their mean (None without any)."""

    key: int | str
    objects: int
    on_time: int
    late: int
    overdue: int
    ratings: int = 0
    average: float | None = None

    @property
    def due(self) -> int:
        return self.on_time + self.late + self.overdue

    @property
    def enough(self) -> bool:
        return self.due >= OBJECT_MINIMUM

    @property
    def score(self) -> float | None:
        return _score(self.on_time, self.due) if self.enough else None


def object_ratings(by: str, first: date, last: date, today: date) -> list[ObjectRating]:
    """Agencies' (`by="agency"`) or contractors' on-time scores and residents' ratings from the
    infrastructure app's selectors, best first, then the ones without enough data. Two queries."""
    scores = residents_ratings(by=by, first=first, last=last)
    rows = [
        ObjectRating(key, objects, on_time, late, overdue, *scores.get(key, (0, None)))
        for key, objects, on_time, late, overdue in object_timeliness(
            by=by, first=first, last=last, today=today
        )
    ]
    return sorted(rows, key=lambda r: (r.score is None, -(r.score or 0), str(r.key)))


def visitors_by_day(first: date, last: date) -> dict[date, int]:
    """Unique visitors of each day of the period (a visitor of two days counts on each)."""
    return dict(in_period(VisitorDay.objects.all(), first, last).values_list("day", "visitors"))
