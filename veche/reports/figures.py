"""The headline figures of problem reports, as SPEC §13 defines them — one place that the home
page, the dashboards and the analytics module read.

For the reports filed in a period (local days, the region's zone), in the whole region or in one
municipality:

- **filed** — every report filed, whatever became of it (awaiting moderation, rejected, duplicates
  included);
- **accepted** — published and routed to an agency: not awaiting moderation, not rejected, not a
  duplicate;
- **resolved** — accepted reports whose current answer says «resolved» (answered or closed; a
  disputed answer has sent the report back, so it no longer counts until the agency answers again);
- **resolved_share** — resolved / accepted, `None` when nothing was accepted;
- **median_answer_days** — the median of the working days (`workdays` calendar: weekends,
  holidays and transfers) from routing to the first answer, over the accepted reports answered
  so far; `None` when none was answered. `median_answer_days(reports)` computes it over any set
  of reports: the municipal admin's figures (workspace_figures.py) read the same function.

The figures are cached (Django's cache, `REPORT_FIGURES_CACHE_SECONDS`, 5 minutes by default)
and not invalidated on a change: a figure may lag a new report by that long.
"""

import statistics
from dataclasses import asdict, dataclass
from datetime import date, timedelta

from django.conf import settings
from django.core.cache import cache
from django.db.models import Count, OuterRef, Q, QuerySet, Subquery
from django.utils import timezone

from veche.workdays.calendar import count_working_days

from .models import Answer, Report, Status

NOT_ACCEPTED = [Status.SUBMITTED, Status.REJECTED, Status.DUPLICATE, Status.IDEA]
ANSWERED = [Status.ANSWERED, Status.CLOSED]


@dataclass(frozen=True)
class Period:
    """Local days from `first` to `last`, both included."""

    first: date
    last: date

    @classmethod
    def this_month(cls, today: date | None = None) -> "Period":
        today = today or timezone.localdate()
        return cls(today.replace(day=1), today)

    @classmethod
    def last_year(cls, today: date | None = None) -> "Period":
        """The 365 days up to today."""
        today = today or timezone.localdate()
        return cls(today - timedelta(days=364), today)


@dataclass(frozen=True)
class Figures:
    filed: int
    accepted: int
    resolved: int
    resolved_share: float | None
    median_answer_days: float | None

    @property
    def resolved_percent(self) -> int | None:
        return None if self.resolved_share is None else round(self.resolved_share * 100)

    @property
    def median_days_rounded(self) -> int | None:
        return whole_days(self.median_answer_days)


def whole_days(median: float | None) -> int | None:
    """A median in whole days, as a page states it (half a day rounds up)."""
    return None if median is None else int(median + 0.5)


def headline_figures(*, municipality_id: int | None = None, period: Period) -> Figures:
    """The figures of the reports filed in `period` (in one municipality, or the region), cached."""
    key = f"reports:figures:{municipality_id or 'all'}:{period.first}:{period.last}"
    cached = cache.get(key)
    if cached is not None:
        return Figures(**cached)
    figures = compute_figures(municipality_id=municipality_id, period=period)
    cache.set(key, asdict(figures), settings.REPORT_FIGURES_CACHE_SECONDS)
    return figures


def compute_figures(*, municipality_id: int | None = None, period: Period) -> Figures:
    """The figures without the cache: two queries (the calendar is cached by `workdays`)."""
    reports = filed_in(Report.objects.all(), period)
    if municipality_id:
        reports = reports.filter(municipality_id=municipality_id)
    is_accepted = ~Q(status__in=NOT_ACCEPTED)
    counts = _with_current_answer(reports).aggregate(
        filed=Count("pk"),
        accepted=Count("pk", filter=is_accepted),
        resolved=Count(
            "pk", filter=is_accepted & Q(status__in=ANSWERED, current_answer="resolved")
        ),
    )
    share = counts["resolved"] / counts["accepted"] if counts["accepted"] else None
    return Figures(**counts, resolved_share=share, median_answer_days=median_answer_days(reports))


def filed_in(reports: QuerySet[Report], period: Period) -> QuerySet[Report]:
    """The reports filed on the period's local days."""
    return reports.filter(created_at__date__gte=period.first, created_at__date__lte=period.last)


def _with_current_answer(reports):
    latest = Answer.objects.filter(report=OuterRef("pk")).order_by("-created_at", "-pk")
    return reports.annotate(current_answer=Subquery(latest.values("kind")[:1]))


def median_answer_days(reports: QuerySet[Report]) -> float | None:
    """SPEC §13's answer time over `reports`: the median of the working days from routing to the
    first answer of those accepted and answered; None when none was. One query."""
    accepted = reports.exclude(status__in=NOT_ACCEPTED)
    pairs = accepted.filter(routed_at__isnull=False, answered_at__isnull=False).values_list(
        "routed_at", "answered_at"
    )
    days = [count_working_days(routed, answered) for routed, answered in pairs]
    return statistics.median(days) if days else None
