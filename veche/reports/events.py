"""The one seam between reports and notifications: every event is enqueued as a background task
in the same transaction as the change (django-tasks-db stores it in the same database)."""

from .models import Report, TimelineEntry


def report_event(kind: str, report: Report, *, entry: TimelineEntry | None = None, **data) -> None:
    """Tell the notifications app what happened; it decides who hears of it and how."""
    from veche.notifications.tasks import deliver_report_event

    deliver_report_event.enqueue(
        kind=kind,
        report_id=report.pk,
        entry_id=entry.pk if entry else None,
        data={key: value for key, value in data.items() if value is not None},
    )
