"""Reads of reports: what the public, an author and staff may see, with a constant number of
queries per page."""

import datetime

from django.db.models import Count, F, OuterRef, Prefetch, QuerySet, Subquery
from django.db.models.functions import TruncDate, TruncMonth
from django.utils import timezone

from veche.core import maps
from veche.core.participation import people_per_day

from .figures import ANSWERED, NOT_ACCEPTED
from .models import (
    Answer,
    CatalogueProposal,
    Category,
    Report,
    ReportMedia,
    Status,
    Support,
    TimelineEntry,
    Topic,
)
from .models.report import AWAITING_ANSWER, UNPUBLISHED
from .search import matching


def public_reports() -> QuerySet[Report]:
    return Report.objects.exclude(status__in=UNPUBLISHED)


def reports_about(kind: str, pk: int, *, limit: int = 50) -> list[Report]:
    """The public reports about an object of a higher app (reports/subjects.py), newest first,
    with their topic and answer date."""
    return list(
        public_reports()
        .filter(subject_kind=kind, subject_id=pk)
        .select_related("topic")
        .order_by("-created_at")[:limit]
    )


def public_timeline(report: Report) -> list[TimelineEntry]:
    return list(report.timeline.filter(is_public=True).select_related("actor"))


def staff_timeline(report: Report) -> list[TimelineEntry]:
    return list(report.timeline.select_related("actor"))


def report_list(
    *,
    query: str = "",
    category: int | None = None,
    topic: int | None = None,
    status: str | None = None,
    municipality: int | None = None,
    since=None,
    until=None,
    order: str = "new",
) -> QuerySet[Report]:
    """Published reports filtered as the list and the map offer it."""
    reports = matching(public_reports(), query)
    filters = {
        "topic__category_id": category,
        "topic_id": topic,
        "status": status,
        "municipality_id": municipality,
        "created_at__date__gte": since,
        "created_at__date__lte": until,
    }
    reports = reports.filter(**{key: value for key, value in filters.items() if value})
    ordering = ["-support_count", "-created_at"] if order == "support" else ["-created_at"]
    return reports.select_related("topic__category", "municipality", "agency").order_by(*ordering)


def with_first_photo(reports: QuerySet[Report]) -> QuerySet[Report]:
    """Each report's photos in order as `photos` (one query per page); cards show the first."""
    photos = ReportMedia.objects.filter(kind=ReportMedia.Kind.PHOTO).order_by("order", "pk")
    return reports.prefetch_related(Prefetch("media", queryset=photos, to_attr="photos"))


def report_detail(pk: int) -> Report:
    photos = ReportMedia.objects.order_by("order", "pk")
    return (
        Report.objects.select_related(
            "topic__category", "municipality", "settlement", "agency", "author", "duplicate_of"
        )
        .prefetch_related(Prefetch("media", queryset=photos), "answers__files")
        .get(pk=pk)
    )


def nearby_open(*, topic_id: int, lat: float, lon: float, metres: int = 250) -> QuerySet[Report]:
    """Open published reports of the topic within `metres`: candidates to support instead."""
    from math import cos, radians

    dlat = metres / 111_320
    dlon = metres / (111_320 * max(cos(radians(lat)), 0.01))
    return public_reports().filter(
        topic_id=topic_id,
        status__in=[Status.ROUTED, Status.IN_PROGRESS, Status.ANSWERED],
        lat__range=(lat - dlat, lat + dlat),
        lon__range=(lon - dlon, lon + dlon),
    )


def is_overdue(report: Report) -> bool:
    return report.status in AWAITING_ANSWER and report.due_at and report.due_at < timezone.now()


def my_reports(user) -> QuerySet[Report]:
    return Report.objects.filter(author=user).select_related("topic").order_by("-created_at")


def supported_by(user, reports) -> set[int]:
    """Which of these reports the user supports (one query for a whole page)."""
    if not user.is_authenticated:
        return set()
    return set(user.report_supports.filter(report__in=reports).values_list("report_id", flat=True))


def follows(user, report: Report) -> bool:
    return user.is_authenticated and user.report_follows.filter(report=report).exists()


def supported_reports(user) -> QuerySet[Report]:
    """Published reports the user supports, latest support first (the cabinet's section)."""
    return (
        Report.objects.filter(supports__user=user)
        .exclude(status__in=UNPUBLISHED)
        .select_related("topic")
        .order_by("-supports__created_at")
    )


def followed_reports(user) -> QuerySet[Report]:
    return (
        Report.objects.filter(follows__user=user)
        .exclude(status__in=UNPUBLISHED)
        .select_related("topic")
        .order_by("-follows__created_at")
    )


def pending_proposals() -> QuerySet[CatalogueProposal]:
    return CatalogueProposal.objects.filter(state=CatalogueProposal.State.PENDING).select_related(
        "author", "category"
    )


# --- The public map (views/public.py): points only, no model objects, fast over 20,000 reports.

MAP_POINT_COLUMNS = ("pk", "lat", "lon", "status", "topic_id", "support_count")


def in_bbox(reports: QuerySet[Report], bbox: tuple[float, float, float, float] | None):
    """The reports inside bbox (min_lon, min_lat, max_lon, max_lat); all of them without one."""
    if bbox is None:
        return reports
    min_lon, min_lat, max_lon, max_lat = bbox
    return reports.filter(lat__range=(min_lat, max_lat), lon__range=(min_lon, max_lon))


def feed_answers(*, bbox=None, limit: int, **filters) -> list[Answer]:
    """The latest answers to published reports that match the filters, newest first."""
    reports = in_bbox(report_list(**filters), bbox).order_by()
    answers = Answer.objects.filter(report__in=reports.values("pk"))
    return list(
        answers.select_related("report__topic", "report__municipality", "agency").order_by(
            "-created_at", "-pk"
        )[:limit]
    )


def map_points(
    *, bbox: tuple[float, float, float, float] | None = None, limit: int = 5000, **filters
) -> tuple[list[tuple], bool]:
    """Published reports as MAP_POINT_COLUMNS tuples inside bbox (min_lon, min_lat, max_lon,
    max_lat), filtered like report_list; the most supported first. Returns (rows, truncated)."""
    reports = in_bbox(report_list(**filters), bbox)
    rows = list(
        reports.order_by("-support_count", "-pk").values_list(*MAP_POINT_COLUMNS)[: limit + 1]
    )
    return rows[:limit], len(rows) > limit


def map_view(
    *, bbox: tuple[float, float, float, float] | None, zoom: int, **filters
) -> maps.MapView:
    """Published reports filtered like report_list, as the portal's one map mechanism draws
    them at `zoom` (core/maps.py): clusters counted by the database, or MAP_POINT_COLUMNS rows
    of the most supported first when zoomed in. At most three queries."""
    return maps.read(report_list(**filters), bbox=bbox, zoom=zoom, points=_map_rows)


def _map_rows(reports: QuerySet[Report], limit: int) -> list[tuple]:
    return list(reports.order_by("-support_count", "-pk").values_list(*MAP_POINT_COLUMNS)[:limit])


def latest_published(limit: int = 6) -> list[Report]:
    """The newest published reports with their photos (two queries); `report.photos` lists them."""
    photos = ReportMedia.objects.filter(kind=ReportMedia.Kind.PHOTO).order_by("order", "pk")
    reports = (
        public_reports()
        .select_related("topic", "municipality")
        .prefetch_related(Prefetch("media", queryset=photos, to_attr="photos"))
        .order_by("-created_at")[:limit]
    )
    return list(reports)


# --- What analytics reads (veche/analytics): plain rows, one query, no personal data.

# SPEC §13's definitions, shared with the headline figures (figures.py).
ACCEPTED_EXCLUDED = frozenset(NOT_ACCEPTED)
ANSWERED_STATUSES = frozenset(ANSWERED)

ANALYTICS_COLUMNS = (
    "pk",
    "municipality_id",
    "agency_id",
    "topic_id",
    "category_id",
    "status",
    "lat",
    "lon",
    "created_at",
    "routed_at",
    "due_at",
    "answered_at",
    "final_kind",
    "final_at",
    "final_verdict",
    "final_rating",
)


def analytics_rows(*, filed_since=None, filed_until=None):
    """Every report filed on the local days from `filed_since` to `filed_until` (both optional)
    as a dict of ANALYTICS_COLUMNS: its status, moments, place and its current (latest) answer's
    kind, moment, the author's verdict and rating. One query, streamed."""
    latest = Answer.objects.filter(report=OuterRef("pk")).order_by("-created_at", "-pk")
    reports = Report.objects.all()
    if filed_since:
        reports = reports.filter(created_at__date__gte=filed_since)
    if filed_until:
        reports = reports.filter(created_at__date__lte=filed_until)
    reports = reports.annotate(
        category_id=F("topic__category_id"),
        final_kind=Subquery(latest.values("kind")[:1]),
        final_at=Subquery(latest.values("created_at")[:1]),
        final_verdict=Subquery(latest.values("verdict")[:1]),
        final_rating=Subquery(latest.values("rating")[:1]),
    )
    return reports.order_by().values(*ANALYTICS_COLUMNS).iterator(chunk_size=5000)


def participation_by_day(*, since, until) -> list[tuple]:
    """(local day, municipality id, kind, distinct people, actions) of the people who filed or
    supported a report on the days from `since` to `until` (kind "filed" or "supported"); two
    grouped queries (core/participation.py)."""
    filed = people_per_day(
        Report.objects.exclude(author=None), moment="created_at", municipality="municipality_id",
        person="author_id", since=since, until=until,
    )  # fmt: skip
    supported = people_per_day(
        Support.objects.all(), moment="created_at", municipality="report__municipality_id",
        person="user_id", since=since, until=until,
    )  # fmt: skip
    return [(d, m, "filed", p, n) for d, m, p, n in filed] + [
        (d, m, "supported", p, n) for d, m, p, n in supported
    ]


def catalogue_names(*, topic_ids=(), category_ids=()) -> tuple[dict[int, str], dict[int, str]]:
    """Names of these topics and categories (analytics labels its figures with them)."""
    topics = dict(Topic.objects.filter(pk__in=list(topic_ids)).values_list("pk", "name"))
    categories = dict(Category.objects.filter(pk__in=list(category_ids)).values_list("pk", "name"))
    return topics, categories


def filed_per_municipality_month() -> dict[tuple[int, datetime.date], int]:
    """(municipality id, first day of the month) → reports filed, counted in the portal's zone
    (the warehouse's example query gives the same from the event log)."""
    rows = (
        Report.objects.annotate(month=TruncMonth("created_at"))
        .values("municipality_id", "month")
        .annotate(filed=Count("pk"))
    )
    return {(row["municipality_id"], row["month"]): row["filed"] for row in rows}


def supports_per_day() -> dict[datetime.date, int]:
    """Day → supports given that day that still stand (withdrawn ones are deleted)."""
    rows = (
        Support.objects.annotate(day=TruncDate("created_at")).values("day").annotate(n=Count("pk"))
    )
    return {row["day"]: row["n"] for row in rows}


def answer_counts() -> dict[str, int]:
    """Answer kind (resolved, scheduled, refused) → answers given."""
    rows = Answer.objects.values("kind").annotate(n=Count("pk"))
    return {row["kind"]: row["n"] for row in rows}
