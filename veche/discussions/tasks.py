"""Background work of discussions: building and delivering the notices of a draft's event. The
services enqueue `deliver_draft_notices` in their own transaction (events.py)."""

from django_tasks import task

from . import notices


@task()
def deliver_draft_notices(kind: str, draft_id: int) -> int:
    return notices.deliver(kind=kind, draft_id=draft_id)
