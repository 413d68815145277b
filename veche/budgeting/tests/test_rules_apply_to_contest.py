"""`budgeting.apply_to_contest` follows the applications stage by date, and `stage_refusal`
says why outside it (before, after, no such stage)."""

from datetime import timedelta

import pytest
import time_machine
from django.contrib.auth.models import AnonymousUser
from django.utils import timezone

from veche.budgeting import stages
from veche.budgeting.rules import stage_refusal
from veche.budgeting.tests.factories import (
    ContestFactory,
    DraftContestFactory,
    add_stages,
)


@pytest.fixture
def contest(world):
    """Applications open in 10 days for 10 days, then the technical review for 10."""
    made = ContestFactory(municipality=world.surgut, stage="")
    add_stages(
        made,
        (stages.APPLICATIONS, stages.TECHNICAL_REVIEW),
        start=timezone.now() + timedelta(days=10),
    )
    return made


@pytest.mark.parametrize(
    ("days", "person", "allowed"),
    [
        (0, "resident", False),  # before
        (15, "resident", True),  # during
        (15, "unconfirmed", False),  # an unconfirmed e-mail takes no part
        (15, "anonymous", False),
        (15, "surgut_admin", True),  # staff are residents too
        (25, "resident", False),  # during the technical review: applications are closed
        (40, "resident", False),  # after everything
    ],
)
def test_apply_follows_the_calendar(world, contest, days, person, allowed):
    user = AnonymousUser() if person == "anonymous" else getattr(world, person)
    with time_machine.travel(timezone.now() + timedelta(days=days), tick=False):
        assert user.has_perm("budgeting.apply_to_contest", contest) is allowed


def test_a_draft_takes_no_applications_even_in_its_stage(world):
    draft = DraftContestFactory(municipality=world.surgut)
    assert draft.current_stage.kind == stages.APPLICATIONS
    assert not world.resident.has_perm("budgeting.apply_to_contest", draft)


def test_the_refusal_says_when_the_stage_opens_or_ended(world, contest):
    before = stage_refusal(contest, stages.APPLICATIONS)
    assert "откроется" in before and "продлится до" in before
    with time_machine.travel(timezone.now() + timedelta(days=15), tick=False):
        assert stage_refusal(contest, stages.APPLICATIONS) == ""
    with time_machine.travel(timezone.now() + timedelta(days=25), tick=False):
        assert "завершён" in stage_refusal(contest, stages.APPLICATIONS)
    assert "нет этапа «народное голосование»" in stage_refusal(contest, stages.PUBLIC_VOTING)


def test_the_current_stage_is_read_by_date(world, contest):
    assert contest.current_stage is None
    with time_machine.travel(timezone.now() + timedelta(days=25), tick=False):
        assert contest.current_stage.kind == stages.TECHNICAL_REVIEW
    with time_machine.travel(timezone.now() + timedelta(days=30, seconds=1), tick=False):
        assert contest.current_stage is None
