"""`moderation.view_queue`: moderators in any scope and the regional admin open the page; anyone
else only while a source gives him something to moderate."""

from dataclasses import replace

import pytest
from django.contrib.auth.models import AnonymousUser

from veche.moderation.registry import counts, forget_counts
from veche.staff.models import Role
from veche.staff.tests.factories import RegionWideRoleFactory, RoleAssignmentFactory

PERM = "moderation.view_queue"


def person(world, who):
    scoped = {
        "operator": (Role.OPERATOR, world.surgut),
        "expert": (Role.EXPERT, world.surgut),
        "municipal_admin": (Role.MUNICIPAL_ADMIN, world.surgut),
    }
    if who in scoped:
        role, municipality = scoped[who]
        return RoleAssignmentFactory(role=role, municipality=municipality).user
    if who == "regional_admin":
        return RegionWideRoleFactory(role=Role.REGIONAL_ADMIN).user
    return getattr(world, who)


@pytest.mark.parametrize(
    ("who", "allowed"),
    [
        ("resident", False),
        ("official", False),
        ("operator", False),
        ("expert", False),
        ("municipal_admin", False),
        ("moderator", True),
        ("urai_moderator", True),
        ("region_moderator", True),
        ("regional_admin", True),
    ],
)
def test_without_items(world, things, who, allowed):
    assert person(world, who).has_perm(PERM) is allowed


@pytest.mark.parametrize("who", ["resident", "official", "municipal_admin"])
def test_with_items_a_source_gives_him(world, things, who):
    things.extra.append(replace(things.add(world.surgut), id=7))
    assert person(world, who).has_perm(PERM) is True


def test_a_guest_never(db, things):
    assert AnonymousUser().has_perm(PERM) is False


def test_a_blocked_account_never(world, things):
    things.extra.append(replace(things.add(world.surgut), id=7))
    world.moderator.is_active = False
    world.moderator.save()
    assert world.moderator.has_perm(PERM) is False


def test_the_counts_are_read_once_per_request_until_forgotten(world, things):
    assert counts(world.official) == {things.kind: 0}
    things.extra.append(replace(things.add(world.surgut), id=7))
    assert counts(world.official) == {things.kind: 0}
    forget_counts(world.official)
    assert counts(world.official) == {things.kind: 1}
