"""The permission names as a role × state matrix (STYLE.md, example 7), with the clock frozen
for the edit window."""

from datetime import timedelta

import pytest
import time_machine
from django.contrib.auth.models import AnonymousUser

from veche.comments import services
from veche.comments.kinds import target_of
from veche.comments.models import Comment
from veche.staff.models import Role
from veche.staff.tests.factories import RegionWideRoleFactory

from .conftest import KIND
from .helpers import published, write

PEOPLE = [
    "anonymous",
    "unconfirmed",
    "writer",
    "neighbour",
    "moderator",
    "urai_moderator",
    "region_moderator",
    "regional_admin",
]


def person(world, name):
    if name == "anonymous":
        return AnonymousUser()
    if name == "regional_admin":
        return RegionWideRoleFactory(role=Role.REGIONAL_ADMIN).user
    return getattr(world, name)


def comment_in(world, status: str) -> Comment:
    comment = write(world) if status == "pending" else published(world)
    if status == "hidden":
        for user in (world.neighbour, world.third, world.fourth):
            comment, _created = services.comment_complain(user=user, comment=comment)
    if status == "removed":
        comment = services.comment_remove(
            moderator=world.moderator, comment=comment, reason=world.reason
        )
    assert comment.status == status
    return comment


def allowed(world, perm: str, obj) -> list[str]:
    return [name for name in PEOPLE if person(world, name).has_perm(perm, obj)]


MODERATORS = ["moderator", "region_moderator", "regional_admin"]
EVERYONE_CONFIRMED = ["writer", *PEOPLE[3:]]
RESIDENTS_BUT_WRITER = EVERYONE_CONFIRMED[1:]


@pytest.mark.parametrize(
    "status, likers",
    [
        ("pending", []),
        ("published", RESIDENTS_BUT_WRITER),
        ("hidden", []),
        ("removed", []),
    ],
)
def test_like_and_complain(world, kind, status, likers):
    comment = comment_in(world, status)
    assert allowed(world, "comments.like_comment", comment) == likers
    assert allowed(world, "comments.complain_comment", comment) == likers


@pytest.mark.parametrize("status", ["pending", "published", "hidden", "removed"])
def test_moderate(world, kind, status):
    assert allowed(world, "comments.moderate_comment", comment_in(world, status)) == MODERATORS


@pytest.mark.parametrize(
    "status, minutes, editors",
    [
        ("pending", 0, ["writer"]),
        ("published", 14, ["writer"]),
        ("published", 16, []),
        ("hidden", 0, []),
        ("removed", 0, []),
    ],
)
def test_edit_by_the_author_within_the_window(world, kind, status, minutes, editors):
    comment = comment_in(world, status)
    with time_machine.travel(comment.created_at + timedelta(minutes=minutes), tick=False):
        assert allowed(world, "comments.edit_comment", comment) == editors


def test_post(world, kind):
    target = target_of(KIND, world.report.pk)
    assert allowed(world, "comments.post_comment", target) == EVERYONE_CONFIRMED
    target.item.status = "closed"  # the kind's own rule: no comments on a closed report
    assert allowed(world, "comments.post_comment", target) == []


def test_the_queue_is_for_moderators(world, kind):
    names = [n for n in PEOPLE if person(world, n).has_perm("comments.view_moderation_queue")]
    assert names == ["moderator", "urai_moderator", "region_moderator", "regional_admin"]
