"""POST /staff/roles/<id>/revoke/: a moderator of Surgut may be removed by Surgut's municipal admin
or the regional admin; an official of Surgut's administration by its head or the regional admin."""

import pytest
from django.urls import reverse

from veche.staff.models import Role, RoleAssignment, StaffAuditLog

from .conftest import PERSONAS
from .factories import RoleAssignmentFactory
from .helpers import DONE, FORBIDDEN, LOGIN, outcome

MAY_REVOKE = {
    "moderator": {"municipal_admin_surgut", "regional_admin"},
    "official": {"agency_head", "regional_admin"},
}


def target(world, kind: str) -> RoleAssignment:
    if kind == "moderator":
        return RoleAssignmentFactory(role=Role.MODERATOR, municipality=world.surgut)
    return RoleAssignmentFactory(role=Role.OFFICIAL, municipality=None, agency=world.surgut_admin)


@pytest.mark.django_db
@pytest.mark.parametrize("kind", ["moderator", "official"])
@pytest.mark.parametrize("name", PERSONAS)
def test_revoke_matrix(login_as, world, name, kind):
    assignment = target(world, kind)
    client, _user = login_as(name)
    response = client.post(reverse("staff:role_revoke", args=[assignment.pk]))
    if name == "guest":
        assert outcome(response) == LOGIN
    else:
        assert outcome(response) == (DONE if name in MAY_REVOKE[kind] else FORBIDDEN)
    gone = not RoleAssignment.objects.filter(pk=assignment.pk).exists()
    assert gone is (name in MAY_REVOKE[kind])
    assert StaffAuditLog.objects.filter(action="staff.role_revoke").exists() is gone


@pytest.mark.django_db
def test_revoke_returns_to_the_page_it_came_from(login_as, world):
    assignment = target(world, "moderator")
    client, _user = login_as("municipal_admin_surgut")
    back = reverse("staff:municipality_staff", args=["surgut"])
    response = client.post(reverse("staff:role_revoke", args=[assignment.pk]), {"next": back})
    assert response["Location"] == back


@pytest.mark.django_db
def test_revoke_ignores_a_foreign_next(login_as, world):
    assignment = target(world, "moderator")
    client, _user = login_as("municipal_admin_surgut")
    response = client.post(
        reverse("staff:role_revoke", args=[assignment.pk]), {"next": "https://evil.example/"}
    )
    assert response["Location"] == reverse("staff:dashboard")


@pytest.mark.django_db
def test_revoke_by_get_is_not_allowed(login_as, world):
    assignment = target(world, "moderator")
    client, _user = login_as("regional_admin")
    assert client.get(reverse("staff:role_revoke", args=[assignment.pk])).status_code == 405
    assert RoleAssignment.objects.filter(pk=assignment.pk).exists()
