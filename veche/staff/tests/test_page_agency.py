"""/staff/agencies/<id>/: the agency's own officials and head, moderators, municipal admins and
heads whose territory it serves, the governor and the regional admin read it; only the agency
head and the regional admin add or remove its officials."""

import pytest
from django.urls import reverse

from veche.accounts.tests.factories import UserFactory
from veche.staff.models import Role, RoleAssignment, StaffAuditLog

from .conftest import PERSONAS
from .factories import RoleAssignmentFactory
from .helpers import DONE, FORBIDDEN, LOGIN, OK, outcome

READERS = {
    "moderator_surgut",
    "moderator_region",
    "official_surgut",
    "agency_head",
    "municipal_admin_surgut",
    "municipal_head",
    "regional_head",
    "regional_admin",
}
WRITERS = {"agency_head", "regional_admin"}


def expected(name: str, allowed: set[str], success: str) -> str:
    if name == "guest":
        return LOGIN
    return success if name in allowed else FORBIDDEN


@pytest.mark.django_db
@pytest.mark.parametrize("name", PERSONAS)
def test_surgut_administration_page_matrix(login_as, world, name):
    client, _user = login_as(name)
    response = client.get(reverse("staff:agency", args=[world.surgut_admin.pk]))
    assert outcome(response) == expected(name, READERS, OK)


@pytest.mark.django_db
@pytest.mark.parametrize("name", ["official_surgut", "agency_head", "municipal_admin_surgut"])
def test_surgut_staff_cannot_open_urai_administration(login_as, world, name):
    client, _user = login_as(name)
    response = client.get(reverse("staff:agency", args=[world.urai_admin.pk]))
    assert response.status_code == 403


@pytest.mark.django_db
def test_official_of_other_agency_opens_his_own(login_as, world):
    client, _user = login_as("official_other")
    assert client.get(reverse("staff:agency", args=[world.urai_admin.pk])).status_code == 200


@pytest.mark.django_db
@pytest.mark.parametrize("name", PERSONAS)
def test_add_official_matrix(login_as, world, name):
    newcomer = UserFactory(settlement=world.surgut_home)
    client, _user = login_as(name)
    url = reverse("staff:agency", args=[world.surgut_admin.pk])
    response = client.post(url, {"email": newcomer.email, "role": Role.OFFICIAL})
    assert outcome(response) == expected(name, WRITERS, DONE)
    made = RoleAssignment.objects.filter(
        user=newcomer, role=Role.OFFICIAL, agency=world.surgut_admin
    )
    assert made.exists() is (name in WRITERS)
    assert StaffAuditLog.objects.filter(action="staff.role_assign").count() == made.count()


@pytest.mark.django_db
def test_agency_head_cannot_make_another_agency_head(login_as, world):
    newcomer = UserFactory(settlement=world.surgut_home)
    client, _user = login_as("agency_head")
    url = reverse("staff:agency", args=[world.surgut_admin.pk])
    response = client.post(url, {"email": newcomer.email, "role": Role.AGENCY_HEAD})
    assert response.status_code == 200
    assert not RoleAssignment.objects.filter(user=newcomer).exists()


@pytest.mark.django_db
def test_agency_page_shows_staff_and_territory(login_as, world):
    client, head = login_as("agency_head")
    official = RoleAssignmentFactory(
        role=Role.OFFICIAL, agency=world.surgut_admin, municipality=None
    ).user
    page = client.get(reverse("staff:agency", args=[world.surgut_admin.pk])).content.decode()
    assert head.email in page
    assert official.email in page
    assert "Сургут" in page
    revoke = reverse("staff:role_revoke", args=[official.role_assignments.get().pk])
    assert revoke in page  # the head may remove his official
    assert reverse("staff:role_revoke", args=[head.role_assignments.get().pk]) not in page


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("name", "may_add"),
    [("official_surgut", False), ("municipal_head", False), ("agency_head", True)],
)
def test_only_those_who_may_add_see_the_form(login_as, world, name, may_add):
    client, _user = login_as(name)
    page = client.get(reverse("staff:agency", args=[world.surgut_admin.pk])).content.decode()
    assert ("Добавить сотрудника" in page) is may_add
