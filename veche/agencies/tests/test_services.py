"""agency_create / agency_update: the territory served stays in the region and includes the
municipality an administration heads."""

import pytest
from django.core.exceptions import ValidationError

from veche.agencies.services import agency_create, agency_update
from veche.agencies.tests.factories import AgencyFactory
from veche.territory.tests.factories import MunicipalityFactory

pytestmark = pytest.mark.django_db


def test_an_administration_serves_the_municipality_it_heads():
    municipality = MunicipalityFactory(name="Урай")
    agency = agency_create(
        region=municipality.region,
        kind="municipal_administration",
        name="Администрация города Урай",
        administers=municipality,
    )
    assert list(agency.municipalities.all()) == [municipality]


def test_a_municipality_of_another_region_cannot_be_served():
    agency = AgencyFactory()
    with pytest.raises(ValidationError) as error:
        agency_update(agency=agency, municipalities=[MunicipalityFactory()])
    assert error.value.message_dict["municipalities"] == [
        "Все обслуживаемые муниципалитеты должны находиться в регионе ведомства."
    ]
    assert not agency.municipalities.exists()


def test_update_changes_fields_and_territory():
    agency = AgencyFactory(kind="utility")
    town = MunicipalityFactory(region=agency.region)
    updated = agency_update(agency=agency, short_name="ГЭС", municipalities=[town])
    assert updated.short_name == "ГЭС"
    assert list(updated.municipalities.all()) == [town]


def test_update_refuses_an_invalid_change_and_saves_nothing():
    agency = AgencyFactory(kind="utility", name="Водоканал")
    with pytest.raises(ValidationError):
        agency_update(agency=agency, name="", email="not an address")
    agency.refresh_from_db()
    assert agency.name == "Водоканал"
