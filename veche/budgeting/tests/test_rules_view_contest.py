"""`budgeting.view_contest` and `budgeting.manage_contest`: a published contest is public; a
draft is seen only by its organizers (an admin of Surgut never sees Urai's drafts)."""

import pytest

from veche.budgeting.tests.factories import ContestFactory, DraftContestFactory

PEOPLE = [
    "anonymous",
    "resident",
    "surgut_admin",
    "urai_admin",
    "surgut_moderator",
    "regional_admin",
]

# (contest, person) → may view, may manage
EXPECTED = {
    "surgut_draft": {
        "anonymous": (False, False),
        "resident": (False, False),
        "surgut_admin": (True, True),
        "urai_admin": (False, False),
        "surgut_moderator": (False, False),
        "regional_admin": (True, True),
    },
    "urai_draft": {
        "anonymous": (False, False),
        "resident": (False, False),
        "surgut_admin": (False, False),
        "urai_admin": (True, True),
        "surgut_moderator": (False, False),
        "regional_admin": (True, True),
    },
    "regional_draft": {
        "anonymous": (False, False),
        "resident": (False, False),
        "surgut_admin": (False, False),
        "urai_admin": (False, False),
        "surgut_moderator": (False, False),
        "regional_admin": (True, True),
    },
    "surgut_published": {
        "anonymous": (True, False),
        "resident": (True, False),
        "surgut_admin": (True, True),
        "urai_admin": (True, False),
        "surgut_moderator": (True, False),
        "regional_admin": (True, True),
    },
}


def _contests(world):
    return {
        "surgut_draft": DraftContestFactory(municipality=world.surgut),
        "urai_draft": DraftContestFactory(municipality=world.urai),
        "regional_draft": DraftContestFactory(municipality=None),
        "surgut_published": ContestFactory(municipality=world.surgut),
    }


def _person(world, name):
    from django.contrib.auth.models import AnonymousUser

    return AnonymousUser() if name == "anonymous" else getattr(world, name)


@pytest.mark.parametrize("contest_name", EXPECTED.keys())
@pytest.mark.parametrize("person", PEOPLE)
def test_view_and_manage_matrix(world, contest_name, person):
    contest = _contests(world)[contest_name]
    user = _person(world, person)
    may_view, may_manage = EXPECTED[contest_name][person]
    assert user.has_perm("budgeting.view_contest", contest) is may_view
    assert user.has_perm("budgeting.manage_contest", contest) is may_manage


def test_only_admins_organize_contests(world):
    assert world.surgut_admin.has_perm("budgeting.organize_contests")
    assert world.regional_admin.has_perm("budgeting.organize_contests")
    assert not world.resident.has_perm("budgeting.organize_contests")
    assert not world.surgut_moderator.has_perm("budgeting.organize_contests")
