"""Public voting (issue 13, point 3): who votes, the ballot styles, withdrawal, receipts, paper
votes at voting points; every refusal leaves nothing changed."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation

from veche.accounts.tests.factories import UnconfirmedUserFactory, UserFactory
from veche.budgeting import stages
from veche.budgeting.models import PublicVote, VoterBallot, VoteReceipt, VoteTally
from veche.budgeting.selectors_voting import voting_results
from veche.budgeting.services.voting import (
    Trace,
    ballot_submit,
    keyed_hash,
    paper_vote_enter,
    participants_recount,
    receipt_status,
    vote_cast,
    vote_withdraw,
)
from veche.budgeting.tests.factories import voting_contest

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english():
    """The messages are matched in English; their Russian is checked by the translations test."""
    with translation.override("en"):
        yield


def snapshot(contest):
    return (
        list(
            VoteTally.objects.filter(contest=contest).order_by("pk").values_list("votes", flat=True)
        ),
        PublicVote.objects.count(),
        list(VoterBallot.objects.values_list("votes", "spent")),
        VoteReceipt.objects.count(),
    )


def counts(applications):
    return [VoteTally.objects.get(pk=a.pk).votes for a in applications]


def test_a_vote_is_counted_once_with_a_receipt():
    contest, (first, second, _third) = voting_contest()
    voter = UserFactory()
    receipt = vote_cast(voter=voter, application=first)
    assert counts([first, second]) == [1, 0]
    assert "counted" in receipt_status(contest=contest, code=receipt.code.lower())
    before = snapshot(contest)
    with pytest.raises(ValidationError, match="already voted"):
        vote_cast(voter=voter, application=first)
    assert snapshot(contest) == before


def test_the_receipt_says_nothing_of_the_project_and_says_withdrawn():
    contest, (first, *_rest) = voting_contest()
    voter = UserFactory()
    receipt = vote_cast(voter=voter, application=first)
    vote_withdraw(voter=voter, application=first)
    status = receipt_status(contest=contest, code=receipt.code)
    assert "withdrawn" in status
    assert first.title not in status
    assert counts([first]) == [0]
    assert VoterBallot.objects.get(user=voter).votes == 0
    assert "No vote" in receipt_status(contest=contest, code="AAAA-BBBB-CCCC")


@pytest.mark.parametrize(
    "who",
    ["anonymous", "unconfirmed"],
)
def test_only_residents_with_a_confirmed_email_vote(who):
    from django.contrib.auth.models import AnonymousUser

    contest, (first, *_rest) = voting_contest()
    voter = AnonymousUser() if who == "anonymous" else UnconfirmedUserFactory()
    with pytest.raises(PermissionDenied):
        vote_cast(voter=voter, application=first)
    assert counts([first]) == [0]


def test_verified_only_and_residence_only_when_configured():
    contest, (first, *_rest) = voting_contest(verified_only=True, residents_only=True)
    contest.municipality = first.municipality
    contest.save()
    stranger = UserFactory(verified_at=timezone.now())
    with pytest.raises(PermissionDenied, match="municipality"):
        vote_cast(voter=stranger, application=first)
    unverified = UserFactory(settlement=first.author.settlement)
    with pytest.raises(PermissionDenied, match="verified"):
        vote_cast(voter=unverified, application=first)
    local = UserFactory(settlement=first.author.settlement, verified_at=timezone.now())
    vote_cast(voter=local, application=first)
    assert counts([first]) == [1]


@pytest.mark.parametrize("stage", [stages.APPLICATIONS, stages.RESULTS])
def test_no_vote_outside_the_voting_stage(stage):
    contest, (first, *_rest) = voting_contest(stage=stage)
    with pytest.raises(PermissionDenied, match="stage"):
        vote_cast(voter=UserFactory(), application=first)
    assert counts([first]) == [0]


def test_a_vote_after_closing_says_voting_is_over():
    contest, (first, *_rest) = voting_contest(stage=stages.RESULTS)
    with pytest.raises(PermissionDenied, match="is over"):
        vote_cast(voter=UserFactory(), application=first)


def test_a_vote_beyond_the_cap_is_refused_with_a_message():
    contest, applications = voting_contest(projects=(1, 2, 3, 4), max_choices=3)
    voter = UserFactory()
    for application in applications[:3]:
        vote_cast(voter=voter, application=application)
    before = snapshot(contest)
    with pytest.raises(ValidationError, match="the most this ballot allows"):
        vote_cast(voter=voter, application=applications[3])
    assert snapshot(contest) == before
    vote_withdraw(voter=voter, application=applications[0])
    vote_cast(voter=voter, application=applications[3])
    assert counts(applications) == [0, 1, 1, 1]


def test_knapsack_over_the_budget_is_refused_with_a_message():
    contest, (a, b, c) = voting_contest(
        projects=(400, 500, 200), ballot_style="knapsack", budget=Decimal(1000)
    )
    voter = UserFactory()
    vote_cast(voter=voter, application=a)
    vote_cast(voter=voter, application=b)
    before = snapshot(contest)
    with pytest.raises(ValidationError, match="exceed the budget"):
        vote_cast(voter=voter, application=c)
    assert snapshot(contest) == before
    with pytest.raises(ValidationError, match="more than the budget"):
        ballot_submit(voter=UserFactory(), contest=contest, chosen=[a.pk, b.pk, c.pk])
    assert snapshot(contest) == before


def test_a_ballot_submits_as_a_whole_within_min_and_max():
    contest, apps = voting_contest(projects=(1, 2, 3, 4), min_choices=2, max_choices=3)
    voter = UserFactory()
    with pytest.raises(ValidationError, match="at least 2"):
        vote_cast(voter=voter, application=apps[0])
    with pytest.raises(ValidationError, match="at least 2"):
        ballot_submit(voter=voter, contest=contest, chosen=[apps[0].pk])
    with pytest.raises(ValidationError, match="at most 3"):
        ballot_submit(voter=voter, contest=contest, chosen=[a.pk for a in apps])
    assert PublicVote.objects.count() == 0
    ballot_submit(voter=voter, contest=contest, chosen=[apps[0].pk, apps[1].pk, apps[2].pk])
    ballot_submit(voter=voter, contest=contest, chosen=[apps[1].pk, apps[3].pk])
    assert counts(apps) == [0, 1, 0, 1]
    assert VoterBallot.objects.get(user=voter).votes == 2
    assert VoteReceipt.objects.filter(user=voter, withdrawn_at__isnull=False).count() == 2


def test_withdrawal_only_where_the_terms_allow_it():
    contest, (first, *_rest) = voting_contest(withdrawal_allowed=False)
    voter = UserFactory()
    vote_cast(voter=voter, application=first)
    with pytest.raises(PermissionDenied, match="cannot be withdrawn"):
        vote_withdraw(voter=voter, application=first)
    assert counts([first]) == [1]


def test_networks_and_devices_are_kept_only_as_keyed_hashes():
    contest, (first, *_rest) = voting_contest()
    voter = UserFactory()
    vote_cast(voter=voter, application=first, trace=Trace(network="10.0.0.7", device="dev-1"))
    ballot = VoterBallot.objects.get(user=voter)
    assert ballot.network_hash == keyed_hash("10.0.0.7") != "10.0.0.7"
    assert "10.0.0.7" not in ballot.network_hash and len(ballot.network_hash) == 64


def test_paper_votes_share_the_one_vote_check_and_count_per_point(world):
    from veche.staff.models import Role
    from veche.staff.tests.factories import RoleAssignmentFactory
    from veche.voting.models import VotingPoint, VotingPointMember

    contest, (first, second, _third) = voting_contest()
    municipality = first.municipality
    operator = RoleAssignmentFactory(role=Role.OPERATOR, municipality=municipality).user
    point = VotingPoint.objects.create(
        title="МФЦ", address="ул. Мира, 1", municipality=municipality
    )
    VotingPointMember.objects.create(point=point, user=operator)
    resident = UserFactory()
    vote_cast(voter=resident, application=first)
    receipts = paper_vote_enter(
        actor=operator,
        point=point,
        contest=contest,
        chosen=[first.pk, second.pk],
        phone=resident.phone,
    )
    assert [r.application_id for r in receipts] == [second.pk]
    with pytest.raises(ValidationError, match="already voted"):
        paper_vote_enter(
            actor=operator, point=point, contest=contest, chosen=[second.pk], phone=resident.phone
        )
    results = voting_results(contest)
    assert (results.online, results.paper, results.participants) == (1, 1, 1)
    assert [(p.voting_point, p.votes) for p in results.points] == [(point, 1)]
    stranger = UserFactory()
    with pytest.raises(PermissionDenied):
        paper_vote_enter(
            actor=stranger, point=point, contest=contest, chosen=[first.pk], phone="+79120000001"
        )


def test_an_account_made_just_before_voting_is_flagged_never_dropped():
    from veche.budgeting.selectors_voting import vote_signals

    contest, (first, *_rest) = voting_contest()
    old = UserFactory()
    old.date_joined = timezone.now() - timedelta(days=400)
    old.save()
    fresh = [UserFactory() for _n in range(3)]
    for voter in (old, *fresh):
        vote_cast(voter=voter, application=first, trace=Trace(network="192.0.2.1"))
    signals = vote_signals(contest)
    kinds = sorted(s.kind for s in signals)
    assert kinds.count("fresh_account") == 3
    assert "shared_network" in kinds
    shared = next(s for s in signals if s.kind == "shared_network")
    assert len(shared.accounts) == 4
    assert counts([first]) == [4]


def test_participants_are_kept_as_ballots_fill_and_empty_not_counted_at_read_time():
    contest, (first, second, third) = voting_contest()
    one, two, three = UserFactory(), UserFactory(), UserFactory()
    vote_cast(voter=one, application=first)
    vote_cast(voter=one, application=second)  # a second vote: still one participant
    vote_cast(voter=two, application=first)
    ballot_submit(voter=three, contest=contest, chosen=[second.pk, third.pk])
    ballot_submit(voter=three, contest=contest, chosen=[first.pk])  # changes, stays in
    vote_withdraw(voter=two, application=first)  # his only vote: out
    with pytest.raises(ValidationError, match="already voted"):
        vote_cast(voter=one, application=first)  # refused: counted nothing
    assert VoterBallot.objects.filter(contest=contest, votes__gt=0).count() == 2
    with CaptureQueriesContext(connection) as queries:
        results = voting_results(contest)
    assert results.participants == 2
    assert not [q for q in queries if VoterBallot._meta.db_table in q["sql"]]
    vote_cast(voter=two, application=third)  # back in
    assert voting_results(contest).participants == 3
    assert participants_recount(contest) == 3


def test_taking_part_is_an_event_once_per_ballot_never_the_project_chosen():
    from veche.events.models import Event

    contest, (first, second, _third) = voting_contest()
    voter = UserFactory()
    vote_cast(voter=voter, application=first)
    vote_cast(voter=voter, application=second)
    [joined] = Event.objects.filter(kind="budgeting.ballot_joined")
    assert (joined.subject_type, joined.subject_id) == ("budgeting.contest", str(contest.pk))
    assert str(first.pk) not in str(joined.payload)
    vote_withdraw(voter=voter, application=first)
    assert not Event.objects.filter(kind="budgeting.ballot_left").exists()  # one vote is left
    vote_withdraw(voter=voter, application=second)
    assert Event.objects.filter(kind="budgeting.ballot_left").count() == 1
