"""/staff/municipalities/<slug>/: the municipality's admin and head, the regional admin and the
governor read it; nobody else, and a municipal admin of Surgut gets 403 on Urai."""

import pytest
from django.urls import reverse
from django.utils import timezone

from veche.accounts.tests.factories import UserFactory

from .conftest import PERSONAS
from .helpers import FORBIDDEN, LOGIN, OK, outcome

READERS = {
    "surgut": {"municipal_admin_surgut", "municipal_head", "regional_head", "regional_admin"},
    "urai": {"municipal_admin_urai", "regional_head", "regional_admin"},
}


def expected(name: str, slug: str) -> str:
    if name == "guest":
        return LOGIN
    return OK if name in READERS[slug] else FORBIDDEN


@pytest.mark.django_db
@pytest.mark.parametrize("slug", ["surgut", "urai"])
@pytest.mark.parametrize("name", PERSONAS)
def test_municipality_page_matrix(login_as, name, slug):
    client, _user = login_as(name)
    response = client.get(reverse("staff:municipality", args=[slug]))
    assert outcome(response) == expected(name, slug)


@pytest.mark.django_db
def test_page_shows_settlements_residents_agencies_and_staff(login_as, world):
    UserFactory.create_batch(3, settlement=world.surgut_home)
    UserFactory(settlement=world.urai_home)  # counted in Urai, not here
    client, admin = login_as("municipal_admin_surgut")
    response = client.get(reverse("staff:municipality", args=["surgut"]))
    assert response.status_code == 200
    settlements = {s.name: s.residents_count for s in response.context["settlements"]}
    assert settlements == {"Сургут": 4}  # three residents and the admin himself
    assert list(response.context["agencies"]) == [world.surgut_admin]
    page = response.content.decode()
    assert "Администрация города Сургута" in page
    assert "Администрация города Урай" not in page
    assert admin.email in page


@pytest.mark.django_db
def test_deleted_and_blocked_residents_are_not_counted(login_as, world):
    UserFactory(settlement=world.surgut_home, deleted_at=timezone.now())
    UserFactory(settlement=world.surgut_home, is_active=False)
    client, _user = login_as("regional_admin")
    response = client.get(reverse("staff:municipality", args=["surgut"]))
    assert {s.name: s.residents_count for s in response.context["settlements"]} == {"Сургут": 1}


@pytest.mark.django_db
def test_unknown_municipality_is_404(login_as):
    client, _user = login_as("regional_admin")
    assert client.get(reverse("staff:municipality", args=["atlantis"])).status_code == 404


@pytest.mark.django_db
def test_heads_see_no_change_links_admins_do(login_as):
    client, _user = login_as("municipal_head")
    page = client.get(reverse("staff:municipality", args=["surgut"])).content.decode()
    assert "Назначить и снять роли" not in page
    client, _user = login_as("municipal_admin_surgut")
    page = client.get(reverse("staff:municipality", args=["surgut"])).content.decode()
    assert "Назначить и снять роли" in page
