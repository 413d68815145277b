"""Shared steps of the idea services: authorize, lock, check the state, record, notify."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext as _

from veche.staff.services import audit_log

from ..events import idea_event, idea_notice
from ..models import Idea, IdeaTimelineEntry
from ..transitions import TRANSITIONS


def require(user, perm: str, obj, message) -> None:
    if not user.has_perm(perm, obj):
        raise PermissionDenied(str(message))


def lock(idea: Idea) -> Idea:
    """Re-read the idea under a row lock: the state we check is the state we change."""
    return Idea.objects.select_for_update().get(pk=idea.pk)


def require_status(idea: Idea, action: str) -> None:
    """Refuse the action unless the table of transitions allows it from the idea's state."""
    if TRANSITIONS[action].allows_state(idea):
        return
    raise ValidationError(
        _("This cannot be done while the idea is «%(status)s».")
        % {"status": idea.get_status_display()},
        code="wrong_status",
    )


def record(idea: Idea, *, kind: str, actor, **fields) -> IdeaTimelineEntry:
    """A timeline row; `text` is what a person wrote, `message` a gettext_noop msgid."""
    return IdeaTimelineEntry.objects.create(idea=idea, kind=kind, actor=actor, **fields)


def move(
    idea: Idea,
    to: str,
    *,
    actor,
    event: str,
    payload: dict | None = None,
    text: str = "",
    message: str = "",
    params: dict | None = None,
    fields: tuple[str, ...] = (),
) -> IdeaTimelineEntry:
    """Change the status, save the named fields with it, write the timeline, record the event
    "ideas.<event>" and enqueue the notices of the status change. Only staff move an idea, so
    each move is also a row of the staff audit log."""
    was = idea.status
    idea.status = to
    idea.full_clean(exclude=["client_token"])
    idea.save(update_fields=["status", "updated_at", *fields])
    entry = record(
        idea,
        kind=IdeaTimelineEntry.Kind.STATUS,
        actor=actor,
        text=text,
        message=message,
        params=params or {},
        status_from=was,
        status_to=to,
    )
    idea_event(event, idea, actor=actor, payload={"from": was, **(payload or {})})
    audit_log(actor=actor, action=f"ideas.{event}", target=idea, details={"from": was, "to": to})
    idea_notice("status_changed", idea, entry=entry)
    return entry


__all__ = [
    "audit_log",
    "idea_event",
    "idea_notice",
    "lock",
    "move",
    "record",
    "require",
    "require_status",
]
