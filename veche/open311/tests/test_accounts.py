"""Open311's accounts are made by the accounts app's services and its operator role is granted by
the staff service, so the staff audit log shows every grant."""

import pytest

from veche.accounts.models import User
from veche.open311.services import integration_key_create, resident_for_contact
from veche.staff.models import Role, RoleAssignment, StaffAuditLog
from veche.staff.services import ROLE_ASSIGN

pytestmark = pytest.mark.django_db


def test_a_new_key_grants_the_region_wide_operator_role_with_an_audit_row():
    token, _key = integration_key_create(name="Городское приложение")
    (assignment,) = RoleAssignment.objects.filter(user=token.user)
    assert (assignment.role, assignment.municipality, assignment.agency) == (
        Role.OPERATOR,
        None,
        None,
    )
    (entry,) = StaffAuditLog.objects.filter(action=ROLE_ASSIGN)
    assert entry.actor is None
    assert entry.target_id == str(assignment.pk)
    assert entry.details["by"] == "server"
    assert entry.details["user_id"] == token.user.pk


def test_a_second_key_of_the_same_client_reuses_its_account_and_role():
    first, _ = integration_key_create(name="Городское приложение")
    second, _ = integration_key_create(name="Городское приложение")
    assert second.user == first.user
    assert RoleAssignment.objects.filter(user=first.user).count() == 1
    assert StaffAuditLog.objects.filter(action=ROLE_ASSIGN).count() == 1


def test_a_resident_named_by_a_client_gets_a_claimable_unconfirmed_account():
    resident = resident_for_contact(email="Petr@Mail.ru", first_name="Пётр")
    assert resident == User.objects.get(email="petr@mail.ru")
    assert resident.email_confirmed_at is None and resident.has_usable_password()
    assert resident_for_contact(email="petr@mail.ru") == resident
