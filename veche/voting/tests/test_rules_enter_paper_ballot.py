"""voting.enter_paper_ballot: an operator of the point's municipality who is a member of the
point, while the point is active — nobody else."""

import pytest

from veche.staff.models import RoleAssignment
from veche.voting.tests.factories import VotingPointMemberFactory

PERM = "voting.enter_paper_ballot"


@pytest.mark.parametrize(
    ("name", "member", "allowed"),
    [
        ("guest", False, False),
        ("resident", False, False),
        ("resident", True, False),  # a member row without the role does not count
        ("operator_surgut", False, False),  # the role without the membership does not either
        ("operator_surgut", True, True),
        ("operator_region", True, True),
        ("operator_urai", True, False),  # an operator of another municipality
        ("moderator_surgut", True, False),
        ("municipal_admin_surgut", False, False),  # the manager grants, he does not enter
        ("regional_admin", False, False),
    ],
)
def test_who_enters_paper_ballots(world, persona, name, member, allowed):
    user = persona(name)
    if member:
        VotingPointMemberFactory(point=world.point, user=user)
    assert user.has_perm(PERM, world.point) is allowed


def test_not_at_a_closed_point(world, persona):
    operator = persona("operator_surgut")
    VotingPointMemberFactory(point=world.point, user=operator)
    world.point.is_active = False
    assert not operator.has_perm(PERM, world.point)


def test_not_at_another_point(world, persona):
    from veche.voting.tests.factories import VotingPointFactory

    operator = persona("operator_surgut")
    VotingPointMemberFactory(point=world.point, user=operator)
    elsewhere = VotingPointFactory(municipality=world.surgut)
    assert not operator.has_perm(PERM, elsewhere)


def test_not_once_the_operator_role_is_gone(world, persona):
    operator = persona("operator_surgut")
    VotingPointMemberFactory(point=world.point, user=operator)
    RoleAssignment.objects.filter(user=operator).delete()
    operator.refresh_from_db()
    assert not operator.has_perm(PERM, world.point)


def test_not_with_a_blocked_account(world, persona):
    operator = persona("operator_surgut")
    VotingPointMemberFactory(point=world.point, user=operator)
    operator.is_active = False
    assert not operator.has_perm(PERM, world.point)
