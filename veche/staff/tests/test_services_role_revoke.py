"""role_revoke: the same grant rules as assigning, nobody revokes himself, and an audit row."""

import pytest
from django.core.exceptions import PermissionDenied

from veche.staff.models import Role, RoleAssignment, StaffAuditLog
from veche.staff.services import role_revoke

from .factories import RoleAssignmentFactory


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("actor_name", "allowed"),
    [
        ("municipal_admin_surgut", True),
        ("regional_admin", True),
        ("municipal_admin_urai", False),
        ("municipal_head", False),
        ("regional_head", False),
        ("moderator_region", False),
        ("agency_head", False),
    ],
)
def test_revoke_surgut_moderator(persona, world, actor_name, allowed):
    assignment = RoleAssignmentFactory(role=Role.MODERATOR, municipality=world.surgut)
    actor = persona(actor_name)
    if allowed:
        role_revoke(actor=actor, assignment=assignment)
    else:
        with pytest.raises(PermissionDenied, match="Вы не можете снять эту роль"):
            role_revoke(actor=actor, assignment=assignment)
    assert RoleAssignment.objects.filter(pk=assignment.pk).exists() is not allowed
    assert StaffAuditLog.objects.filter(action="staff.role_revoke").exists() is allowed


@pytest.mark.django_db
def test_revoke_writes_who_lost_what(persona, world):
    assignment = RoleAssignmentFactory(role=Role.MODERATOR, municipality=world.surgut)
    actor = persona("municipal_admin_surgut")
    role_revoke(actor=actor, assignment=assignment)
    entry = StaffAuditLog.objects.get()
    assert entry.actor == actor
    assert (entry.target_type, entry.target_id) == ("staff.roleassignment", str(assignment.pk))
    assert entry.details["user_id"] == assignment.user_id
    assert entry.details["role"] == "moderator"


@pytest.mark.django_db
def test_nobody_revokes_his_own_role(persona):
    admin = persona("regional_admin")
    with pytest.raises(PermissionDenied, match="Нельзя снять роль с самого себя"):
        role_revoke(actor=admin, assignment=admin.role_assignments.get())
    assert admin.role_assignments.exists()


@pytest.mark.django_db
def test_revoking_twice_is_harmless(persona, world):
    assignment = RoleAssignmentFactory(role=Role.MODERATOR, municipality=world.surgut)
    actor = persona("regional_admin")
    role_revoke(actor=actor, assignment=assignment)
    role_revoke(actor=actor, assignment=assignment)
    assert StaffAuditLog.objects.count() == 1


@pytest.mark.django_db
def test_revoked_role_stops_working_at_once(persona, world):
    assignment = RoleAssignmentFactory(role=Role.MUNICIPAL_ADMIN, municipality=world.surgut)
    user = assignment.user
    assert user.has_perm("staff.view_municipality", world.surgut)
    role_revoke(actor=persona("regional_admin"), assignment=assignment)
    assert not user.has_perm("staff.view_municipality", world.surgut)
