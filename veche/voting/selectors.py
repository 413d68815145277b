"""Reads of voting points, each in a constant number of queries."""

from django.db.models import Count, QuerySet

from veche.staff.models import Role
from veche.staff.predicates import is_regional_admin, municipality_scope
from veche.territory.models import Municipality

from .models import VotingPoint, VotingPointMember


def manageable_municipalities(user) -> QuerySet[Municipality]:
    """Municipalities whose voting points the user manages (all of them for the regional
    admin)."""
    if is_regional_admin(user):
        return Municipality.objects.order_by("name")
    scope = municipality_scope(user, Role.MUNICIPAL_ADMIN) or set()
    return Municipality.objects.filter(pk__in=scope).order_by("name")


def points_for(user) -> QuerySet[VotingPoint]:
    """The points of the municipalities the user manages, with their member counts."""
    points = VotingPoint.objects.select_related("municipality").annotate(
        member_count=Count("members")
    )
    if not is_regional_admin(user):
        points = points.filter(municipality__in=manageable_municipalities(user))
    return points.order_by("municipality__name", "title", "pk")


def point_members(point: VotingPoint) -> QuerySet[VotingPointMember]:
    return point.members.select_related("user", "granted_by").order_by("user__last_name", "pk")


def staffed_points(user) -> QuerySet[VotingPoint]:
    """The active points where the user enters paper ballots (a module's paper-ballot page)."""
    return (
        VotingPoint.objects.filter(members__user=user, is_active=True)
        .select_related("municipality")
        .order_by("title", "pk")
    )


def dashboard_section(user) -> dict | None:
    """The staff dashboard's line: the points the user manages (registered in apps.py); for an
    operator, the points where he enters ballots."""
    if user.has_perm("voting.view_votingpoint"):
        return {"managed": points_for(user).filter(is_active=True).count()}
    staffed = list(staffed_points(user))
    return {"staffed": staffed} if staffed else None
