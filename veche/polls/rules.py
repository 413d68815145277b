"""Named permissions of polls (docs/polls.md, "Who may do what").

The calendar drives them (STYLE.md, example 6): `is_open` compares the poll's own moments with
`timezone.now()`, so voting opens and closes by date with no job switching anything.

- The organizers of a poll — the municipal admin of its municipality, or a regional admin (a
  region-wide poll: the regional admin only) — create and edit it, see its draft and its results
  at any time, and publish the results of a poll whose results wait for publication.
- A resident votes in a published, open poll once, if its eligibility admits him: any resident
  with a confirmed e-mail, a verified one, or one whose settlement (in his profile) lies in the
  poll's territory.
- Moderators of the poll's municipality (or region-wide) and the regional admin decide the words
  voters wrote (free-text answers and «other»).
"""

import rules
from django.utils import timezone

from veche.accounts.predicates import can_participate, is_verified
from veche.staff.models import Role
from veche.staff.predicates import (
    is_municipal_admin,
    is_municipal_admin_of,
    is_regional_admin,
    municipality_scope,
    role_assignments,
)

from .models import Eligibility, Phase, Poll, ResultsVisibility


def poll_of(obj) -> Poll | None:
    return obj if isinstance(obj, Poll) else getattr(obj, "poll", None)


@rules.predicate
def manages_poll(user, obj) -> bool:
    """A regional admin, or the municipal admin of the poll's municipality."""
    poll = poll_of(obj)
    if poll is None:
        return False
    return is_regional_admin(user) or is_municipal_admin_of(user, poll.municipality)


@rules.predicate
def is_published(user, obj) -> bool:
    poll = poll_of(obj)
    return poll is not None and poll.is_published


@rules.predicate
def is_open(user, obj) -> bool:
    poll = poll_of(obj)
    return poll is not None and poll.phase_at(timezone.now()) == Phase.OPEN


@rules.predicate
def has_opened(user, obj) -> bool:
    poll = poll_of(obj)
    return poll is not None and poll.opens_at <= timezone.now()


@rules.predicate
def is_closed(user, obj) -> bool:
    poll = poll_of(obj)
    return poll is not None and poll.phase_at(timezone.now()) == Phase.CLOSED


def lives_in(user, poll: Poll) -> bool:
    """The settlement in the user's profile lies in the poll's territory (any settlement of the
    region for a region-wide poll)."""
    return settlement_in(getattr(user, "settlement", None), poll)


def settlement_in(settlement, poll: Poll) -> bool:
    """The settlement lies in the poll's territory (a paper voter states his)."""
    if settlement is None:
        return False
    if poll.municipality_id is None:
        return True
    return settlement.municipality_id == poll.municipality_id


@rules.predicate
def is_eligible(user, obj) -> bool:
    poll = poll_of(obj)
    if poll is None or not can_participate(user):
        return False
    if poll.eligibility == Eligibility.VERIFIED:
        return is_verified(user)
    if poll.eligibility == Eligibility.RESIDENTS:
        return lives_in(user, poll)
    return True


@rules.predicate
def results_visible_now(user, obj) -> bool:
    """What the poll's results-visibility rule allows everyone to see now."""
    poll = poll_of(obj)
    if poll is None or not poll.is_published:
        return False
    now = timezone.now()
    if poll.results_visibility == ResultsVisibility.LIVE:
        return poll.opens_at <= now
    if poll.results_visibility == ResultsVisibility.AFTER_CLOSING:
        return poll.closes_at <= now
    return poll.results_published_at is not None


@rules.predicate
def results_await_publication(user, obj) -> bool:
    poll = poll_of(obj)
    return (
        poll is not None
        and poll.results_visibility == ResultsVisibility.ON_PUBLICATION
        and poll.results_published_at is None
    )


@rules.predicate
def moderates_poll(user, obj) -> bool:
    """A moderator covering the poll's municipality (a region-wide poll: a region-wide one)."""
    poll = poll_of(obj)
    if poll is None or not any(a.role == Role.MODERATOR for a in role_assignments(user)):
        return False
    scope = municipality_scope(user, Role.MODERATOR)
    return scope is None or (poll.municipality_id is not None and poll.municipality_id in scope)


rules.add_perm("polls.view_poll", is_published | manages_poll)
rules.add_perm("polls.organize_polls", is_municipal_admin | is_regional_admin)
rules.add_perm("polls.manage_poll", manages_poll)
rules.add_perm("polls.vote_in_poll", is_published & is_open & is_eligible)
rules.add_perm("polls.view_results", results_visible_now | manages_poll)
rules.add_perm("polls.publish_results", manages_poll & is_published & results_await_publication)
rules.add_perm("polls.moderate_answers", moderates_poll | is_regional_admin)
