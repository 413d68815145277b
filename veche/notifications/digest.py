"""The daily digest for agency staff, sent by `manage.py notify_digest` once a day.

Each official or agency head with e-mail and the digest on gets one letter listing his agencies'
open reports: overdue, due within the reminder horizon, and new ones not yet taken into work.
Nothing to list, no letter. The key "digest:<user>:<local date>" makes a second run that day send
nothing.
"""

from collections import defaultdict
from datetime import datetime

from django.db import transaction
from django.urls import NoReverseMatch, reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from veche.accounts.models import User
from veche.reports.models import Report, Status
from veche.reports.models.report import AWAITING_ANSWER
from veche.staff.models import AGENCY_ROLES, RoleAssignment
from veche.workdays.calendar import add_working_days, local_day

from .channels import Message, Section, deliver, email_allowed
from .deadlines import reminder_days
from .messages import format_date, report_path
from .models import SentNotice
from .services import claim
from .tokens import SCOPE_DIGEST

ITEMS_PER_SECTION = 20


def _staff_agencies() -> dict[int, tuple[User, list[int]]]:
    """Active agency staff and the agencies each works in."""
    result: dict[int, tuple[User, list[int]]] = {}
    rows = (
        RoleAssignment.objects.filter(
            role__in=AGENCY_ROLES, user__is_active=True, user__deleted_at__isnull=True
        )
        .select_related("user")
        .order_by("user_id", "agency_id")
    )
    agencies: dict[int, list[int]] = defaultdict(list)
    for row in rows:
        if row.agency_id not in agencies[row.user_id]:
            agencies[row.user_id].append(row.agency_id)
        result[row.user_id] = (row.user, agencies[row.user_id])
    return result


def _item(report: Report, *, show_agency: bool) -> tuple[str, str]:
    parts = [f"№ {report.pk}", report.topic.name]
    if report.address:
        parts.append(report.address)
    if show_agency:
        parts.append(report.agency.name)
    parts.append(_("due %(date)s") % {"date": format_date(report.due_at)})
    return " · ".join(parts), report_path(report.pk)


def _section(title: str, reports, *, show_agency: bool) -> Section | None:
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
    parts = [
        (_("Overdue"), open_reports.filter(due_at__lte=now)),
        (
            ngettext(
                "Due within %(days)d working day",
                "Due within %(days)d working days",
                days,
            )
            % {"days": days},
            open_reports.filter(due_at__gt=now, due_at__lte=horizon),
        ),
        (
            _("New, not yet taken into work"),
            open_reports.filter(status=Status.ROUTED, due_at__gt=horizon),
        ),
    ]
    sections = [_section(title, qs, show_agency=show_agency) for title, qs in parts]
    return [section for section in sections if section is not None]


def _inbox_path() -> str:
    try:
        return reverse("reports_workspace:inbox")
    except NoReverseMatch:
        return ""


def digest_message(sections: list[Section], *, now: datetime) -> Message:
    day = formats.date_format(local_day(now), "DATE_FORMAT")
    total = sum(len(s.items) + s.more for s in sections)
    body = ngettext(
        "%(count)d report awaits your agency's answer.",
        "%(count)d reports await your agency's answer.",
        total,
    ) % {"count": total}
    return Message(
        kind="digest",
        title=_("Open reports of your agency on %(date)s") % {"date": day},
        body=body,
        url=_inbox_path(),
        unsubscribe=SCOPE_DIGEST,
        sections=sections,
    )


def digests_send(*, now: datetime | None = None) -> int:
    """Send today's digests that have not gone out; returns how many went."""
    now = now or timezone.now()
    today = local_day(now).isoformat()
    sent = 0
    for user, agency_ids in _staff_agencies().values():
        key = f"digest:{user.pk}:{today}"
        if not email_allowed(user, digest=True) or SentNotice.objects.filter(key=key).exists():
            continue
        sections = digest_sections(agency_ids, now=now)
        if not sections:
            continue
        with transaction.atomic():
            if claim(key):
                deliver(user, digest_message(sections, now=now), only={"email"})
                sent += 1
    return sent
