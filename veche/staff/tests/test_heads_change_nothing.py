"""Heads (governor, head of a municipality) read their territory and change nothing (SPEC §1)."""

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from veche.accounts.tests.factories import UserFactory
from veche.staff.models import Role, RoleAssignment, StaffAuditLog
from veche.staff.services import role_assign, role_revoke

from .factories import RoleAssignmentFactory

HEADS = ["municipal_head", "regional_head"]
CHANGE_PERMS = ["staff.change_municipality", "staff.assign_roles", "staff.manage_agency_staff"]


@pytest.mark.django_db
@pytest.mark.parametrize("name", HEADS)
def test_heads_hold_no_change_permission(persona, world, name):
    head = persona(name)
    for obj in [world.surgut, world.urai, world.surgut_admin, world.urai_admin, None]:
        for perm in CHANGE_PERMS:
            assert not head.has_perm(perm, obj), (perm, obj)
    moderator = RoleAssignmentFactory(role=Role.MODERATOR, municipality=world.surgut)
    assert not head.has_perm("staff.revoke_roleassignment", moderator)


@pytest.mark.django_db
@pytest.mark.parametrize("name", HEADS)
@pytest.mark.parametrize(
    ("role", "scope"),
    [
        (Role.MODERATOR, "surgut"),
        (Role.MUNICIPAL_ADMIN, "surgut"),
        (Role.OFFICIAL, "surgut_admin"),
        (Role.REGIONAL_HEAD, None),
    ],
)
def test_heads_cannot_assign(persona, world, name, role, scope):
    head = persona(name)
    target = getattr(world, scope) if scope else None
    place = {"agency": target} if scope == "surgut_admin" else {"municipality": target}
    with pytest.raises(PermissionDenied):
        role_assign(actor=head, user=UserFactory(), role=role, **place)
    assert not StaffAuditLog.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize("name", HEADS)
def test_heads_cannot_revoke(persona, world, name):
    moderator = RoleAssignmentFactory(role=Role.MODERATOR, municipality=world.surgut)
    with pytest.raises(PermissionDenied):
        role_revoke(actor=persona(name), assignment=moderator)
    assert RoleAssignment.objects.filter(pk=moderator.pk).exists()


@pytest.mark.django_db
@pytest.mark.parametrize("name", HEADS)
def test_heads_posting_forms_get_403(login_as, world, name):
    newcomer = UserFactory()
    client, _head = login_as(name)
    data = {"email": newcomer.email, "role": Role.MODERATOR}
    assert (
        client.post(reverse("staff:municipality_staff", args=["surgut"]), data).status_code == 403
    )
    data["role"] = Role.OFFICIAL
    assert (
        client.post(reverse("staff:agency", args=[world.surgut_admin.pk]), data).status_code == 403
    )
    assert not RoleAssignment.objects.filter(user=newcomer).exists()
