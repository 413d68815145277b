"""`polls.vote_in_poll` as a matrix: who × eligibility, and the calendar (before, during, after)."""

import datetime

import pytest
from django.utils import timezone

from veche.polls.models import Eligibility
from veche.polls.services import vote_refusal
from veche.polls.tests.factories import DraftPollFactory, PollFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("who", "eligibility", "municipality", "allowed"),
    [
        ("surgut_resident", Eligibility.REGISTERED, "surgut", True),
        ("urai_resident", Eligibility.REGISTERED, "surgut", True),
        ("unconfirmed", Eligibility.REGISTERED, "surgut", False),
        ("surgut_resident", Eligibility.VERIFIED, "surgut", False),
        ("verified", Eligibility.VERIFIED, "surgut", True),
        ("surgut_resident", Eligibility.RESIDENTS, "urai", False),
        ("urai_resident", Eligibility.RESIDENTS, "urai", True),
        ("surgut_resident", Eligibility.RESIDENTS, None, True),
        ("mayor_office", Eligibility.RESIDENTS, "surgut", False),  # staff without a settlement
    ],
)
def test_who_may_vote(world, who, eligibility, municipality, allowed):
    poll = PollFactory(
        eligibility=eligibility, municipality=getattr(world, municipality) if municipality else None
    )
    user = getattr(world, who)
    assert user.has_perm("polls.vote_in_poll", poll) is allowed
    assert (vote_refusal(user, poll) is None) is allowed


def test_a_surgut_resident_is_told_the_urai_poll_is_for_urai(world):
    poll = PollFactory(eligibility=Eligibility.RESIDENTS, municipality=world.urai)
    assert "Урай" in vote_refusal(world.surgut_resident, poll)


@pytest.mark.parametrize(
    ("opens", "closes", "allowed"),
    [(1, 5, False), (-1, 5, True), (-5, -1, False)],
    ids=["before", "during", "after"],
)
def test_the_calendar_opens_and_closes_voting(world, opens, closes, allowed):
    now = timezone.now()
    poll = PollFactory(
        opens_at=now + datetime.timedelta(days=opens),
        closes_at=now + datetime.timedelta(days=closes),
    )
    assert world.surgut_resident.has_perm("polls.vote_in_poll", poll) is allowed


def test_nobody_votes_in_a_draft(world):
    assert not world.surgut_resident.has_perm("polls.vote_in_poll", DraftPollFactory())


def test_anonymous_may_not_vote(world):
    from django.contrib.auth.models import AnonymousUser

    assert vote_refusal(AnonymousUser(), PollFactory()) is not None


@pytest.mark.parametrize("who", ["surgut_resident", "urai_resident", "verified", "unconfirmed"])
@pytest.mark.parametrize("state", ["draft", "open", "closed", "residents", "verified"])
def test_whoever_may_vote_sees_the_poll(world, who, state):
    """A web ballot written at once checks only `vote_in_poll` (services/ballots.py
    `_cast_at_once`): the rule must imply `view_poll`, or a poll hidden from the voter would
    take his ballot instead of answering 404."""
    now = timezone.now()
    polls = {
        "draft": lambda: DraftPollFactory(),
        "open": lambda: PollFactory(),
        "closed": lambda: PollFactory(
            opens_at=now - datetime.timedelta(days=5), closes_at=now - datetime.timedelta(days=1)
        ),
        "residents": lambda: PollFactory(
            eligibility=Eligibility.RESIDENTS, municipality=world.surgut
        ),
        "verified": lambda: PollFactory(eligibility=Eligibility.VERIFIED),
    }
    poll, user = polls[state](), getattr(world, who)
    if user.has_perm("polls.vote_in_poll", poll):
        assert user.has_perm("polls.view_poll", poll)
    else:
        assert vote_refusal(user, poll) is not None
