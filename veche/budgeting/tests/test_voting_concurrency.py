"""The cap and the one vote per project hold when a voter's requests arrive at the same moment
(run on SQLite and on PostgreSQL, where the ballot's row lock is what makes it hold)."""

import pytest
from django.core.exceptions import ValidationError

from veche.accounts.tests.factories import UserFactory
from veche.budgeting.models import PublicVote, VoterBallot, VoteReceipt, VoteTally
from veche.budgeting.services.voting import vote_cast
from veche.budgeting.tests.factories import voting_contest
from veche.testing.concurrency import at_once


def _at_once(calls):
    outcome = at_once(calls, refusals=(ValidationError,))
    return outcome.refused, outcome.errors


@pytest.mark.django_db(transaction=True)
def test_ten_votes_for_ten_projects_at_once_with_a_cap_of_three():
    contest, applications = voting_contest(projects=[100] * 10, max_choices=3)
    voter = UserFactory()

    def vote(application):
        return lambda: vote_cast(
            voter=type(voter).objects.get(pk=voter.pk), application=application
        )

    refused, errors = _at_once([vote(a) for a in applications])
    assert errors == []
    assert len(refused) == 7
    assert PublicVote.objects.filter(user=voter).count() == 3
    assert sum(VoteTally.objects.filter(contest=contest).values_list("votes", flat=True)) == 3
    assert VoterBallot.objects.get(user=voter).votes == 3
    assert VoteReceipt.objects.filter(user=voter).count() == 3


@pytest.mark.django_db(transaction=True)
def test_ten_identical_votes_at_once_count_once():
    contest, (first, *_rest) = voting_contest()
    voter = UserFactory()

    def vote():
        vote_cast(voter=type(voter).objects.get(pk=voter.pk), application=first)

    refused, errors = _at_once([vote] * 10)
    assert errors == []
    assert len(refused) == 9
    assert VoteTally.objects.get(pk=first.pk).votes == 1
    assert VoterBallot.objects.get(user=voter).votes == 1
