"""The reports' part of the daily digest (registered in apps.py): each official or agency head
gets his agencies' open reports — overdue, due within the reminder horizon, and new ones not yet
taken into work. Nothing open, no part (and no letter if no other app has one)."""

from datetime import datetime

from django.db.models import QuerySet
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_noop, ngettext_lazy

from veche.accounts.models import User
from veche.notifications.digest import DigestPart
from veche.notifications.messages import Section
from veche.notifications.text import Spec, day, join, msg, plural
from veche.staff.models import AGENCY_ROLES, RoleAssignment
from veche.workdays.calendar import add_working_days, local_day

from ..models import Report, Status
from ..models.report import AWAITING_ANSWER
from .deadlines import reminder_days
from .messages import report_path

ITEMS_PER_SECTION = 20
STAFF_REASON = msg(gettext_noop("You receive this daily digest as a member of the agency's staff."))


def audience() -> QuerySet[User]:
    """Active agency staff."""
    return User.objects.filter(
        role_assignments__role__in=AGENCY_ROLES, is_active=True, deleted_at__isnull=True
    ).distinct()


def _agencies_of(user) -> list[int]:
    rows = RoleAssignment.objects.filter(user=user, role__in=AGENCY_ROLES, agency__isnull=False)
    return sorted(set(rows.values_list("agency_id", flat=True)))


def _item(report: Report, *, show_agency: bool) -> tuple[Spec, str]:
    parts: list[Spec] = [f"№ {report.pk}", report.topic.name]
    if report.address:
        parts.append(report.address)
    if show_agency:
        parts.append(report.agency.name)
    parts.append(msg(gettext_noop("due %(date)s"), date=day(report.due_at)))
    return join(*parts), report_path(report.pk)


def _section(title: Spec, reports, *, show_agency: bool) -> Section | None:
    total = reports.count()
    if not total:
        return None
    items = [_item(r, show_agency=show_agency) for r in reports[:ITEMS_PER_SECTION]]
    return Section(title, items, total - len(items))


def digest_sections(agency_ids: list[int], *, now: datetime) -> list[Section]:
    horizon = add_working_days(now, reminder_days())
    open_reports = (
        Report.objects.filter(agency_id__in=agency_ids, status__in=AWAITING_ANSWER)
        .select_related("topic", "agency")
        .order_by("due_at", "pk")
    )
    show_agency = len(agency_ids) > 1
    days = reminder_days()
    due_soon = plural(
        ngettext_lazy(
            "Due within %(days)d working day", "Due within %(days)d working days", "days"
        ),
        days=days,
    )
    parts = [
        (msg(gettext_noop("Overdue")), open_reports.filter(due_at__lte=now)),
        (due_soon, open_reports.filter(due_at__gt=now, due_at__lte=horizon)),
        (
            msg(gettext_noop("New, not yet taken into work")),
            open_reports.filter(status=Status.ROUTED, due_at__gt=horizon),
        ),
    ]
    sections = [_section(title, qs, show_agency=show_agency) for title, qs in parts]
    return [section for section in sections if section is not None]


def _inbox_path() -> str:
    try:
        return reverse("reports_staff:inbox")
    except NoReverseMatch:
        return ""


def digest_part(user, now: datetime) -> DigestPart | None:
    sections = digest_sections(_agencies_of(user), now=now)
    if not sections:
        return None
    total = sum(len(s.items) + s.more for s in sections)
    summary = plural(
        ngettext_lazy(
            "%(count)d report awaits your agency's answer.",
            "%(count)d reports await your agency's answer.",
            "count",
        ),
        count=total,
    )
    title = msg(gettext_noop("Open reports of your agency on %(date)s"), date=day(local_day(now)))
    return DigestPart(
        title=title, summary=summary, sections=sections, link=_inbox_path(), reason=STAFF_REASON
    )
