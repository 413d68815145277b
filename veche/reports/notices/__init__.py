"""What the reports app tells people, and whom: the meaning, recipients and wording of its
notices (recipients.py, messages.py), the deadline reminders and escalations (deadlines.py) and
its part of the daily digest (digest.py). Ready messages go to the notifications app, which only
carries them (veche.notifications.services.notify).

The services enqueue `tasks.deliver_report_notices` in their own transaction (events.py); the
task calls `deliver` below.
"""

from django.db import transaction

from veche.notifications.services import claim, notify

from ..models import Report, TimelineEntry
from . import messages
from .recipients import event_recipients


def _once_key(kind: str, report: Report, entry_id: int | None, data: dict) -> str | None:
    if kind == "support_threshold":
        return f"threshold:{report.pk}:{data.get('threshold', report.support_count)}"
    return f"event:{kind}:{entry_id}" if entry_id else None


def deliver(*, kind: str, report_id: int, entry_id: int | None, data: dict) -> int:
    """Tell everyone concerned (recipients.py) what happened to a report; returns how many.

    A retried task finds its key claimed and sends nothing again.
    """
    with transaction.atomic():
        report = (
            Report.objects.select_related("author", "topic", "municipality", "agency")
            .filter(pk=report_id)
            .first()
        )
        if report is None:
            return 0
        entry = TimelineEntry.objects.filter(pk=entry_id, report=report).first()
        key = _once_key(kind, report, entry_id, data)
        if key is not None and not claim(key):
            return 0
        recipients = event_recipients(kind=kind, report=report, entry=entry)
        for recipient in recipients:
            message = messages.build(
                recipient.notice, report, entry=entry, data=data, recipient=recipient
            )
            notify(recipients=[recipient.user], message=message)
        return len(recipients)
