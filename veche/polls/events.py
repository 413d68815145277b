"""What happens to a poll is told in the same transaction as the change: once to the platform's
event log (`poll_event`, veche.events), and as notices to the people concerned (`poll_notice`: a
background task stored in the same database, so it commits or vanishes with the change;
notices.py decides who hears what). docs/polls.md lists the kinds."""

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from veche.events.models import Event
from veche.events.services import record_event

from .models import Poll


def poll_event(kind: str, poll: Poll, *, actor, payload: dict | None = None) -> Event:
    """Record "polls.<kind>" about the poll; `actor` is None when the system acted."""
    return record_event(
        kind=f"polls.{kind}",
        subject=poll,
        actor=actor,
        territory=poll.municipality_id,
        payload=payload or {},
    )


_quiet: ContextVar[bool] = ContextVar("polls_notices_off", default=False)


@contextmanager
def notices_off() -> Iterator[None]:
    """Change polls without telling anyone: the demo writes a past nobody waits to hear of."""
    token = _quiet.set(True)
    try:
        yield
    finally:
        _quiet.reset(token)


def poll_notice(kind: str, poll: Poll) -> None:
    """Enqueue the notices of a poll's event ("published", "results"); the task decides who
    hears what."""
    from .tasks import deliver_poll_notices

    if _quiet.get():
        return
    deliver_poll_notices.enqueue(kind=kind, poll_id=poll.pk)
