"""What happens to a report is told twice, in the same transaction as the change:

- once to the platform's event log (`report_event`, veche.events): one row per transition, for
  every consumer that reads the log (points, analytics, the ClickHouse export);
- once as notices to the people concerned (`report_notice`): a background task stored in the same
  database, so it commits — or vanishes — with the change (notices.py decides who hears what).

docs/events.md lists the kinds.
"""

from veche.events.models import Event
from veche.events.services import record_event

from .models import Report, TimelineEntry


def report_event(kind: str, report: Report, *, actor, payload: dict | None = None) -> Event:
    """Record "reports.<kind>" about the report; `actor` is None when the system acted."""
    return record_event(
        kind=f"reports.{kind}",
        subject=report,
        actor=actor,
        territory=report.municipality_id,
        payload={"status": report.status, **(payload or {})},
    )


def report_notice(
    notice: str, report: Report, *, entry: TimelineEntry | None = None, **data
) -> None:
    """Enqueue the notices of one event; the task builds and delivers them (notices/)."""
    from .tasks import deliver_report_notices

    deliver_report_notices.enqueue(
        kind=notice,
        report_id=report.pk,
        entry_id=entry.pk if entry else None,
        data={key: value for key, value in data.items() if value is not None},
    )
