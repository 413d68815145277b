"""The expert commission: memberships granted by the organizer (audited), assignments all to
all or by groups, conflicts of interest, scores up to each criterion's maximum."""

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from veche.accounts.tests.factories import UserFactory
from veche.budgeting import scoring
from veche.budgeting.models import Assignment, CommissionMember, Score
from veche.budgeting.services import commission
from veche.budgeting.services.commission import ScoreIn
from veche.budgeting.tests.commission_helpers import (
    assignment_of,
    score_everything,
    scoring_contest,
)
from veche.staff.models import StaffAuditLog


def _scores():
    return sorted(Score.objects.values_list("assignment_id", "criterion_id", "value"))


def test_the_organizer_seats_members_and_it_is_audited(world):
    setup = scoring_contest(world)
    assert set(setup.contest.commission.values_list("role", flat=True)) == {"chair", "expert"}
    assert StaffAuditLog.objects.filter(action="budgeting.commission_add").count() == 2
    # all to all: two members × three applications
    assert Assignment.objects.filter(member__contest=setup.contest).count() == 6


def test_only_the_organizer_seats_members(world):
    setup = scoring_contest(world)
    for outsider in (world.urai_admin, setup.expert, world.resident):
        with pytest.raises(PermissionDenied):
            commission.member_add(
                user=outsider, contest=setup.contest, person=UserFactory(), role="expert"
            )


def test_one_chair_and_one_seat_per_person(world):
    setup = scoring_contest(world)
    with pytest.raises(ValidationError) as refused:
        commission.member_add(
            user=world.surgut_admin, contest=setup.contest, person=UserFactory(), role="chair"
        )
    assert "role" in refused.value.message_dict
    with pytest.raises(ValidationError):
        commission.member_add(
            user=world.surgut_admin, contest=setup.contest, person=setup.expert, role="jury"
        )


def test_assignment_by_groups(world):
    setup = scoring_contest(world)
    late = UserFactory()
    member = commission.member_add(
        user=world.surgut_admin, contest=setup.contest, person=late, role="expert"
    )
    made = commission.assign(
        user=world.surgut_admin,
        contest=setup.contest,
        members=[member],
        applications=setup.applications[:2],
    )
    assert made == 2
    assert set(Assignment.objects.filter(member=member).values_list("application", flat=True)) == {
        a.pk for a in setup.applications[:2]
    }
    # again: nothing new
    assert commission.assign(user=world.surgut_admin, contest=setup.contest) == 1


def test_an_expert_scores_each_criterion_with_a_comment(world):
    setup = scoring_contest(world)
    application = setup.applications[0]
    commission.scores_save(
        user=setup.expert,
        assignment=assignment_of(setup.expert, application),
        scores=[
            ScoreIn(setup.criteria.social.pk, "7,5", "Двор нужен сорока семьям"),
            ScoreIn(setup.criteria.quality.pk, "5", ""),
        ],
    )
    saved = Score.objects.get(criterion=setup.criteria.social)
    assert saved.value == Decimal("7.5")
    assert saved.comment == "Двор нужен сорока семьям"


def test_a_score_above_the_maximum_is_refused_and_nothing_is_saved(world):
    setup = scoring_contest(world)
    with pytest.raises(ValidationError) as refused:
        commission.scores_save(
            user=setup.expert,
            assignment=assignment_of(setup.expert, setup.applications[0]),
            scores=[
                ScoreIn(setup.criteria.social.pk, "8", ""),
                ScoreIn(setup.criteria.quality.pk, "5.5", ""),
            ],
        )
    assert refused.value.message_dict == {
        f"score-{setup.criteria.quality.pk}": ["Проработанность: от 0 до 5."]
    }
    assert _scores() == []


@pytest.mark.parametrize("value", ["-1", "abc", "1.234", "NaN"])
def test_bad_scores_are_refused(world, value):
    setup = scoring_contest(world)
    with pytest.raises(ValidationError):
        commission.scores_save(
            user=setup.expert,
            assignment=assignment_of(setup.expert, setup.applications[0]),
            scores=[ScoreIn(setup.criteria.social.pk, value, "")],
        )
    assert _scores() == []


def test_a_computed_criterion_is_not_scored_by_hand(world):
    setup = scoring_contest(world)
    with pytest.raises(ValidationError):
        commission.scores_save(
            user=setup.expert,
            assignment=assignment_of(setup.expert, setup.applications[0]),
            scores=[ScoreIn(setup.criteria.share.pk, "1", "")],
        )


def test_an_expert_with_a_declared_conflict_cannot_score_that_application(world):
    setup = scoring_contest(world)
    application = setup.applications[0]
    assignment = assignment_of(setup.expert, application)
    commission.scores_save(
        user=setup.expert, assignment=assignment, scores=[ScoreIn(setup.criteria.social.pk, "3")]
    )
    commission.conflict_declare(
        user=setup.expert, assignment=assignment, note="Автор заявки — мой брат"
    )
    assert _scores() == []  # what he had scored is withdrawn
    with pytest.raises(PermissionDenied, match="конфликт"):
        commission.scores_save(
            user=setup.expert,
            assignment=assignment,
            scores=[ScoreIn(setup.criteria.social.pk, "9")],
        )
    assert _scores() == []
    # the other applications stay his to score
    commission.scores_save(
        user=setup.expert,
        assignment=assignment_of(setup.expert, setup.applications[1]),
        scores=[ScoreIn(setup.criteria.social.pk, "9")],
    )


def test_a_conflict_needs_a_note(world):
    setup = scoring_contest(world)
    with pytest.raises(ValidationError):
        commission.conflict_declare(
            user=setup.expert,
            assignment=assignment_of(setup.expert, setup.applications[0]),
            note="  ",
        )


def test_nobody_scores_another_members_assignment(world):
    setup = scoring_contest(world)
    with pytest.raises(PermissionDenied):
        commission.scores_save(
            user=setup.chair,
            assignment=assignment_of(setup.expert, setup.applications[0]),
            scores=[ScoreIn(setup.criteria.social.pk, "3")],
        )


def test_scoring_is_closed_outside_the_expert_stage(world):
    import time_machine

    setup = scoring_contest(world)
    stage = setup.contest.stage_of_kind("expert_evaluation")
    with time_machine.travel(stage.ends_at, tick=False):
        with pytest.raises(PermissionDenied):
            commission.scores_save(
                user=setup.expert,
                assignment=assignment_of(setup.expert, setup.applications[0]),
                scores=[ScoreIn(setup.criteria.social.pk, "3")],
            )


def test_the_table_fills_computed_criteria_and_weights_the_total(world):
    setup = scoring_contest(world)
    score_everything(world, setup)
    table = scoring.score_table(setup.contest)
    assert table.missing == []
    by_app = {row.application.pk: row for row in table.rows}
    last = by_app[setup.applications[2].pk]  # social 6 from both, share 15 % (the best)
    assert last.scores[setup.criteria.social.pk] == Decimal("6.00")
    assert last.scores[setup.criteria.share.pk] == Decimal("5.00")
    assert last.total == Decimal("2") * 6 + Decimal("3.5") + 5
    first = by_app[setup.applications[0].pk]  # share 5 % of the best 15 %
    assert first.scores[setup.criteria.share.pk] == Decimal("1.67")
    assert [row.rank for row in table.rows] == [1, 2, 3]
    assert table.rows[0].application == setup.applications[2]
    assert scoring.application_scores(setup.contest)[last.application.pk][1] == last.total


def test_the_votes_criterion_reads_the_registered_counter(world):
    from veche.budgeting.models import Criterion

    setup = scoring_contest(world)
    votes = Criterion.objects.create(
        contest=setup.contest,
        title="Голоса",
        max_score=10,
        source="vote",
        formula="votes_relative",
        position=4,
    )
    assert scoring.score_table(setup.contest).rows[0].scores[votes.pk] == 0
    scoring.register_vote_counter(lambda contest: {setup.applications[0].pk: 40})
    try:
        rows = {r.application.pk: r for r in scoring.score_table(setup.contest).rows}
        assert rows[setup.applications[0].pk].scores[votes.pk] == Decimal("10.00")
    finally:
        scoring._vote_counter.clear()


def test_a_member_who_scored_stays(world):
    setup = scoring_contest(world)
    score_everything(world, setup)
    member = CommissionMember.objects.get(user=setup.expert)
    with pytest.raises(ValidationError):
        commission.member_remove(user=world.surgut_admin, member=member)


def test_the_table_takes_a_constant_number_of_queries(world):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def count(setup) -> int:
        fresh = type(setup.contest).objects.get(pk=setup.contest.pk)
        with CaptureQueriesContext(connection) as queries:
            scoring.score_table(fresh)
        return len(queries)

    small = scoring_contest(world, applications=1)
    big = scoring_contest(world, applications=4)
    score_everything(world, big)
    assert count(small) == count(big) <= 6


def test_the_public_jury_takes_verified_residents(world):
    from veche.accounts.tests.factories import VerifiedUserFactory

    setup = scoring_contest(world)
    with pytest.raises(ValidationError) as refused:
        commission.member_add(
            user=world.surgut_admin, contest=setup.contest, person=UserFactory(), role="jury"
        )
    assert "email" in refused.value.message_dict
    juror = VerifiedUserFactory()
    commission.member_add(user=world.surgut_admin, contest=setup.contest, person=juror, role="jury")
    assert CommissionMember.objects.get(user=juror).role == "jury"


def test_the_votes_criterion_reads_the_public_votes_tallies(world):
    from veche.budgeting.models import Criterion, VoteTally

    setup = scoring_contest(world, applications=2)
    votes = Criterion.objects.create(
        contest=setup.contest,
        title="Голоса",
        max_score=10,
        source="vote",
        formula="votes_relative",
        position=4,
    )
    first, second = setup.applications
    for application, count in ((first, 30), (second, 60)):
        VoteTally.objects.create(
            contest=setup.contest,
            application=application,
            municipality=application.municipality,
            cost=application.cost,
            votes=count,
        )
    rows = {r.application.pk: r for r in scoring.score_table(setup.contest).rows}
    assert rows[first.pk].scores[votes.pk] == Decimal("5.00")
    assert rows[second.pk].scores[votes.pk] == Decimal("10.00")


def flagged_resident():
    """A verified resident whose first vote, in another contest, came minutes after he
    registered: the fresh-account signal names him."""
    from veche.accounts.tests.factories import VerifiedUserFactory
    from veche.budgeting.services.voting import vote_cast
    from veche.budgeting.tests.factories import voting_contest

    resident = VerifiedUserFactory()
    _other, (project, *_rest) = voting_contest()
    vote_cast(voter=resident, application=project)
    return resident


def test_a_juror_named_in_signals_is_seated_only_once_the_organizer_has_checked_them(world):
    from veche.accounts.tests.factories import VerifiedUserFactory
    from veche.staff.models import StaffAuditLog

    setup = scoring_contest(world)
    suspect = flagged_resident()
    with pytest.raises(ValidationError) as refused:
        commission.member_add(
            user=world.surgut_admin, contest=setup.contest, person=suspect, role="jury"
        )
    assert "signals_checked" in refused.value.message_dict
    assert not CommissionMember.objects.filter(user=suspect).exists()
    commission.member_add(
        user=world.surgut_admin,
        contest=setup.contest,
        person=suspect,
        role="jury",
        signals_checked=True,
    )
    entry = StaffAuditLog.objects.filter(action="budgeting.commission_add").latest("pk")
    assert entry.details["signals_checked"] is True
    clean = VerifiedUserFactory()  # no signals: no check asked
    commission.member_add(user=world.surgut_admin, contest=setup.contest, person=clean, role="jury")
    assert CommissionMember.objects.filter(role="jury").count() == 2
