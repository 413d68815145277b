"""Reading the event log forward, each consumer from its own watermark.

Ids are handed out when a row is inserted but become visible when its transaction commits, so on
PostgreSQL event 8 may be visible while event 7 is still being written. `read_new` therefore stops
before a gap in the ids until the gap is older than settings.EVENTS_GAP_SETTLE_SECONDS (default
30): then it counts as an id that a rolled-back transaction used up, and reading goes on.
"""

from datetime import timedelta

from django.conf import settings
from django.db import connection
from django.utils import timezone

from .models import Cursor, Event


def settle_seconds() -> int:
    return int(getattr(settings, "EVENTS_GAP_SETTLE_SECONDS", 30))


def watermark(consumer: str) -> int:
    return _watermark(consumer) or 0


def _watermark(consumer: str) -> int | None:
    """None while the consumer has never advanced."""
    cursor = Cursor.objects.filter(consumer=consumer).only("last_event_id").first()
    return cursor.last_event_id if cursor else None


def read_new(consumer: str, limit: int = 500) -> list[Event]:
    """The next events after the consumer's watermark, oldest first, at most `limit`.

    Handle them (skipping kinds it does not care about), then call
    services.advance(consumer=…, last_id=events[-1].id).
    """
    mark = _watermark(consumer)
    after = mark or 0
    rows = list(Event.objects.filter(id__gt=after).order_by("id")[:limit])
    settled_before = timezone.now() - timedelta(seconds=settle_seconds())
    # A consumer that has never advanced (no cursor, or one set up at 0) starts at the first
    # visible event: ids need not start at 1 (a PostgreSQL sequence is not rewound by
    # rolled-back transactions), and waiting for id 1 would hold it back a settling period.
    expected = rows[0].id if not mark and rows else after + 1
    ready = []
    for event in rows:
        if event.id != expected and event.occurred_at > settled_before:
            break  # an earlier id may still commit: wait for it
        ready.append(event)
        expected = event.id + 1
    return ready


def last_event_id() -> int:
    """The newest event's id: a version of the portal's data, since every change records an
    event (veche/core/pagecache.py keys guests' pages by it). One index lookup."""
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT MAX(id) FROM {Event._meta.db_table}")
        return cursor.fetchone()[0] or 0
