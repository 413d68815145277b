"""Predicates about voting points: who staffs one and who manages it. Roles come from
veche.staff.predicates; the membership is this app's data, so its predicate lives here."""

import rules

from veche.accounts.predicates import is_active_user
from veche.staff.models import Role
from veche.staff.predicates import (
    can_manage_municipality,
    covers_municipality,
    is_municipal_admin,
    is_regional_admin,
)

from .models import VotingPointMember


def staffed_point_ids(user) -> set[int]:
    """Ids of the points the user is a member of, read once per request and kept on the user."""
    if not is_active_user(user):
        return set()
    cached = getattr(user, "_veche_voting_points", None)
    if cached is None:
        cached = set(VotingPointMember.objects.filter(user=user).values_list("point_id", flat=True))
        user._veche_voting_points = cached
    return cached


def forget_points(user) -> None:
    """Drop the per-request cache after the user's memberships changed."""
    if hasattr(user, "_veche_voting_points"):
        del user._veche_voting_points


@rules.predicate
def is_member_of_active_point(user, point) -> bool:
    return point is not None and point.is_active and point.pk in staffed_point_ids(user)


@rules.predicate
def is_operator_for_point(user, point) -> bool:
    """Holds the operator role in the point's municipality (or region-wide)."""
    return point is not None and covers_municipality(user, point.municipality, [Role.OPERATOR])


@rules.predicate
def manages_point(user, point) -> bool:
    """The municipal admin of the point's municipality, or the regional admin."""
    return point is not None and can_manage_municipality(user, point.municipality)


@rules.predicate
def may_create_point_in(user, municipality) -> bool:
    """In this municipality; without one, in some municipality (the «add» button)."""
    if municipality is None:
        return is_regional_admin(user) or is_municipal_admin(user)
    return can_manage_municipality(user, municipality)


may_list_points = is_regional_admin | is_municipal_admin
