"""Shared steps of the budgeting services: authorize, lock, record the event and the audit row."""

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from veche.events.models import Event
from veche.events.services import record_event
from veche.staff.services import audit_log

from ..models import Contest


def require(user, perm: str, obj, message) -> None:
    if not user.has_perm(perm, obj):
        raise PermissionDenied(str(message))


def lock_contest(contest: Contest) -> Contest:
    """Re-read the contest under a row lock: what we check (its dates, its state) is what we
    change, and two organizers' edits queue behind each other."""
    return (
        Contest.objects.select_for_update(of=("self",))
        .select_related("municipality")
        .get(pk=contest.pk)
    )


def not_organizer() -> str:
    return _(
        "Only the administration of the contest's municipality or the regional administration "
        "runs it; a regional contest, only the regional administration."
    )


def contest_changed(contest: Contest, *, user, action: str, details: dict | None = None) -> Event:
    """The event `budgeting.contest_<action>` and the staff audit row of an organizer's change,
    in the change's transaction."""
    audit_log(actor=user, action=f"budgeting.contest_{action}", target=contest, details=details)
    return record_event(
        kind=f"budgeting.contest_{action}",
        subject=contest,
        actor=user,
        territory=contest.municipality_id,
        payload={"status": contest.status, **(details or {})},
    )
