"""Who hears of what happens to a report (docs/notifications.md has the table).

- The author hears of every public status change, every answer and extension — never of internal
  notes, escalations or reassignment requests.
- Officials and heads of the report's agency hear of new work (routed to them, or reopened by the
  author's dispute) and of support thresholds; officials get deadline reminders and overdue
  notices, heads the escalations.
- Moderators covering the report's municipality (or the whole region) hear of reports awaiting
  moderation, of an agency declining one, and of reassignment requests.
- Followers of a report hear of its public news: status changes, answers, extensions and press
  coverage (its agency and author hear of press coverage too).
- Subscribers whose municipality / category / map area matches hear of newly published reports.

Nobody is told of what he did himself, and nobody hears of one event twice. A blocked or deleted
account holds no role, so staff audiences are active users only; the author and subscribers
always get the in-app notice, e-mail only where the notifications app's preferences allow.
"""

import itertools
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from django.db.models import Q, QuerySet

from veche.accounts.models import User
from veche.notifications.models import Subscription
from veche.notifications.selectors import subscriptions_matching
from veche.staff.models import Role

from ..models import Report, Status, TimelineEntry

CATEGORY_PREFIX = "reports"


def category_key(category_id: int) -> str:
    """The subscription key of a report category (registered in apps.py)."""
    return f"{CATEGORY_PREFIX}:{category_id}"


@dataclass(frozen=True)
class Recipient:
    user: User
    notice: str  # what he is told: a key of messages.BUILDERS
    subscription: Subscription | None = None


def _active(queryset: QuerySet[User]) -> QuerySet[User]:
    return queryset.filter(is_active=True, deleted_at__isnull=True)


def agency_staff(agency_id: int | None, *roles: str) -> list[User]:
    if agency_id is None:
        return []
    users = User.objects.filter(
        role_assignments__agency_id=agency_id, role_assignments__role__in=roles
    )
    return list(_active(users).distinct().order_by("pk"))


def agency_members(agency_id: int | None) -> list[User]:
    return agency_staff(agency_id, Role.OFFICIAL, Role.AGENCY_HEAD)


def agency_officials(agency_id: int | None) -> list[User]:
    """The officials who do the work; the heads when the agency has no official yet."""
    return agency_staff(agency_id, Role.OFFICIAL) or agency_staff(agency_id, Role.AGENCY_HEAD)


def agency_heads(agency_id: int | None) -> list[User]:
    return agency_staff(agency_id, Role.AGENCY_HEAD)


def moderators_of(report: Report) -> list[User]:
    """Moderators of the report's municipality and region-wide ones."""
    scope = Q(role_assignments__municipality_id=report.municipality_id) | Q(
        role_assignments__municipality__isnull=True, role_assignments__agency__isnull=True
    )
    users = User.objects.filter(Q(role_assignments__role=Role.MODERATOR) & scope)
    return list(_active(users).distinct().order_by("pk"))


def followers(report: Report) -> list[User]:
    users = User.objects.filter(report_follows__report=report)
    return list(_active(users).order_by("pk"))


def matching_subscriptions(report: Report) -> QuerySet[Subscription]:
    """Subscriptions whose every set condition holds for the report."""
    return subscriptions_matching(
        municipality_id=report.municipality_id,
        category_keys=[category_key(report.topic.category_id)],
        lat=report.lat,
        lon=report.lon,
    )


def _groups(kind: str, report: Report, entry: TimelineEntry | None) -> Iterator[tuple]:
    """(notice, users) pairs in order of precedence; subscribers come as Subscription rows."""
    public = entry is None or entry.is_public
    if kind == "submitted":
        yield "submitted", moderators_of(report)
    elif kind == "status_changed":
        to = entry.status_to if entry else report.status
        was = entry.status_from if entry else ""
        # An answer reaches the author through the "answered" event, with its text.
        if public and to not in (Status.SUBMITTED, Status.ANSWERED):
            yield "status_changed", [report.author]
            yield "followed_news", followers(report)
        if to == Status.ROUTED:
            yield "new_work", agency_members(report.agency_id)
            if was == Status.SUBMITTED:  # newly published, not re-routed
                yield "new_report", matching_subscriptions(report)
        elif to == Status.DECLINED:
            yield "declined", moderators_of(report)
        elif to == Status.IN_PROGRESS and was == Status.ANSWERED:
            yield "reopened", agency_members(report.agency_id)
    elif kind in ("answered", "deadline_extended"):
        if public:
            yield kind, [report.author]
            yield "followed_news", followers(report)
    elif kind == "press_coverage":
        yield "press_coverage", [report.author, *agency_members(report.agency_id)]
        yield "followed_news", followers(report)
    elif kind == "support_threshold":
        yield "support_threshold", agency_members(report.agency_id)
    elif kind == "reassignment_requested":
        yield "reassignment_requested", moderators_of(report)


def unique_recipients(
    groups: Iterable[tuple[str, Iterable]], *, exclude: Iterable[int] = ()
) -> list[Recipient]:
    """One recipient per user, the first group naming him wins; `exclude` are user ids."""
    seen = set(exclude)
    result = []
    for notice, members in groups:
        for member in members:
            subscription = member if isinstance(member, Subscription) else None
            user = subscription.user if subscription else member
            if user.pk in seen:
                continue
            seen.add(user.pk)
            result.append(Recipient(user, notice, subscription))
    return result


def event_recipients(*, kind: str, report: Report, entry: TimelineEntry | None) -> list[Recipient]:
    actor = [entry.actor_id] if entry is not None and entry.actor_id else []
    groups = _groups(kind, report, entry)
    if kind == "submitted" and report.author_id:
        # The author filed it himself, yet he gets its receipt with the number.
        actor = [pk for pk in actor if pk != report.author_id]
        groups = itertools.chain([("received", [report.author])], groups)
    return unique_recipients(groups, exclude=actor)
