"""What happens to an idea is told twice, in the same transaction as the change: once to the
platform's event log (`idea_event`, veche.events), once as notices to the people concerned
(`idea_notice`: a background task stored in the same database, so it commits or vanishes with the
change; notices/ decides who hears what). docs/events.md lists the kinds."""

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from veche.events.models import Event
from veche.events.services import record_event

from .models import Idea, IdeaTimelineEntry


def idea_event(kind: str, idea: Idea, *, actor, payload: dict | None = None) -> Event:
    """Record "ideas.<kind>" about the idea; `actor` is None when the system acted."""
    return record_event(
        kind=f"ideas.{kind}",
        subject=idea,
        actor=actor,
        territory=idea.municipality_id,
        payload={"status": idea.status, **(payload or {})},
    )


_quiet: ContextVar[bool] = ContextVar("ideas_notices_off", default=False)


@contextmanager
def notices_off() -> Iterator[None]:
    """Change ideas without telling anyone: the demo writes a past nobody waits to hear of."""
    token = _quiet.set(True)
    try:
        yield
    finally:
        _quiet.reset(token)


def notices_are_off() -> bool:
    return _quiet.get()


def idea_notice(notice: str, idea: Idea, *, entry: IdeaTimelineEntry | None = None) -> None:
    """Enqueue the notices of one event; the task builds and delivers them (notices/)."""
    from .tasks import deliver_idea_notices

    if _quiet.get():
        return
    deliver_idea_notices.enqueue(kind=notice, idea_id=idea.pk, entry_id=entry.pk if entry else None)
