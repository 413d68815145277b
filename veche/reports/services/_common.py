"""Shared steps of the report services: authorize, lock, check the state, record, notify."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext as _

from ..events import report_event, report_notice
from ..models import Report, Status, TimelineEntry
from ..transitions import TRANSITIONS


def require(user, perm: str, report: Report | None, message) -> None:
    if not user.has_perm(perm, report):
        raise PermissionDenied(str(message))


def lock(report: Report) -> Report:
    """Re-read the report under a row lock: the state we check is the state we change."""
    return Report.objects.select_for_update().get(pk=report.pk)


def require_status(report: Report, action: str) -> None:
    """Refuse the action unless the table of transitions allows it from the report's state."""
    transition = TRANSITIONS[action]
    if transition.allows_state(report):
        return
    if report.status in transition.sources and transition.refusal:
        raise ValidationError(str(transition.refusal), code=f"{action}_condition")
    raise ValidationError(
        _("This cannot be done while the report is «%(status)s».")
        % {"status": report.get_status_display()},
        code="wrong_status",
    )


def record(
    report: Report,
    *,
    kind: str,
    actor,
    text: str = "",
    message: str = "",
    params: dict | None = None,
    is_public: bool = True,
    status_from: str = "",
    status_to: str = "",
) -> TimelineEntry:
    """`text` is what a person wrote; `message` a gettext_noop msgid the page translates."""
    return TimelineEntry.objects.create(
        report=report,
        kind=kind,
        actor=actor,
        text=text,
        message=message,
        params=params or {},
        is_public=is_public,
        status_from=status_from,
        status_to=status_to,
    )


def move(
    report: Report,
    to: str,
    *,
    actor,
    event: str | None,
    payload: dict | None = None,
    text: str = "",
    message: str = "",
    params: dict | None = None,
    fields: tuple[str, ...] = (),
) -> TimelineEntry:
    """Change the status, save the named fields with it, write the timeline, record the event
    "reports.<event>" (None: the caller records it, e.g. an answer) and notify."""
    was = report.status
    report.status = to
    report.full_clean()
    report.save(update_fields=["status", "updated_at", *fields])
    entry = record(
        report,
        kind=TimelineEntry.Kind.STATUS,
        actor=actor,
        text=text,
        message=message,
        params=params,
        status_from=was,
        status_to=to,
    )
    if event is not None:
        report_event(event, report, actor=actor, payload={"from": was, **(payload or {})})
    report_notice("status_changed", report, entry=entry)
    return entry


__all__ = [
    "Status",
    "lock",
    "move",
    "record",
    "report_event",
    "report_notice",
    "require",
    "require_status",
]
