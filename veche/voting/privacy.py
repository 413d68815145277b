"""The voting app's part in a person's data export and account deletion (registered with
veche.accounts.privacy from VotingConfig.ready())."""

from veche.accounts.privacy import json_value

from .models import VotingPoint, VotingPointMember


def memberships_section(user) -> list[dict]:
    """The voting points where the person enters paper ballots."""
    memberships = VotingPointMember.objects.filter(user=user).select_related("point__municipality")
    return [
        {
            "point": member.point.title,
            "address": member.point.address,
            "municipality": member.point.municipality.name,
            "since": json_value(member.granted_at),
        }
        for member in memberships.order_by("pk")
    ]


def memberships_hook(user) -> None:
    """A deleted account staffs no point; the points and memberships he created or granted stay,
    without his name (the staff audit log keeps who did what)."""
    VotingPointMember.objects.filter(user=user).delete()
    VotingPointMember.objects.filter(granted_by=user).update(granted_by=None)
    VotingPoint.objects.filter(created_by=user).update(created_by=None)
