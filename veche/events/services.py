"""Writing the event log. `record_event` is the only write to `Event`: there is no update and no
delete, and the admin is read-only. `advance` moves a consumer's watermark forward."""

from collections.abc import Mapping
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models, transaction
from django.utils import timezone
from django.utils.crypto import salted_hmac

from .models import Cursor, Event

# A payload is a few facts for consumers, not a copy of the object.
MAX_PAYLOAD_CHARS = 4000
PSEUDONYM_SALT = "veche.events.actor"

Subject = models.Model | tuple[str, Any]


def actor_pseudonym(user) -> str:
    """A stable HMAC of the user id: the same person gets the same pseudonym in every event, and
    nobody without the key can turn it back into the id. The key is settings.EVENTS_PSEUDONYM_KEY
    (falling back to SECRET_KEY; pin it before rotating SECRET_KEY, or pseudonyms change)."""
    secret = getattr(settings, "EVENTS_PSEUDONYM_KEY", "") or settings.SECRET_KEY
    return salted_hmac(PSEUDONYM_SALT, str(user.pk), secret=secret, algorithm="sha256").hexdigest()


def subject_of(subject: Subject) -> tuple[str, str]:
    """("reports.report", "123") for a model instance, or the pair given as it is."""
    if isinstance(subject, models.Model):
        return subject._meta.label_lower, str(subject.pk)
    subject_type, subject_id = subject
    return str(subject_type), str(subject_id)


def record_event(
    *,
    kind: str,
    subject: Subject,
    actor=None,
    territory=None,
    payload: Mapping[str, Any] | None = None,
) -> Event:
    """Append one event. Call it inside the transaction of the change it tells of, so the event
    commits or rolls back with it (an outbox); outside a transaction it refuses.

    `actor` is a user (stored as a pseudonym) or None for the system; `territory` a municipality
    or its id.
    """
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("record_event must run inside the transaction of the change.")
    subject_type, subject_id = subject_of(subject)
    payload = dict(payload or {})
    if len(DjangoJSONEncoder().encode(payload)) > MAX_PAYLOAD_CHARS:
        raise ValidationError("An event payload is a few facts, not a copy of the object.")
    event = Event(
        kind=kind,
        subject_type=subject_type,
        subject_id=subject_id,
        actor=actor_pseudonym(actor) if actor is not None else "",
        territory_id=getattr(territory, "pk", territory),
        occurred_at=timezone.now(),
        payload=payload,
    )
    # The territory's foreign key is checked by the database, not by one more query here: this
    # runs in every write of the portal, the support vote included.
    event.full_clean(exclude=["territory"])
    event.save(force_insert=True)
    return event


def advance(*, consumer: str, last_id: int) -> Cursor:
    """Move the consumer's watermark to `last_id`; never backwards (a late, slower run of the same
    consumer must not make it handle events twice)."""
    with transaction.atomic():
        cursor, _created = Cursor.objects.select_for_update().get_or_create(consumer=consumer)
        if last_id > cursor.last_event_id:
            cursor.last_event_id = last_id
            cursor.full_clean()
            cursor.save()
        return cursor
