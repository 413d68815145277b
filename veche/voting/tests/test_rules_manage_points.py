"""Managing voting points: the municipal admin of the point's municipality or the regional
admin — never an official of another municipality, a head, an operator or a resident."""

import pytest

ROLES = [
    ("guest", False),
    ("resident", False),
    ("operator_surgut", False),
    ("moderator_surgut", False),
    ("municipal_head_surgut", False),
    ("regional_head", False),
    ("municipal_admin_urai", False),
    ("municipal_admin_surgut", True),
    ("regional_admin", True),
]


@pytest.mark.parametrize(("name", "allowed"), ROLES)
def test_who_creates_a_point_in_surgut(world, persona, name, allowed):
    assert persona(name).has_perm("voting.add_votingpoint", world.surgut) is allowed


@pytest.mark.parametrize("perm", ["voting.change_votingpoint", "voting.manage_votingpoint_members"])
@pytest.mark.parametrize(("name", "allowed"), ROLES)
def test_who_changes_a_surgut_point_and_its_staff(world, persona, perm, name, allowed):
    assert persona(name).has_perm(perm, world.point) is allowed


@pytest.mark.parametrize(
    ("name", "allowed"),
    [
        ("guest", False),
        ("resident", False),
        ("operator_surgut", False),
        ("municipal_head_surgut", False),
        ("municipal_admin_urai", True),  # his own municipality's points
        ("municipal_admin_surgut", True),
        ("regional_admin", True),
    ],
)
def test_who_opens_the_list_and_the_add_button(world, persona, name, allowed):
    user = persona(name)
    assert user.has_perm("voting.view_votingpoint") is allowed
    assert user.has_perm("voting.add_votingpoint") is allowed
