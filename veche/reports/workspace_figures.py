"""Counts for the workspace's cards and the staff dashboard, and a municipality's figures for its
admin: a few aggregate queries each, whatever the number of reports.

(The home page's headline figures live in figures.py; the counts here are per staff member. The
answer time is figures.py's, as SPEC §13 defines it, so the dashboard and the home page agree.)"""

from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from veche.staff.models import Role
from veche.staff.predicates import (
    agency_scope,
    is_regional_admin,
    is_regional_head,
    municipality_scope,
)

from .figures import Period, filed_in, median_answer_days, whole_days
from .models import Report, Status
from .models.report import AWAITING_ANSWER
from .workspace_selectors import (
    INBOX_STATUSES,
    due_today_q,
    moderation_queue,
    overdue_q,
    reassignment_requests,
)

TERRITORY_ROLES = (Role.MUNICIPAL_ADMIN, Role.MUNICIPAL_HEAD)


def queue_counts(user) -> dict[str, int]:
    """The moderator's card: reports awaiting him, and agencies' requests to reassign."""
    return {
        "queue": moderation_queue(user).count(),
        "reassignments": reassignment_requests(user).count(),
    }


def inbox_agency_counts(user) -> list[dict]:
    """Per agency of the official: awaiting an answer, due today, overdue (one query)."""
    now = timezone.now()
    agencies = agency_scope(user, Role.OFFICIAL, Role.AGENCY_HEAD)
    rows = (
        Report.objects.filter(agency_id__in=agencies, status__in=INBOX_STATUSES)
        .values("agency_id", "agency__name")
        .annotate(
            awaiting=Count("pk", filter=Q(status__in=AWAITING_ANSWER)),
            due_today=Count("pk", filter=due_today_q(now)),
            overdue=Count("pk", filter=overdue_q(now)),
        )
        .order_by("agency__name")
    )
    return [
        {
            "agency_id": row["agency_id"],
            "name": row["agency__name"],
            "awaiting": row["awaiting"],
            "due_today": row["due_today"],
            "overdue": row["overdue"],
        }
        for row in rows
    ]


def territory_scope(user) -> set[int] | None:
    """Municipalities whose reports the user reads as their admin or head; None: the region."""
    if is_regional_admin(user) or is_regional_head(user):
        return None
    return municipality_scope(user, *TERRITORY_ROLES)


def territory_reports(user) -> QuerySet[Report]:
    """Every report of the user's municipalities, newest first."""
    scope = territory_scope(user)
    reports = Report.objects.all()
    if scope is not None:
        reports = reports.filter(municipality_id__in=scope)
    return reports.select_related("topic", "municipality", "agency").order_by("-created_at", "-pk")


@dataclass(frozen=True)
class TerritoryFigures:
    by_status: list[tuple[str, int]]  # (status label, count), every status in its order
    total: int
    overdue: int
    due_today: int
    # SPEC §13 (figures.median_answer_days): working days from routing to the first answer, over
    # the accepted reports filed in the last 365 days.
    median_answer_days: float | None

    @property
    def median_days_rounded(self) -> int | None:
        return whole_days(self.median_answer_days)


def territory_figures(user) -> TerritoryFigures:
    """The figures of the municipal admin's dashboard: three queries."""
    now = timezone.now()
    reports = territory_reports(user).order_by()
    aggregates = {status.value: Count("pk", filter=Q(status=status)) for status in Status}
    counts = reports.aggregate(
        total=Count("pk"),
        overdue=Count("pk", filter=overdue_q(now)),
        due_today=Count("pk", filter=due_today_q(now)),
        **aggregates,
    )
    return TerritoryFigures(
        by_status=[(status.label, counts[status.value]) for status in Status],
        total=counts["total"],
        overdue=counts["overdue"],
        due_today=counts["due_today"],
        median_answer_days=median_answer_days(filed_in(reports, Period.last_year())),
    )
