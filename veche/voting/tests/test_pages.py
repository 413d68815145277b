"""The staff pages: who opens them, forms that call the services (errors on the form, never a
500), rate limits, and a list whose query count does not grow with its rows."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from veche.staff.models import StaffAuditLog
from veche.voting.models import VotingPoint, VotingPointMember
from veche.voting.tests.factories import VotingPointFactory, VotingPointMemberFactory
from veche.voting.tests.helpers import snapshot


@pytest.fixture(autouse=True)
def _fresh_limits():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def login(client, persona):
    def as_(name: str):
        user = persona(name)
        client.force_login(user)
        return user

    return as_


@pytest.mark.parametrize(
    ("name", "status"),
    [("resident", 403), ("operator_surgut", 403), ("municipal_head_surgut", 403),
     ("municipal_admin_surgut", 200), ("regional_admin", 200)],
)  # fmt: skip
def test_who_opens_the_list(client, login, name, status):
    login(name)
    assert client.get("/voting/points/").status_code == status


def test_a_guest_is_sent_to_log_in(client, world):
    response = client.get("/voting/points/")
    assert response.status_code == 302 and "login" in response["Location"]


def test_the_list_shows_my_territory_only(client, login, world):
    VotingPointFactory(municipality=world.urai, title="Выставка в Урае")
    login("municipal_admin_surgut")
    html = client.get("/voting/points/").content.decode()
    assert "МФЦ Сургута" in html and "Выставка в Урае" not in html
    assert 'href="/voting/points/new/"' in html


def test_the_list_costs_the_same_for_one_and_for_ten_points(client, login, world):
    login("regional_admin")
    client.get("/voting/points/")
    with CaptureQueriesContext(connection) as one:
        client.get("/voting/points/")
    for _ in range(9):
        point = VotingPointFactory(municipality=world.khm)
        VotingPointMemberFactory(point=point)
    with CaptureQueriesContext(connection) as ten:
        assert client.get("/voting/points/").content.decode().count("<tr>") == 11
    assert len(ten) == len(one)


def test_create_a_point(client, login, world):
    login("municipal_admin_surgut")
    page = client.get("/voting/points/new/").content.decode()
    assert "Урай" not in page  # only his own municipality is offered
    response = client.post(
        "/voting/points/new/",
        {"municipality": world.surgut.pk, "title": "Выставка", "address": "ул. Мира, 1",
         "is_active": "on"},
    )  # fmt: skip
    point = VotingPoint.objects.get(title="Выставка")
    assert (
        response.status_code == 302
        and response["Location"] == f"/voting/points/{point.pk}/members/"
    )
    assert point.is_active and StaffAuditLog.objects.filter(action="voting.point_create").exists()


def test_create_in_another_municipality_is_an_error_on_the_form(client, login, world):
    login("municipal_admin_surgut")
    before = snapshot()
    response = client.post(
        "/voting/points/new/", {"municipality": world.urai.pk, "title": "x", "address": "y"}
    )
    assert response.status_code == 200 and 'class="error-summary"' in response.content.decode()
    assert snapshot() == before


def test_a_taken_title_is_shown_on_the_title_field(client, login, world):
    login("municipal_admin_surgut")
    before = snapshot()
    response = client.post(
        "/voting/points/new/",
        {"municipality": world.surgut.pk, "title": "МФЦ Сургута", "address": "y"},
    )
    assert response.status_code == 200
    assert response.context["form"].errors["title"]
    assert snapshot() == before


def test_edit_a_point(client, login, world):
    login("municipal_admin_surgut")
    assert client.get(f"/voting/points/{world.point.pk}/").status_code == 200
    response = client.post(
        f"/voting/points/{world.point.pk}/",
        {"title": "МФЦ Сургута", "address": "ул. Гагарина, 4"},  # is_active unticked: closed
    )
    assert response.status_code == 302
    world.point.refresh_from_db()
    assert world.point.address == "ул. Гагарина, 4" and not world.point.is_active


def test_an_admin_of_another_municipality_cannot_open_a_surgut_point(client, login, world):
    login("municipal_admin_urai")
    assert client.get(f"/voting/points/{world.point.pk}/").status_code == 403
    assert client.get(f"/voting/points/{world.point.pk}/members/").status_code == 403


def test_grant_and_revoke_an_operator(client, login, world, persona):
    login("municipal_admin_surgut")
    operator = persona("operator_surgut")
    url = f"/voting/points/{world.point.pk}/members/"
    response = client.post(url, {"email": operator.email})
    assert response.status_code == 302
    assert VotingPointMember.objects.filter(point=world.point, user=operator).exists()
    assert operator.get_full_name() in client.get(url).content.decode()
    response = client.post(f"{url}{operator.pk}/revoke/")
    assert response.status_code == 302
    assert not VotingPointMember.objects.exists()
    assert client.get(f"{url}{operator.pk}/revoke/").status_code == 405


def test_granting_a_non_operator_shows_why_on_the_form(client, login, world, persona):
    login("municipal_admin_surgut")
    resident = persona("resident")
    before = snapshot()
    response = client.post(f"/voting/points/{world.point.pk}/members/", {"email": resident.email})
    assert response.status_code == 200
    assert response.context["form"].errors["email"]
    assert snapshot() == before


def test_an_unknown_email_is_an_error_on_the_form(client, login, world):
    login("municipal_admin_surgut")
    response = client.post(f"/voting/points/{world.point.pk}/members/", {"email": "nobody@x.org"})
    assert response.status_code == 200 and response.context["form"].errors["email"]


def test_writes_are_rate_limited(client, login, world, persona, settings):
    settings.RATE_LIMIT_VOTING_POINTS = "1/600"
    login("municipal_admin_surgut")
    first, second = persona("operator_surgut"), persona("operator_surgut")
    url = f"/voting/points/{world.point.pk}/members/"
    assert client.post(url, {"email": first.email}).status_code == 302
    response = client.post(url, {"email": second.email})
    assert response.status_code == 200
    assert "мин" in response.content.decode()
    assert VotingPointMember.objects.count() == 1
