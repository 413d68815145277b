"""Personal data: a person's memberships are in his export; deleting the account removes them
and his name from the points and memberships he created or granted (the points stay)."""

from veche.accounts.privacy import deletion_hooks, export_sections
from veche.voting.models import VotingPoint, VotingPointMember
from veche.voting.tests.factories import VotingPointMemberFactory


def test_memberships_are_in_the_export(world, persona):
    operator = persona("operator_surgut")
    VotingPointMemberFactory(point=world.point, user=operator)
    section = export_sections()["voting_points"](operator)
    assert section == [
        {
            "point": "МФЦ Сургута",
            "address": world.point.address,
            "municipality": "Сургут",
            "since": section[0]["since"],
        }
    ]
    assert section[0]["since"].startswith("20")


def test_deletion_removes_memberships_and_keeps_the_points(world, persona):
    admin, operator = persona("municipal_admin_surgut"), persona("operator_surgut")
    VotingPoint.objects.filter(pk=world.point.pk).update(created_by=admin)
    VotingPointMemberFactory(point=world.point, user=operator, granted_by=admin)
    hook = deletion_hooks()["voting_points"]

    hook(admin)
    member = VotingPointMember.objects.get()
    assert member.granted_by is None and member.user == operator
    assert VotingPoint.objects.get().created_by is None

    hook(operator)
    assert not VotingPointMember.objects.exists()
    assert VotingPoint.objects.count() == 1
