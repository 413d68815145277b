"""Agencies in the Django admin: territory served, messages in Russian (their staff: staff app)."""

import pytest

from veche.agencies.models import Agency
from veche.agencies.tests.factories import AgencyFactory, MunicipalAdministrationFactory
from veche.territory.tests.factories import MunicipalityFactory, RegionFactory

pytestmark = pytest.mark.django_db


def form_data(region, **overrides) -> dict:
    data = {
        "region": region.pk,
        "kind": "utility",
        "name": "Урайские электрические сети",
        "short_name": "",
        "is_active": "on",
        "email": "",
        "phone": "",
        "address": "",
        "role_assignments-TOTAL_FORMS": "0",
        "role_assignments-INITIAL_FORMS": "0",
    }
    return {**data, **overrides}


def test_an_administration_saved_in_the_admin_serves_its_municipality(admin_client):
    uray = MunicipalityFactory(name="Урай")
    response = admin_client.post(
        "/admin/agencies/agency/add/",
        form_data(
            uray.region,
            kind="municipal_administration",
            name="Администрация города Урай",
            administers=uray.pk,
        ),
    )
    assert response.status_code == 302
    agency = Agency.objects.get(name="Администрация города Урай")
    assert list(agency.municipalities.all()) == [uray]


def test_a_second_administration_is_refused_in_russian(admin_client):
    existing = MunicipalAdministrationFactory()
    response = admin_client.post(
        "/admin/agencies/agency/add/",
        form_data(
            existing.region,
            kind="municipal_administration",
            name="Вторая администрация",
            administers=existing.administers.pk,
        ),
    )
    assert response.status_code == 200
    assert "У муниципалитета уже есть действующая администрация." in response.content.decode()
    assert not Agency.objects.filter(name="Вторая администрация").exists()


def test_a_utility_naming_a_municipality_it_heads_is_refused_in_russian(admin_client):
    uray = MunicipalityFactory()
    response = admin_client.post(
        "/admin/agencies/agency/add/", form_data(uray.region, administers=uray.pk)
    )
    assert response.status_code == 200
    assert "Только администрация муниципалитета указывает" in response.content.decode()


def test_serving_a_municipality_of_another_region_is_refused_in_russian(admin_client):
    region = RegionFactory()
    response = admin_client.post(
        "/admin/agencies/agency/add/",
        form_data(region, municipalities=[MunicipalityFactory().pk]),
    )
    assert response.status_code == 200
    assert "Все обслуживаемые муниципалитеты должны находиться в регионе ведомства." in (
        response.content.decode()
    )
    assert not Agency.objects.exists()


def test_the_list_filters_by_kind_and_searches(admin_client):
    AgencyFactory(name="Департамент культуры")
    AgencyFactory(name="Водоканал", kind="utility")
    page = admin_client.get(
        "/admin/agencies/agency/", {"kind__exact": "utility", "q": "Водо"}
    ).content.decode()
    assert "Водоканал" in page and "Департамент культуры" not in page
    assert "Ведомства" in page


@pytest.fixture
def service_calls(monkeypatch):
    """Record each call of the agencies' services (they still run)."""
    from veche.agencies import services

    calls = []
    for name in ("agency_create", "agency_update"):
        original = getattr(services, name)

        def spy(*args, _original=original, _name=name, **kwargs):
            calls.append(_name)
            return _original(*args, **kwargs)

        monkeypatch.setattr(services, name, spy)
    return calls


def test_adding_an_agency_in_the_admin_goes_through_agency_create(admin_client, service_calls):
    uray = MunicipalityFactory(name="Урай")
    response = admin_client.post(
        "/admin/agencies/agency/add/",
        form_data(uray.region, municipalities=[uray.pk], is_active=""),
    )
    assert response.status_code == 302
    assert service_calls == ["agency_create"]
    agency = Agency.objects.get(name="Урайские электрические сети")
    assert list(agency.municipalities.all()) == [uray]
    assert agency.is_active is False


def test_changing_an_agency_in_the_admin_goes_through_agency_update(admin_client, service_calls):
    administration = MunicipalAdministrationFactory()
    uray = administration.administers
    response = admin_client.post(
        f"/admin/agencies/agency/{administration.pk}/change/",
        form_data(
            administration.region,
            kind="municipal_administration",
            name="Администрация города",
            administers=uray.pk,
            municipalities=[],  # unticked: the service keeps the municipality it heads
        ),
    )
    assert response.status_code == 302, response.context["adminform"].form.errors
    assert service_calls == ["agency_update"]
    administration.refresh_from_db()
    assert administration.name == "Администрация города"
    assert list(administration.municipalities.all()) == [uray]


def test_the_region_of_an_agency_cannot_be_changed_in_the_admin(admin_client):
    agency = AgencyFactory()
    other = RegionFactory()
    admin_client.post(
        f"/admin/agencies/agency/{agency.pk}/change/", form_data(other, name=agency.name)
    )
    agency.refresh_from_db()
    assert agency.region != other
