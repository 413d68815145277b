"""A web vote on PostgreSQL is one statement outside any transaction (issue 13: voting at 60 % of
the bare insert, through veche.supports like a report's support): the support, its count, the
ballot, the participants' count, the first vote's event and the receipt, nothing read first.
The statement's checks of the contest agree with `budgeting.vote_in_contest` and `vote_cast`'s
own: wherever they refuse, it writes nothing and the rule says why."""

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation

from veche.accounts.tests.factories import UserFactory
from veche.budgeting import stages
from veche.budgeting.models import (
    Application,
    Contest,
    ParticipantCount,
    PublicVote,
    VoterBallot,
    VoteReceipt,
    VoteTally,
    VotingTerms,
)
from veche.budgeting.rules import terms_of
from veche.budgeting.selectors_voting import application_for_vote
from veche.budgeting.services.voting import Trace, _cast_at_once, keyed_hash, vote_cast
from veche.budgeting.tests.factories import voting_contest
from veche.events.models import Event
from veche.territory.tests.factories import MunicipalityFactory

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="one statement on PostgreSQL"),
]


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


def written(contest) -> tuple:
    return (
        list(VoteTally.objects.filter(contest=contest).order_by("pk").values_list("votes")),
        list(PublicVote.objects.order_by("pk").values_list("tally_id", "user_id")),
        list(VoterBallot.objects.order_by("pk").values_list("user_id", "votes", "spent", "cap")),
        sum(
            ParticipantCount.objects.filter(contest=contest).values_list("participants", flat=True)
        ),
        VoteReceipt.objects.count(),
        Event.objects.filter(kind="budgeting.ballot_joined").count(),
    )


@pytest.mark.django_db(transaction=True)
def test_a_web_vote_is_one_statement_and_writes_everything():
    contest, (first, second, _third) = voting_contest(max_choices=2)
    voter = UserFactory()
    trace = Trace(network="10.0.0.1", device="Firefox")
    with CaptureQueriesContext(connection) as queries:  # the project as a view has it
        receipt = vote_cast(voter=voter, application=first, trace=trace)
    assert len(queries) == 1, [q["sql"][:80] for q in queries]
    assert receipt.pk == VoteReceipt.objects.get(user=voter).pk
    assert (receipt.contest_id, receipt.application_id, receipt.channel) == (
        contest.pk,
        first.pk,
        "web",
    )
    ballot = VoterBallot.objects.get(user=voter)
    assert (ballot.votes, ballot.spent, ballot.cap, ballot.budget) == (1, first.cost, 2, None)
    assert (ballot.network_hash, ballot.device_hash) == (
        keyed_hash("10.0.0.1"),
        keyed_hash("Firefox"),
    )
    joined = Event.objects.get(kind="budgeting.ballot_joined")
    assert (joined.subject_type, joined.subject_id, joined.territory_id) == (
        "budgeting.contest",
        str(contest.pk),
        contest.municipality_id,
    )
    with CaptureQueriesContext(connection) as queries:  # as the API has it: nothing read
        vote_cast(voter=voter, application=Application(pk=second.pk))
    assert len(queries) == 1
    assert written(contest)[:2] == (
        [(1,), (1,), (0,)],
        [(first.pk, voter.pk), (second.pk, voter.pk)],
    )
    assert written(contest)[3:] == (1, 2, 1)  # one participant, one event


def test_beyond_the_cap_the_statement_writes_nothing_and_the_message_says_so():
    contest, (first, second, _third) = voting_contest(max_choices=1)
    voter = UserFactory()
    vote_cast(voter=voter, application=Application(pk=first.pk))
    before = written(contest)
    assert _cast_at_once(voter, second.pk, Trace()) is None
    assert written(contest) == before
    with pytest.raises(ValidationError, match="most this ballot allows"):
        vote_cast(voter=voter, application=Application(pk=second.pk))
    assert written(contest) == before


def test_over_the_budget_the_statement_writes_nothing():
    contest, (first, second, _third) = voting_contest(
        projects=(600, 500, 100), ballot_style="knapsack", budget=1000
    )
    voter = UserFactory()
    vote_cast(voter=voter, application=Application(pk=first.pk))
    before = written(contest)
    with pytest.raises(ValidationError, match="exceed the budget"):
        vote_cast(voter=voter, application=Application(pk=second.pk))
    assert written(contest) == before
    assert VoterBallot.objects.get(user=voter).budget == 1000


def test_an_unknown_project_raises_does_not_exist():
    with pytest.raises(Application.DoesNotExist):
        vote_cast(voter=UserFactory(), application=Application(pk=10**9))


CASES = {
    "open": ({}, {}),
    "verified only, verified": ({"verified_only": True}, {"verified": True}),
    "verified only, not verified": ({"verified_only": True}, {}),
    "residents only, resident": ({"residents_only": True}, {"where": "local"}),
    "residents only, elsewhere": ({"residents_only": True}, {}),
    "residents only, no settlement": ({"residents_only": True}, {"no_settlement": True}),
    "residents only, regional contest": ({"residents_only": True}, {"where": "regional"}),
    "a minimum of two": ({"min_choices": 2}, {}),
    "knapsack, within the budget": ({"ballot_style": "knapsack", "budget": 1000}, {}),
    "knapsack, over the budget": ({"ballot_style": "knapsack", "budget": 50}, {}),
    "draft contest": ({}, {"draft": True}),
    "applications stage": ({}, {"stage": stages.APPLICATIONS}),
    "results stage": ({}, {"stage": stages.RESULTS}),
    "off the ballot": ({}, {"closed": True}),
    "no terms": ({}, {"no_terms": True}),
    "blocked voter": ({}, {"inactive": True}),
}
ADMITTED = {
    "open",
    "verified only, verified",
    "residents only, resident",
    "residents only, regional contest",
    "knapsack, within the budget",
}


@pytest.mark.parametrize("case", CASES)
def test_the_statement_counts_exactly_where_the_rule_admits(case):
    terms, how = CASES[case]
    contest, (project, *_rest) = voting_contest(
        stage=how.get("stage", stages.PUBLIC_VOTING), **terms
    )
    # The contest's municipality: the voter's, none (regional) or another one.
    where = {"local": project.municipality, "regional": None}
    municipality = where[how["where"]] if "where" in how else MunicipalityFactory()
    Contest.objects.filter(pk=contest.pk).update(municipality=municipality)
    if how.get("draft"):
        Contest.objects.filter(pk=contest.pk).update(status=Contest.Status.DRAFT, published_at=None)
    if how.get("closed"):
        VoteTally.objects.filter(pk=project.pk).update(status=VoteTally.Status.CLOSED)
    if how.get("no_terms"):
        VotingTerms.objects.filter(contest=contest).delete()
    voter = UserFactory(
        settlement=None if how.get("no_settlement") else project.author.settlement,
        verified_at=timezone.now() if how.get("verified") else None,
        is_active=not how.get("inactive"),
    )
    admitted = _rule_admits(voter, project.pk)
    assert admitted == (case in ADMITTED)
    counted = _cast_at_once(voter, project.pk, Trace()) is not None
    assert counted == admitted
    assert PublicVote.objects.filter(tally_id=project.pk).count() == int(admitted)
    if not admitted:
        assert VoterBallot.objects.count() == VoteReceipt.objects.count() == 0


def _rule_admits(voter, pk) -> bool:
    """What `vote_cast` asks when it reads: the rule, the project on the ballot, its own checks."""
    application = application_for_vote(pk)
    contest, terms = application.contest, terms_of(application)
    return (
        voter.has_perm("budgeting.vote_in_contest", contest)
        and VoteTally.objects.filter(pk=pk, status=VoteTally.Status.OPEN).exists()
        and terms.min_choices <= 1
        and not (terms.is_knapsack and application.cost > contest.budget)
    )
