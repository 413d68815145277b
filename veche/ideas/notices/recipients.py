"""Who hears of what happens to an idea (docs/ideas.md, "Notices").

- The author hears of every status change after filing and of every progress update.
- Its supporters hear of the same while the idea is public (they are the people waiting for it).
- Moderators of the idea's municipality (or region-wide) hear of ideas awaiting moderation.
- Officials and heads of the agency an idea is given to hear that it is theirs now.
- Subscribers whose municipality / category (`ideas:<category id>`) / map area matches hear of a
  newly published idea.

Nobody is told of what he did himself, and nobody hears of one event twice.
"""

from collections.abc import Iterator

from veche.accounts.models import User
from veche.notifications.selectors import subscriptions_matching
from veche.reports.notices.recipients import (
    Recipient,
    agency_members,
    moderators_of,
    unique_recipients,
)

from ..models import UNPUBLISHED, Idea, IdeaTimelineEntry, Status

CATEGORY_PREFIX = "ideas"


def category_key(category_id: int) -> str:
    """The subscription key of an idea category (registered in apps.py)."""
    return f"{CATEGORY_PREFIX}:{category_id}"


def supporters(idea: Idea) -> list[User]:
    users = User.objects.filter(idea_supports__idea=idea, is_active=True, deleted_at__isnull=True)
    return list(users.order_by("pk"))


def matching_subscriptions(idea: Idea):
    return subscriptions_matching(
        municipality_id=idea.municipality_id,
        category_keys=[category_key(idea.category_id)],
        lat=idea.lat if idea.has_point else idea.municipality.centre_lat,
        lon=idea.lon if idea.has_point else idea.municipality.centre_lon,
    )


def _groups(kind: str, idea: Idea, entry: IdeaTimelineEntry | None) -> Iterator[tuple]:
    if kind == "submitted":
        yield "received", [idea.author]
        yield "submitted", moderators_of(idea)
    elif kind == "status_changed" and entry is not None:
        yield "status_changed", [idea.author]
        if entry.status_from not in UNPUBLISHED:
            yield "supported_news", supporters(idea)
        if entry.status_to == Status.PUBLISHED:
            yield "new_idea", matching_subscriptions(idea)
        elif entry.status_to == Status.TAKEN:
            yield "new_work", agency_members(idea.agency_id)
    elif kind == "progress":
        yield "progress", [idea.author]
        yield "progress", supporters(idea)
    elif kind == "from_report":
        # The report's author hears of it from the report (reports' own notice).
        yield "carried", supporters(idea)
        yield "new_idea", matching_subscriptions(idea)


def event_recipients(*, kind: str, idea: Idea, entry: IdeaTimelineEntry | None) -> list[Recipient]:
    actor = [entry.actor_id] if entry is not None and entry.actor_id else []
    if kind == "submitted":
        actor = []  # the author filed it, yet he gets its receipt with the number
    return unique_recipients(_groups(kind, idea, entry), exclude=actor)
