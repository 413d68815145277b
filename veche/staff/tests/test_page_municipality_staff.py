"""/staff/municipalities/<slug>/staff/: who reads the staff list, who may assign roles there.

Readers: the municipality's admin and head, the governor, the regional admin. Writers: the
municipality's admin and the regional admin only; heads read and change nothing.
"""

import pytest
from django.urls import reverse

from veche.accounts.tests.factories import UserFactory
from veche.staff.models import Role, RoleAssignment, StaffAuditLog

from .conftest import PERSONAS
from .factories import RoleAssignmentFactory
from .helpers import DONE, FORBIDDEN, LOGIN, OK, outcome

READERS = {"municipal_admin_surgut", "municipal_head", "regional_head", "regional_admin"}
WRITERS = {"municipal_admin_surgut", "regional_admin"}
URL = reverse("staff:municipality_staff", args=["surgut"])


def expected(name: str, allowed: set[str], success: str) -> str:
    if name == "guest":
        return LOGIN
    return success if name in allowed else FORBIDDEN


@pytest.mark.django_db
@pytest.mark.parametrize("name", PERSONAS)
def test_get_matrix(login_as, name):
    client, _user = login_as(name)
    assert outcome(client.get(URL)) == expected(name, READERS, OK)


@pytest.mark.django_db
@pytest.mark.parametrize("name", PERSONAS)
def test_post_assign_moderator_matrix(login_as, world, name):
    newcomer = UserFactory(settlement=world.surgut_home)
    client, _user = login_as(name)
    response = client.post(URL, {"email": newcomer.email, "role": Role.MODERATOR})
    assert outcome(response) == expected(name, WRITERS, DONE)
    made = RoleAssignment.objects.filter(
        user=newcomer, role=Role.MODERATOR, municipality=world.surgut
    )
    assert made.exists() is (name in WRITERS)
    assert StaffAuditLog.objects.filter(action="staff.role_assign").count() == made.count()


@pytest.mark.django_db
@pytest.mark.parametrize("name", ["municipal_admin_surgut", "regional_admin"])
def test_urai_staff_form_refuses_surgut_admin(login_as, world, name):
    newcomer = UserFactory(settlement=world.urai_home)
    client, _user = login_as(name)
    url = reverse("staff:municipality_staff", args=["urai"])
    response = client.post(url, {"email": newcomer.email, "role": Role.MODERATOR})
    assert outcome(response) == {"municipal_admin_surgut": FORBIDDEN, "regional_admin": DONE}[name]


@pytest.mark.django_db
def test_municipal_admin_is_offered_only_operator_moderator_expert(login_as):
    client, _user = login_as("municipal_admin_surgut")
    form = client.get(URL).context["form"]
    offered = {value for value, _label in form.fields["role"].choices}
    assert offered == {Role.OPERATOR, Role.MODERATOR, Role.EXPERT}


@pytest.mark.django_db
def test_regional_admin_is_offered_municipal_admin_and_head_too(login_as):
    client, _user = login_as("regional_admin")
    form = client.get(URL).context["form"]
    offered = {value for value, _label in form.fields["role"].choices}
    assert {Role.MUNICIPAL_ADMIN, Role.MUNICIPAL_HEAD} <= offered


@pytest.mark.django_db
@pytest.mark.parametrize("role", [Role.MUNICIPAL_ADMIN, Role.REGIONAL_ADMIN, Role.MUNICIPAL_HEAD])
def test_municipal_admin_cannot_post_a_role_above_his_grant(login_as, world, role):
    newcomer = UserFactory(settlement=world.surgut_home)
    client, _user = login_as("municipal_admin_surgut")
    response = client.post(URL, {"email": newcomer.email, "role": role})
    assert response.status_code == 200
    assert "Выберите корректный вариант" in response.content.decode()
    assert not RoleAssignment.objects.filter(user=newcomer).exists()
    assert not StaffAuditLog.objects.exists()


@pytest.mark.django_db
def test_unknown_email_is_refused_in_russian(login_as):
    client, _user = login_as("municipal_admin_surgut")
    response = client.post(URL, {"email": "nobody@example.org", "role": Role.MODERATOR})
    assert response.status_code == 200
    assert "С этим адресом никто не зарегистрирован." in response.content.decode()
    assert RoleAssignment.objects.filter(role=Role.MODERATOR).count() == 0


@pytest.mark.django_db
def test_duplicate_role_is_refused_in_russian(login_as, world):
    newcomer = UserFactory(settlement=world.surgut_home)
    client, _user = login_as("municipal_admin_surgut")
    client.post(URL, {"email": newcomer.email, "role": Role.EXPERT})
    response = client.post(URL, {"email": newcomer.email.upper(), "role": Role.EXPERT})
    assert response.status_code == 200
    assert "уже выполняет эту роль" in response.content.decode()
    assert RoleAssignment.objects.filter(user=newcomer).count() == 1
    assert StaffAuditLog.objects.count() == 1


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("name", "may_change"),
    [("municipal_head", False), ("regional_head", False), ("municipal_admin_surgut", True)],
)
def test_heads_see_the_list_without_form_or_revoke_buttons(login_as, world, name, may_change):
    moderator = RoleAssignmentFactory(role=Role.MODERATOR, municipality=world.surgut).user
    client, _user = login_as(name)
    page = client.get(URL).content.decode()
    assert moderator.email in page
    assert ("Назначить роль" in page) is may_change
    assert (reverse("staff:role_revoke", args=[moderator.role_assignments.get().pk]) in page) is (
        may_change
    )
