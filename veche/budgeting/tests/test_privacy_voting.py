"""Votes in the personal-data export; network and device hashes gone on deletion and after the
keeping period (the daily command)."""

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from veche.accounts.tests.factories import UserFactory
from veche.budgeting.models import VoterBallot
from veche.budgeting.privacy_voting import deletion_hook, export_section
from veche.budgeting.services.voting import Trace, vote_cast
from veche.budgeting.tests.factories import voting_contest

pytestmark = pytest.mark.django_db


def test_the_export_lists_the_votes_and_deletion_forgets_the_hashes():
    contest, (first, *_rest) = voting_contest()
    voter = UserFactory()
    receipt = vote_cast(voter=voter, application=first, trace=Trace(network="198.51.100.1"))
    section = export_section(voter)
    assert section["budget_votes"][0]["receipt"] == receipt.code
    deletion_hook(voter)
    ballot = VoterBallot.objects.get(user=voter)
    assert (ballot.network_hash, ballot.device_hash, ballot.votes) == ("", "", 1)


def test_hashes_older_than_the_keeping_period_are_deleted_by_the_daily_command(settings):
    contest, (first, second, _third) = voting_contest()
    old, recent = UserFactory(), UserFactory()
    vote_cast(voter=old, application=first, trace=Trace(network="198.51.100.1", device="a"))
    vote_cast(voter=recent, application=second, trace=Trace(network="198.51.100.2", device="b"))
    VoterBallot.objects.filter(user=old).update(
        first_voted_at=timezone.now() - timedelta(days=settings.VOTE_SIGNAL_KEEP_DAYS + 1)
    )
    call_command("budgeting_forget_vote_traces")
    assert VoterBallot.objects.get(user=old).network_hash == ""
    assert VoterBallot.objects.get(user=recent).network_hash != ""
