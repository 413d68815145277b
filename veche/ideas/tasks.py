"""Background work of the ideas app: building and delivering the notices of an idea's event.

The services enqueue `deliver_idea_notices` in their own transaction (events.py), so the task row
commits, or vanishes, with the change it tells of."""

from django_tasks import task

from . import notices
from .notices import campaigns as campaign_notices


@task()
def deliver_idea_notices(kind: str, idea_id: int, entry_id: int | None) -> int:
    return notices.deliver(kind=kind, idea_id=idea_id, entry_id=entry_id)


@task()
def deliver_campaign_notices(kind: str, campaign_id: int) -> int:
    """The notices of a campaign's event (notices/campaigns.py): its results, for now."""
    return campaign_notices.deliver(kind=kind, campaign_id=campaign_id)
