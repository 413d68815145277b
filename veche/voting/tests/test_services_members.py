"""voting_point_member_grant / _revoke: only an operator of the point's municipality is granted,
once; every grant and revoke leaves an audit row; refusals write nothing."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from veche.staff.models import StaffAuditLog
from veche.voting import services
from veche.voting.models import VotingPointMember
from veche.voting.tests.helpers import audit_actions, snapshot


def test_an_operator_is_granted_and_the_audit_says_so(world, persona):
    admin, operator = persona("municipal_admin_surgut"), persona("operator_surgut")
    member = services.voting_point_member_grant(actor=admin, point=world.point, user=operator)
    assert (member.point, member.user, member.granted_by) == (world.point, operator, admin)
    entry = StaffAuditLog.objects.get()
    assert entry.action == "voting.member_grant" and entry.details["user_id"] == operator.pk
    assert operator.has_perm("voting.enter_paper_ballot", world.point)


@pytest.mark.parametrize("name", ["resident", "moderator_surgut", "operator_urai"])
def test_a_non_operator_cannot_be_granted(world, persona, name):
    admin, user = persona("municipal_admin_surgut"), persona(name)
    before = snapshot()
    with pytest.raises(ValidationError) as refused:
        services.voting_point_member_grant(actor=admin, point=world.point, user=user)
    assert "оператор" in " ".join(refused.value.message_dict["user"])
    assert snapshot() == before


def test_a_second_grant_is_refused_clearly(world, persona):
    admin, operator = persona("municipal_admin_surgut"), persona("operator_surgut")
    services.voting_point_member_grant(actor=admin, point=world.point, user=operator)
    before = snapshot()
    with pytest.raises(ValidationError) as refused:
        services.voting_point_member_grant(actor=admin, point=world.point, user=operator)
    assert "уже" in " ".join(refused.value.message_dict["user"])
    assert snapshot() == before


def test_an_admin_of_another_municipality_cannot_grant(world, persona):
    operator, actor = persona("operator_surgut"), persona("municipal_admin_urai")
    before = snapshot()
    with pytest.raises(PermissionDenied):
        services.voting_point_member_grant(actor=actor, point=world.point, user=operator)
    assert snapshot() == before


def test_revoke_removes_the_member_and_is_audited(world, persona):
    admin, operator = persona("regional_admin"), persona("operator_surgut")
    services.voting_point_member_grant(actor=admin, point=world.point, user=operator)
    assert operator.has_perm("voting.enter_paper_ballot", world.point)
    services.voting_point_member_revoke(actor=admin, point=world.point, user=operator)
    assert not VotingPointMember.objects.exists()
    assert not operator.has_perm("voting.enter_paper_ballot", world.point)  # cache forgotten
    assert audit_actions() == ["voting.member_grant", "voting.member_revoke"]


def test_revoking_a_non_member_is_refused(world, persona):
    admin, resident = persona("municipal_admin_surgut"), persona("resident")
    before = snapshot()
    with pytest.raises(ValidationError):
        services.voting_point_member_revoke(actor=admin, point=world.point, user=resident)
    assert snapshot() == before


def test_revoke_by_another_municipality_is_refused(world, persona):
    operator = persona("operator_surgut")
    services.voting_point_member_grant(
        actor=persona("regional_admin"), point=world.point, user=operator
    )
    actor = persona("municipal_admin_urai")
    before = snapshot()
    with pytest.raises(PermissionDenied):
        services.voting_point_member_revoke(actor=actor, point=world.point, user=operator)
    assert snapshot() == before
