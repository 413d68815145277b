"""Back office: roles go through the services (audit rows); the audit log is read-only."""

import pytest
from django.urls import reverse

from veche.accounts.tests.factories import UserFactory
from veche.agencies.tests.factories import MunicipalAdministrationFactory
from veche.staff.models import Role, RoleAssignment, StaffAuditLog

from .factories import RoleAssignmentFactory, StaffAuditLogFactory


@pytest.fixture
def admin_client(client, world):
    superuser = UserFactory(is_staff=True, is_superuser=True, settlement=world.surgut_home)
    client.force_login(superuser)
    client.user = superuser
    return client


@pytest.mark.django_db
def test_adding_a_role_in_the_admin_writes_an_audit_row(admin_client, world):
    newcomer = UserFactory()
    response = admin_client.post(
        reverse("admin:staff_roleassignment_add"),
        {"user": newcomer.pk, "role": Role.MODERATOR, "municipality": world.surgut.pk},
    )
    assert response.status_code == 302
    assignment = RoleAssignment.objects.get(user=newcomer)
    entry = StaffAuditLog.objects.get()
    assert (entry.actor, entry.action) == (admin_client.user, "staff.role_assign")
    assert entry.target_id == str(assignment.pk)


@pytest.mark.django_db
def test_admin_refuses_an_official_without_agency_in_russian(admin_client):
    newcomer = UserFactory()
    response = admin_client.post(
        reverse("admin:staff_roleassignment_add"), {"user": newcomer.pk, "role": Role.OFFICIAL}
    )
    assert response.status_code == 200
    assert "нужно указать ведомство" in response.content.decode()
    assert not RoleAssignment.objects.filter(user=newcomer).exists()


@pytest.mark.django_db
def test_deleting_a_role_in_the_admin_writes_an_audit_row(admin_client, world):
    assignment = RoleAssignmentFactory(municipality=world.surgut)
    url = reverse("admin:staff_roleassignment_delete", args=[assignment.pk])
    assert admin_client.post(url, {"post": "yes"}).status_code == 302
    assert not RoleAssignment.objects.filter(pk=assignment.pk).exists()
    assert StaffAuditLog.objects.get().action == "staff.role_revoke"


@pytest.mark.django_db
def test_an_assignment_cannot_be_edited_in_place(admin_client, world):
    assignment = RoleAssignmentFactory(municipality=world.surgut)
    url = reverse("admin:staff_roleassignment_change", args=[assignment.pk])
    admin_client.post(url, {"user": assignment.user_id, "role": Role.MUNICIPAL_ADMIN})
    assignment.refresh_from_db()
    assert assignment.role == Role.MODERATOR


@pytest.mark.django_db
def test_audit_log_is_read_only_and_in_russian(admin_client):
    entry = StaffAuditLogFactory(action="staff.role_assign", target_repr="Модератор · Сургут")
    changelist = admin_client.get(reverse("admin:staff_staffauditlog_changelist"))
    assert changelist.status_code == 200
    assert "Журнал действий сотрудников" in changelist.content.decode()
    assert admin_client.get(reverse("admin:staff_staffauditlog_add")).status_code == 403
    delete = reverse("admin:staff_staffauditlog_delete", args=[entry.pk])
    assert admin_client.post(delete, {"post": "yes"}).status_code == 403
    change = reverse("admin:staff_staffauditlog_change", args=[entry.pk])
    admin_client.post(change, {"action": "forged"})
    entry.refresh_from_db()
    assert entry.action == "staff.role_assign"


@pytest.mark.django_db
def test_the_agency_admin_page_lists_its_staff_read_only(admin_client):
    agency = MunicipalAdministrationFactory()
    official = UserFactory(last_name="Иванова", first_name="Анна")
    RoleAssignment.objects.create(user=official, role=Role.OFFICIAL, agency=agency)
    page = admin_client.get(f"/admin/agencies/agency/{agency.pk}/change/").content.decode()
    assert "Иванова" in page
    assert official.email in page
    assert "Сотрудники" in page
    assert 'name="role_assignments-0-role"' not in page  # read-only, not a form field
