"""Residents' reactions: «Был ли ответ полезен?» in the knowledge base and «Пойду» on events,
and the reminders of the events one marked."""

from datetime import timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy

from veche.events.services import record_event

from ..models import Event, EventAttendance, KbEntry, KbFeedback
from ._common import require

NOT_PUBLIC = gettext_lazy("This material is not published.")
PAST = gettext_lazy("This event is over.")
NEED_SESSION = gettext_lazy("Your browser keeps no session; allow cookies to answer.")


def _visible(model, pk: int):
    item = model.objects.visible().filter(pk=pk).first()
    if item is None:
        raise ValidationError(str(NOT_PUBLIC))
    return item


def kb_feedback(*, entry_id: int, user, session_key: str, helpful: bool) -> bool:
    """One answer per person (or per session for a guest), kept by the database's unique
    constraints; a second answer changes nothing. Returns whether this one counted."""
    entry = _visible(KbEntry, entry_id)
    person = user if getattr(user, "is_authenticated", False) else None
    if person is None and not session_key:
        raise ValidationError(str(NEED_SESSION))
    try:
        with transaction.atomic():
            KbFeedback.objects.create(
                entry=entry,
                user=person,
                session_key="" if person else session_key[:64],
                helpful=helpful,
            )
            record_event(
                kind="content.kb_feedback",
                subject=entry,
                actor=person,
                territory=entry.municipality_id,
                payload={"helpful": helpful},
            )
    except IntegrityError:
        return False
    return True


@transaction.atomic
def event_attend(*, user, event_id: int) -> bool:
    """Mark «Пойду» (once); the reminder comes before the start. Returns whether it is new."""
    require(user, "content.attend_event", None, gettext_lazy("Log in to mark an event."))
    event = _visible(Event, event_id)
    if event.ends_at <= timezone.now():
        raise ValidationError(str(PAST))
    _attendance, created = EventAttendance.objects.get_or_create(event=event, user=user)
    if created:
        record_event(
            kind="content.event_attend", subject=event, actor=user, territory=event.municipality_id
        )
    return created


@transaction.atomic
def event_unattend(*, user, event_id: int) -> bool:
    if not getattr(user, "is_authenticated", False):
        raise PermissionDenied(str(gettext_lazy("Log in to mark an event.")))
    deleted, _kinds = EventAttendance.objects.filter(event_id=event_id, user=user).delete()
    if deleted:
        record_event(kind="content.event_unattend", subject=("content.event", event_id), actor=user)
    return bool(deleted)


def due_reminders(*, now=None, ahead: timedelta):
    """Marks of published events starting within `ahead` whose reminder has not gone yet."""
    now = now or timezone.now()
    return (
        EventAttendance.objects.filter(
            reminded_at__isnull=True,
            event__in=Event.objects.visible(now),
            event__starts_at__gt=now,
            event__starts_at__lte=now + ahead,
        )
        .select_related("event", "user")
        .order_by("event__starts_at", "pk")
    )


def send_reminders(*, now=None, ahead: timedelta = timedelta(hours=24)) -> int:
    """Tell each resident who marked «Пойду» about the event before it starts, once."""
    from ..notices import remind

    now = now or timezone.now()
    told = 0
    for attendance in due_reminders(now=now, ahead=ahead):
        with transaction.atomic():
            marked = EventAttendance.objects.filter(
                pk=attendance.pk, reminded_at__isnull=True
            ).update(reminded_at=now)
            if marked:
                told += remind(attendance)
    return told
