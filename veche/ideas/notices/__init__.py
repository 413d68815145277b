"""What the ideas app tells people, and whom: recipients.py decides who hears of an event,
messages.py what each is told. Ready messages go to the notifications app, which only carries
them. The services enqueue `tasks.deliver_idea_notices` in their own transaction (events.py); the
task calls `deliver` below."""

from django.db import transaction

from veche.notifications.services import claim, notify

from ..models import Idea, IdeaTimelineEntry
from . import messages
from .recipients import event_recipients


def deliver(*, kind: str, idea_id: int, entry_id: int | None) -> int:
    """Tell everyone concerned what happened to an idea; returns how many. A retried task finds
    its key claimed and sends nothing again."""
    with transaction.atomic():
        idea = (
            Idea.objects.select_related("author", "municipality", "agency")
            .filter(pk=idea_id)
            .first()
        )
        if idea is None:
            return 0
        entry = IdeaTimelineEntry.objects.filter(pk=entry_id, idea=idea).first()
        if entry_id is not None and not claim(f"ideas:{kind}:{entry_id}"):
            return 0
        recipients = event_recipients(kind=kind, idea=idea, entry=entry)
        for recipient in recipients:
            message = messages.build(recipient.notice, idea, entry=entry, recipient=recipient)
            notify(recipients=[recipient.user], message=message)
        return len(recipients)
