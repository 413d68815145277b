"""What happens to a draft is told in the same transaction as the change: once to the platform's
event log (`draft_event`, veche.events), and as notices to the people concerned (`draft_notice`:
a background task stored in the same database, so it commits or vanishes with the change;
notices.py decides who hears what). docs/discussions.md lists the kinds."""

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from veche.events.models import Event
from veche.events.services import record_event

from .models import Draft


def draft_event(kind: str, draft: Draft, *, actor, payload: dict | None = None) -> Event:
    """Record "discussions.<kind>" about the draft; `actor` is None when the system acted."""
    return record_event(
        kind=f"discussions.{kind}",
        subject=draft,
        actor=actor,
        territory=draft.municipality_id,
        payload=payload or {},
    )


_quiet: ContextVar[bool] = ContextVar("discussions_notices_off", default=False)


@contextmanager
def notices_off() -> Iterator[None]:
    """Change drafts without telling anyone: the demo writes a past nobody waits to hear of."""
    token = _quiet.set(True)
    try:
        yield
    finally:
        _quiet.reset(token)


def draft_notice(kind: str, draft: Draft) -> None:
    """Enqueue the notices of a draft's event ("published", "report"); the task decides who
    hears what."""
    from .tasks import deliver_draft_notices

    if _quiet.get():
        return
    deliver_draft_notices.enqueue(kind=kind, draft_id=draft.pk)
