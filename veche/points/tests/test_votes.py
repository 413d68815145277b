"""Points for votes in budgeting contests and on infrastructure objects, read from the events
those apps record; taken back when the vote is withdrawn."""

import pytest

from veche.accounts.tests.factories import UserFactory
from veche.budgeting.services.voting import vote_cast, vote_withdraw
from veche.budgeting.tests.factories import voting_contest

from .factories import balance, happen, process

pytestmark = pytest.mark.django_db


def test_a_budgeting_ballot_earns_once_per_contest_and_is_taken_back_when_emptied():
    _contest, (first, second, _third) = voting_contest()
    voter = UserFactory()
    vote_cast(voter=voter, application=first)
    vote_cast(voter=voter, application=second)
    process()
    assert balance(voter) == 3
    vote_withdraw(voter=voter, application=first)
    process()
    assert balance(voter) == 3  # still takes part
    vote_withdraw(voter=voter, application=second)
    process()
    assert balance(voter) == 0


def test_an_object_vote_earns_and_its_withdrawal_takes_it_back():
    anna = UserFactory()
    happen("infrastructure.facility_voted", ("infrastructure.facility", "7"), anna, count=1)
    process()
    assert balance(anna) == 1
    happen("infrastructure.vote_withdrawn", ("infrastructure.facility", "7"), anna, count=0)
    process()
    assert balance(anna) == 0
