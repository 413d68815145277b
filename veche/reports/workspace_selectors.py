"""Reads for the staff workspace: the moderators' queue, the agency's inbox, a report as staff see
it, and what the action forms offer. Every list is read with a constant number of queries."""

from dataclasses import dataclass
from datetime import datetime, time, timedelta

from django.core.exceptions import ValidationError
from django.db.models import (
    Case,
    Count,
    Exists,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.utils import timezone

from veche.accounts.models import User
from veche.accounts.phones import normalize_phone
from veche.agencies.models import Agency
from veche.agencies.selectors import agencies_serving
from veche.staff.models import Role
from veche.staff.predicates import agency_scope, is_regional_admin, municipality_scope

from .deadlines import due_for
from .models import Report, ReportMedia, Status, TimelineEntry, Topic
from .models.report import AWAITING_ANSWER
from .routing import agency_for
from .selectors import nearby_open

# Inbox tabs: the default one lists what still awaits the agency's answer.
AWAITING = "awaiting"
OVERDUE = "overdue"
ALL = "all"
INBOX_STATUSES = [
    Status.ROUTED,
    Status.IN_PROGRESS,
    Status.ANSWERED,
    Status.DECLINED,
    Status.CLOSED,
]
INBOX_TABS = [AWAITING, OVERDUE, *INBOX_STATUSES, ALL]


def _escalated() -> Exists:
    return Exists(
        TimelineEntry.objects.filter(report=OuterRef("pk"), kind=TimelineEntry.Kind.ESCALATION)
    )


def _inbox_base(user) -> QuerySet[Report]:
    agencies = agency_scope(user, Role.OFFICIAL, Role.AGENCY_HEAD)
    return Report.objects.filter(agency_id__in=agencies, status__in=INBOX_STATUSES)


def overdue_q(now: datetime) -> Q:
    return Q(status__in=AWAITING_ANSWER, due_at__lt=now)


def end_of_today(now: datetime) -> datetime:
    """The end of the current day in the region's zone."""
    local = timezone.localtime(now)
    return timezone.make_aware(datetime.combine(local.date() + timedelta(days=1), time.min))


def due_today_q(now: datetime) -> Q:
    """Still owed, and due before the day ends (not yet overdue)."""
    return Q(status__in=AWAITING_ANSWER, due_at__gte=now, due_at__lt=end_of_today(now))


def inbox(user, *, tab: str = AWAITING) -> QuerySet[Report]:
    """The agency's reports for one tab: overdue first, then those due today, then those awaiting
    an answer by their deadline, then the rest; `overdue_rank` 0 marks the overdue ones, 1 those
    due today."""
    now = timezone.now()
    reports = _inbox_base(user)
    if tab == AWAITING:
        reports = reports.filter(status__in=AWAITING_ANSWER)
    elif tab == OVERDUE:
        reports = reports.filter(overdue_q(now))
    elif tab in INBOX_STATUSES:
        reports = reports.filter(status=tab)
    rank = Case(
        When(overdue_q(now), then=Value(0)),
        When(due_today_q(now), then=Value(1)),
        When(status__in=AWAITING_ANSWER, then=Value(2)),
        default=Value(3),
        output_field=IntegerField(),
    )
    return (
        reports.annotate(overdue_rank=rank, escalated=_escalated())
        .select_related("topic", "municipality", "agency")
        .order_by("overdue_rank", "due_at", "created_at", "pk")
    )


def inbox_counts(user) -> dict[str, int]:
    """How many reports each tab holds, in one query."""
    now = timezone.now()
    aggregates = {str(status): Count("pk", filter=Q(status=status)) for status in INBOX_STATUSES}
    aggregates[AWAITING] = Count("pk", filter=Q(status__in=AWAITING_ANSWER))
    aggregates[OVERDUE] = Count("pk", filter=overdue_q(now))
    aggregates["due_today"] = Count("pk", filter=due_today_q(now))
    aggregates[ALL] = Count("pk")
    return _inbox_base(user).aggregate(**aggregates)


def _queue_scope(user, reports: QuerySet[Report]) -> QuerySet[Report]:
    if is_regional_admin(user):
        return reports
    scope = municipality_scope(user, Role.MODERATOR)
    return reports if scope is None else reports.filter(municipality_id__in=scope)


def _last_status_text(status: str) -> Subquery:
    entries = TimelineEntry.objects.filter(
        report=OuterRef("pk"), kind=TimelineEntry.Kind.STATUS, status_to=status
    ).order_by("-created_at", "-pk")
    return Subquery(entries.values("text")[:1])


def moderation_queue(user) -> QuerySet[Report]:
    """Submitted and declined reports of the moderator's territory, oldest first; a declined one
    carries the agency's reason as `decline_reason`, each its photos as `photos` (one query for
    the page)."""
    reports = Report.objects.filter(status__in=[Status.SUBMITTED, Status.DECLINED])
    photos = ReportMedia.objects.filter(kind=ReportMedia.Kind.PHOTO).order_by("order", "pk")
    return (
        _queue_scope(user, reports)
        .annotate(decline_reason=_last_status_text(Status.DECLINED))
        .select_related("topic", "municipality", "agency")
        .prefetch_related(Prefetch("media", queryset=photos, to_attr="photos"))
        .order_by("created_at", "pk")
    )


def reassignment_requests(user) -> QuerySet[Report]:
    """Reports still routed whose agency asked, since routing, to move them elsewhere."""
    asked = TimelineEntry.objects.filter(
        report=OuterRef("pk"),
        kind=TimelineEntry.Kind.REASSIGNMENT,
        created_at__gte=OuterRef("routed_at"),
    ).order_by("-created_at", "-pk")
    reports = Report.objects.filter(status__in=AWAITING_ANSWER).filter(Exists(asked))
    return (
        _queue_scope(user, reports)
        .annotate(reassignment_reason=Subquery(asked.values("text")[:1]))
        .select_related("topic", "municipality", "agency")
        .order_by("routed_at", "pk")
    )


def workspace_report(pk: int) -> Report:
    """One report with everything staff see on its page."""
    return (
        Report.objects.select_related(
            "topic__category",
            "municipality",
            "settlement",
            "agency",
            "author",
            "filed_by",
            "duplicate_of",
            "rejection_reason",
        )
        .prefetch_related("media", "answers__files", "answers__author", "topic__attributes")
        .annotate(escalated=_escalated())
        .get(pk=pk)
    )


def attribute_answers(report: Report) -> list[tuple[str, str]]:
    """The topic's extra questions with the author's answers, in the topic's order."""
    answers = []
    if not report.attributes:  # most reports answered none: no need to read the questions
        return answers
    for attribute in report.topic.attributes.all():
        value = report.attributes.get(attribute.code)
        if value in (None, "", []):
            continue
        names = {item["key"]: item["name"] for item in attribute.values}
        values = value if isinstance(value, list) else [value]
        answers.append((attribute.description, ", ".join(names.get(v, str(v)) for v in values)))
    return answers


@dataclass(frozen=True)
class RoutePreview:
    """Where publishing would send the report and when its answer would be due."""

    agency: Agency | None
    due_at: datetime | None
    problem: str = ""


def route_preview(report: Report) -> RoutePreview:
    try:
        agency = agency_for(topic=report.topic, municipality=report.municipality)
    except ValidationError as error:
        return RoutePreview(None, None, " ".join(error.messages))
    return RoutePreview(agency, due_for(report.topic, timezone.now()))


def reroute_agencies(report: Report) -> QuerySet[Agency]:
    """Agencies a moderator may send the report to: those serving its municipality (regional
    departments included), except the one it is with."""
    agencies = agencies_serving(report.municipality)
    return agencies.exclude(pk=report.agency_id) if report.agency_id else agencies


def duplicate_candidates(report: Report, *, limit: int = 10) -> list[Report]:
    """Open published reports of the same topic nearby: the likely originals."""
    candidates = nearby_open(topic_id=report.topic_id, lat=report.lat, lon=report.lon)
    return list(
        candidates.exclude(pk=report.pk)
        .select_related("topic")
        .order_by("-support_count", "created_at")[:limit]
    )


def report_by_number(number: int) -> Report | None:
    return Report.objects.filter(pk=number).first()


def _contact_lookup(contact: str) -> Q | None:
    contact = (contact or "").strip()
    if not contact:
        return None
    if "@" in contact:
        return Q(email__iexact=contact)
    try:
        return Q(phone=normalize_phone(contact))
    except ValidationError:
        return None


def resident_by_contact(contact: str) -> User | None:
    """An active account found by its e-mail or phone number (any usual notation)."""
    lookup = _contact_lookup(contact)
    if lookup is None:
        return None
    return User.objects.filter(lookup, is_active=True, deleted_at__isnull=True).first()


def closed_account_by_contact(contact: str) -> bool:
    """Whether a blocked or deleted account holds this e-mail or phone (none may be made)."""
    lookup = _contact_lookup(contact)
    if lookup is None:
        return False
    return (
        User.objects.filter(lookup)
        .filter(Q(is_active=False) | Q(deleted_at__isnull=False))
        .exists()
    )


def open_topics() -> list[tuple[str, list[tuple[int, str]]]]:
    """Open topics grouped by category, as grouped `choices` for a <select> with optgroups."""
    groups: dict[str, list[tuple[int, str]]] = {}
    topics = Topic.objects.filter(is_open=True, category__is_active=True).select_related("category")
    for topic in topics.order_by("category__order", "category__name", "order", "name"):
        groups.setdefault(topic.category.name, []).append((topic.pk, topic.name))
    return list(groups.items())
