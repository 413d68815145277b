"""Background work of polls: building and delivering the notices of a poll's event. The services
enqueue `deliver_poll_notices` in their own transaction (events.py)."""

from django_tasks import task

from . import notices


@task()
def deliver_poll_notices(kind: str, poll_id: int) -> int:
    return notices.deliver(kind=kind, poll_id=poll_id)
