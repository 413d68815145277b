"""Winners (issue 13, point 4): the budget filled in rank order with a skip, ties by the
contest's rule, the Method of Equal Shares; on the three demo contests ranked by votes alone
pabutools (a test dependency) computes the same, and the Pabulib file passes pabulib-checker."""

from datetime import UTC, datetime
from decimal import Decimal

import pytest

from veche.budgeting.winners import Ranked, equal_shares, greedy, order


def ranked(pk, cost, votes, minute):
    return Ranked(
        application=pk,
        title=f"P{pk}",
        cost=Decimal(cost),
        score=Decimal(votes),
        votes=votes,
        submitted_at=datetime(2026, 5, 1, 10, minute, tzinfo=UTC),
    )


def test_a_budget_that_forces_a_skip_and_a_tie_gives_the_documented_result():
    # Budget 1000. A (500 rub., 9 votes); B and C tie at 7 votes: C was submitted earlier;
    # C (400) fits, B (300) then no longer fits (100 left) and is skipped; D (100, 2) fits.
    rows = [ranked(1, 500, 9, 5), ranked(2, 300, 7, 3), ranked(3, 400, 7, 1), ranked(4, 100, 2, 9)]
    decisions = greedy(order(rows, tie_rule="earlier"), budget=Decimal(1000))
    assert [(d.application, d.won) for d in decisions] == [
        (1, True),
        (3, True),
        (2, False),
        (4, True),
    ]
    assert decisions[2].reason.startswith("Skipped")
    assert decisions[2].params == {"rank": 3, "left": "100.00", "cost": "300.00"}


def test_ties_by_more_votes_and_by_a_recorded_draw():
    rows = [ranked(1, 10, 5, 1), ranked(2, 10, 5, 2), ranked(3, 10, 5, 3)]
    by_votes = [r.application for r in order(rows, tie_rule="votes")]
    assert by_votes == [1, 2, 3]  # equal votes too: the earlier submission
    first = [r.application for r in order(rows, tie_rule="draw", seed="abc")]
    again = [r.application for r in order(rows, tie_rule="draw", seed="abc")]
    assert first == again  # the same seed redraws the same
    assert {
        tuple(r.application for r in order(rows, tie_rule="draw", seed=s)) for s in "abcdefgh"
    } != {tuple(first)}


def test_equal_shares_buys_what_its_supporters_can_pay():
    # Budget 300, three voters with 100 each. X (200) is wanted by voters 0 and 1, Y (200) by
    # voter 2 only, Z (100) by voter 2. X is bought (each pays 100), then Z; Y is unaffordable.
    rows = [ranked(1, 200, 2, 1), ranked(2, 200, 1, 2), ranked(3, 100, 1, 3)]
    decisions = equal_shares(rows, ballots=[{1}, {1}, {2, 3}], budget=Decimal(300))
    assert {d.application: d.won for d in decisions} == {1: True, 2: False, 3: True}


@pytest.mark.django_db
@pytest.mark.parametrize("index", [0, 1, 2])
def test_the_demo_contests_equal_pabutools_and_pass_the_checker(index):
    pabutools = pytest.importorskip("pabutools")
    from pabulib.checker import Checker
    from pabutools.election import Cost_Sat
    from pabutools.election.pabulib import parse_pabulib_from_string
    from pabutools.rules import greedy_utilitarian_welfare, method_of_equal_shares
    from pabutools.tiebreaking import TieBreakingRule

    from veche.budgeting.demo_voting import PAST_CONTESTS, _past_contest, demo_voters
    from veche.budgeting.pabulib import pabulib_lines
    from veche.budgeting.services.results import decide
    from veche.territory.tests.factories import MunicipalityFactory

    spec = PAST_CONTESTS[index]
    MunicipalityFactory(name=spec["municipality"])
    contest = _past_contest(spec, demo_voters(spec["voters"]))
    text = "\n".join(pabulib_lines(contest))
    instance, profile = parse_pabulib_from_string(text)
    by_id = TieBreakingRule(lambda inst, prof, project: int(project.name))
    theirs_greedy = greedy_utilitarian_welfare(
        instance, profile, sat_class=Cost_Sat, tie_breaking=by_id
    )
    theirs_mes = method_of_equal_shares(instance, profile, sat_class=Cost_Sat, tie_breaking=by_id)
    terms = contest.voting_terms
    mine = {}
    for method in ("greedy", "equal_shares"):
        terms.winner_method = method
        terms.save()
        decisions, _seed = decide(contest)
        mine[method] = {str(d.application) for d in decisions if d.won}
    assert mine["greedy"] == {p.name for p in theirs_greedy}
    assert mine["equal_shares"] == {p.name for p in theirs_mes}
    assert mine["greedy"] and mine["equal_shares"]

    checked = Checker().process_files([text])
    assert checked["summary"] == {}, checked
    assert pabutools


@pytest.mark.django_db
def test_a_contest_ranked_by_the_commission_fills_its_budget_by_weighted_totals(world):
    from veche.budgeting.models import Ranking, VoteTally, VotingTerms
    from veche.budgeting.services.results import decide
    from veche.budgeting.tests.commission_helpers import score_everything, scoring_contest

    setup = scoring_contest(world)  # three projects of 1,000,000 ₽; totals rise with the number
    score_everything(world, setup)
    first, second, third = setup.applications
    contest = setup.contest
    contest.budget = Decimal(2_000_000)
    contest.save(update_fields=["budget"])
    VotingTerms.objects.create(contest=contest, ranking=Ranking.SCORE)
    for application, votes in ((first, 90), (second, 5), (third, 1)):  # the vote says otherwise
        VoteTally.objects.create(
            application=application,
            contest=contest,
            municipality=application.municipality,
            cost=application.cost,
            votes=votes,
        )
    decisions, _seed = decide(contest)
    assert [(d.application, d.won) for d in decisions] == [
        (third.pk, True),
        (second.pk, True),
        (first.pk, False),
    ]


@pytest.mark.django_db
def test_the_result_makes_winners_and_not_selected_and_an_override_moves_one(world):
    from veche.budgeting import stages
    from veche.budgeting.models import Application
    from veche.budgeting.services.results import result_override, results_compute
    from veche.budgeting.tests.factories import voting_contest

    # Budget 1000: 600 and 300 fit in rank order, 500 is skipped (the 600 left 400).
    contest, (big, middle, small) = voting_contest(
        projects=(600, 500, 300), budget=1000, stage=stages.RESULTS
    )
    for application, votes in ((big, 3), (middle, 2), (small, 1)):
        application.vote_tally.votes = votes
        application.vote_tally.save(update_fields=["votes"])
    from veche.staff.models import Role
    from veche.staff.tests.factories import RegionWideRoleFactory

    organizer = RegionWideRoleFactory(role=Role.REGIONAL_ADMIN).user
    results_compute(user=organizer, contest=contest)
    results_compute(user=organizer, contest=contest)  # again: nothing changes twice

    def status(application):
        return Application.objects.get(pk=application.pk).status

    assert [status(a) for a in (big, middle, small)] == ["winner", "not_selected", "winner"]
    assert big.timeline.filter(status="winner").count() == 1
    result_override(user=organizer, contest=contest, application=middle, won=True, reason="Спонсор")
    assert status(middle) == "winner"
    assert middle.timeline.filter(status="winner").count() == 1
