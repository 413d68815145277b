"""Deadline notices, run by `manage.py report_deadlines` from cron every ~15 minutes.

For every report the agency still owes an answer (routed or in progress):
- a reminder to the agency's officials once the deadline is within
  settings.REPORT_REMINDER_WORKING_DAYS working days (default 2);
- an overdue notice to the officials and to the author once the deadline has passed;
- an escalation to the agency's head once it is settings.REPORT_ESCALATION_WORKING_DAYS working
  days overdue (default 1), recorded on the internal timeline by a reports service.

Working days come from the region's calendar (veche.workdays), so the New Year holidays do not
count. Each notice is claimed by a once-key naming the report and its deadline, so a second run
sends nothing, while an extended deadline earns its own reminder.
"""

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime

from django.conf import settings
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone

from veche.notifications.models import SentNotice
from veche.notifications.services import claim, notify
from veche.workdays.calendar import add_working_days, count_working_days

from ..models import Report
from ..models.report import AWAITING_ANSWER
from ..services.escalation import report_record_escalation
from . import messages
from .recipients import agency_heads, agency_officials, unique_recipients

BATCH = 500


def reminder_days() -> int:
    return int(getattr(settings, "REPORT_REMINDER_WORKING_DAYS", 2))


def escalation_days() -> int:
    return int(getattr(settings, "REPORT_ESCALATION_WORKING_DAYS", 1))


@dataclass
class DeadlineRun:
    reminders: int = 0
    overdue: int = 0
    escalations: int = 0


def notice_key(prefix: str, report: Report) -> str:
    """E.g. "reminder:12:2025-01-21T18:59:59.999999+00:00" — in UTC, whatever zone it came in."""
    return f"{prefix}:{report.pk}:{report.due_at.astimezone(UTC).isoformat()}"


def awaiting_answer() -> QuerySet[Report]:
    return Report.objects.filter(
        status__in=AWAITING_ANSWER, due_at__isnull=False, agency__isnull=False
    ).order_by("due_at", "pk")


def _unsent(reports: QuerySet[Report], prefix: str) -> Iterator[Report]:
    """The reports whose notice has not gone out, read in batches with one key lookup each."""
    batch: list[Report] = []
    for report in reports.only("pk", "due_at").iterator(chunk_size=BATCH):
        batch.append(report)
        if len(batch) == BATCH:
            yield from _filter_sent(batch, prefix)
            batch = []
    yield from _filter_sent(batch, prefix)


def _filter_sent(batch: list[Report], prefix: str) -> list[Report]:
    keys = {notice_key(prefix, report): report for report in batch}
    sent = set(SentNotice.objects.filter(key__in=keys).values_list("key", flat=True))
    return [report for key, report in keys.items() if key not in sent]


def _recipient_groups(prefix: str, report: Report) -> list[tuple[str, list]]:
    if prefix == "reminder":
        return [("reminder", agency_officials(report.agency_id))]
    if prefix == "overdue":
        return [
            ("overdue", agency_officials(report.agency_id)),
            ("overdue_author", [report.author]),
        ]
    return [("escalation", agency_heads(report.agency_id))]


def _send(prefix: str, stale: Report, *, days: int = 0) -> int:
    """Claim and send one notice; 0 when the report changed meanwhile or the key is taken."""
    with transaction.atomic():
        report = (
            Report.objects.select_for_update(of=("self",))
            .select_related("author", "topic", "municipality", "agency")
            .filter(pk=stale.pk, status__in=AWAITING_ANSWER, due_at=stale.due_at)
            .first()
        )
        if report is None or not claim(notice_key(prefix, report)):
            return 0
        if prefix == "escalation":
            report_record_escalation(report=report, days=days)
        data = {"days": days}
        for recipient in unique_recipients(_recipient_groups(prefix, report)):
            message = messages.build(recipient.notice, report, data=data, recipient=recipient)
            notify(recipients=[recipient.user], message=message)
        return 1


def deadlines_run(*, now: datetime | None = None) -> DeadlineRun:
    now = now or timezone.now()
    run = DeadlineRun()
    reports = awaiting_answer()
    horizon = add_working_days(now, reminder_days())
    for report in _unsent(reports.filter(due_at__gt=now, due_at__lte=horizon), "reminder"):
        run.reminders += _send("reminder", report)
    overdue = reports.filter(due_at__lte=now)
    for report in _unsent(overdue, "overdue"):
        run.overdue += _send("overdue", report)
    for report in _unsent(overdue, "escalation"):
        days = count_working_days(report.due_at, now)
        if days >= escalation_days():
            run.escalations += _send("escalation", report, days=days)
    return run
