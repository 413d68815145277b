"""The commission's permissions as a matrix: who scores (experts and the chair in the expert
evaluation stage, the jury in its own), who generates, voids and signs the sheet, who sees the
scores; before, during and after the stage."""

from datetime import timedelta

import pytest
import time_machine
from django.contrib.auth.models import AnonymousUser

from veche.accounts.tests.factories import VerifiedUserFactory
from veche.budgeting.models import CommissionMember
from veche.budgeting.tests.commission_helpers import scoring_contest


def _fresh(user):
    for attr in ("_veche_commission_roles", "_veche_reviewed_contests"):
        if hasattr(user, attr):
            delattr(user, attr)
    return user


@pytest.fixture
def people(world):
    setup = scoring_contest(world)
    juror = VerifiedUserFactory()
    CommissionMember.objects.create(contest=setup.contest, user=juror, role="jury")
    return setup, {
        "anonymous": AnonymousUser(),
        "resident": world.resident,
        "expert": setup.expert,
        "chair": setup.chair,
        "jury": juror,
        "organizer": world.surgut_admin,
        "other admin": world.urai_admin,
    }


# perm → who has it while the expert evaluation stage is open
DURING = {
    "budgeting.score_applications": {"expert", "chair"},
    "budgeting.view_scoring": {"expert", "chair", "jury", "organizer"},
    "budgeting.manage_commission": {"organizer"},
    "budgeting.generate_sheet": {"chair", "organizer"},
    "budgeting.void_sheet": {"chair"},
    "budgeting.sign_sheet": {"expert", "chair"},
    "budgeting.view_sheet": {
        "anonymous", "resident", "expert", "chair", "jury", "organizer", "other admin"
    },
}  # fmt: skip


@pytest.mark.parametrize("perm", DURING)
def test_during_the_expert_stage(people, perm):
    setup, who = people
    allowed = {name for name, user in who.items() if _fresh(user).has_perm(perm, setup.contest)}
    assert allowed == DURING[perm]


@pytest.mark.parametrize("moment", ["before", "after"])
def test_nobody_scores_outside_the_stage(people, moment):
    setup, who = people
    stage = setup.contest.stage_of_kind("expert_evaluation")
    # datetimes, not float timestamps: a float may land a microsecond before the stage's end
    when = stage.starts_at - timedelta(minutes=1) if moment == "before" else stage.ends_at
    with time_machine.travel(when, tick=False):
        from django.utils import timezone

        allowed = [
            (name, timezone.now(), setup.contest.current_stage)
            for name, user in who.items()
            if _fresh(user).has_perm("budgeting.score_applications", setup.contest)
        ]
        assert allowed == [], (stage.starts_at, stage.ends_at)


def test_the_jury_scores_in_its_own_stage(people):
    from veche.budgeting.models import ContestStage

    setup, who = people
    last = setup.contest.stage_of_kind("results")
    ContestStage.objects.create(
        contest=setup.contest,
        kind="public_jury",
        position=5,
        starts_at=last.ends_at,
        ends_at=last.ends_at + timedelta(days=5),
    )
    with time_machine.travel(last.ends_at + timedelta(days=1), tick=False):
        allowed = {
            name
            for name, user in who.items()
            if _fresh(user).has_perm("budgeting.score_applications", setup.contest)
        }
    assert allowed == {"jury"}
