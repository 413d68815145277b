"""Shared steps of the application services: lock the contest then the application, and
record a step (timeline entry, event, audit row, notices task) in the change's transaction."""

from veche.events.services import record_event
from veche.staff.services import audit_log

from ..events import notices_are_off
from ..models import Application, ApplicationTimelineEntry, Contest


def lock(application: Application) -> tuple[Contest, Application]:
    """The contest, then the application, under row locks (always in this order)."""
    contest = Contest.objects.select_for_update().get(pk=application.contest_id)
    locked = (
        Application.objects.select_for_update(of=("self",))
        .select_related("group", "municipality", "version")
        .get(pk=application.pk)
    )
    locked.contest = contest
    return contest, locked


def step(
    application: Application, name: str, *, actor, message: str, params=None, audit=False
) -> None:
    """The step `name` of the application: its timeline entry, its event
    `budgeting.application_<name>`, the audit row when `audit`, and the notices task of the
    steps the applicants hear of."""
    ApplicationTimelineEntry.objects.create(
        application=application,
        status=application.status,
        actor=actor,
        message=message,
        params=params or {},
    )
    record_event(
        kind=f"budgeting.application_{name}",
        subject=application,
        actor=actor,
        territory=application.municipality_id,
        payload={"status": application.status, "contest": application.contest_id},
    )
    if audit:
        audit_log(actor=actor, action=f"budgeting.application_{name}", target=application)
    notified = (
        "submitted",
        "revision",
        "admitted",
        "rejected",
        "evaluated",
        "winner",
        "not_selected",
    )  # in implementation and implemented: the registry of realized projects tells them
    if name in notified and not notices_are_off():
        from ..tasks import deliver_application_notices

        deliver_application_notices.enqueue(kind=name, application_id=application.pk)
