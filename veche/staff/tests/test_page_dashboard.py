"""/staff/: every holder of a role opens it; residents get 403, guests go to the login page."""

import pytest
from django.urls import reverse

from .conftest import PERSONAS
from .helpers import FORBIDDEN, LOGIN, OK, RESIDENTS, outcome

EXPECTED = {name: OK for name in PERSONAS} | {"guest": LOGIN} | dict.fromkeys(RESIDENTS, FORBIDDEN)


@pytest.mark.django_db
@pytest.mark.parametrize("name", PERSONAS)
def test_dashboard_matrix(login_as, name):
    client, _user = login_as(name)
    assert outcome(client.get(reverse("staff:dashboard"))) == EXPECTED[name]


@pytest.mark.django_db
def test_dashboard_lists_roles_and_links_only_to_what_the_user_may_open(login_as, world):
    client, _user = login_as("municipal_admin_surgut")
    page = client.get(reverse("staff:dashboard")).content.decode()
    assert "Муниципальный администратор" in page
    assert reverse("staff:municipality", args=["surgut"]) in page
    assert reverse("staff:agency", args=[world.surgut_admin.pk]) in page
    assert reverse("staff:municipality", args=["urai"]) not in page
    assert reverse("staff:agency", args=[world.urai_admin.pk]) not in page


@pytest.mark.django_db
def test_official_dashboard_links_to_his_agency_only(login_as, world):
    client, _user = login_as("official_surgut")
    page = client.get(reverse("staff:dashboard")).content.decode()
    assert "Должностное лицо" in page
    assert reverse("staff:agency", args=[world.surgut_admin.pk]) in page
    assert reverse("staff:agency", args=[world.urai_admin.pk]) not in page
    assert reverse("staff:municipality", args=["surgut"]) not in page


@pytest.mark.django_db
def test_regional_head_sees_every_municipality(login_as, world):
    client, _user = login_as("regional_head")
    page = client.get(reverse("staff:dashboard")).content.decode()
    assert reverse("staff:municipality", args=["surgut"]) in page
    assert reverse("staff:municipality", args=["urai"]) in page
