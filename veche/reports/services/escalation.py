"""The system's own step on a report: an answer overdue long enough is escalated to the agency's
head (run by the deadline notices, reports/notices/deadlines.py; no person acts)."""

from django.db import transaction
from django.utils.translation import gettext_noop

from ..models import Report, TimelineEntry
from ._common import lock, record, report_event


def report_record_escalation(*, report: Report, days: int) -> TimelineEntry:
    """Write the internal timeline row and the event "reports.escalated"; the caller tells the
    head. `days` is how many working days the answer is overdue."""
    with transaction.atomic():
        report = lock(report)
        entry = record(
            report,
            kind=TimelineEntry.Kind.ESCALATION,
            actor=None,
            # Translated when shown; the count is always given in working days.
            message=gettext_noop(
                "The answer is overdue by working days: %(days)d; the head is told."
            ),
            params={"days": days},
            is_public=False,
        )
        report_event("escalated", report, actor=None, payload={"days": days})
        return entry
