"""Which agencies serve a municipality and which one administers it."""

import pytest

from veche.agencies.selectors import (
    agencies_serving,
    agency_for_municipality_administration,
)
from veche.agencies.tests.factories import AgencyFactory, MunicipalAdministrationFactory
from veche.territory.tests.factories import MunicipalityFactory, RegionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    region = RegionFactory()
    surgut = MunicipalityFactory(region=region, name="Сургут")
    uray = MunicipalityFactory(region=region, name="Урай")
    return {
        "region": region,
        "surgut": surgut,
        "uray": uray,
        "health": AgencyFactory(region=region, name="Депздрав"),
        "surgut_adm": MunicipalAdministrationFactory(administers=surgut),
        "uray_adm": MunicipalAdministrationFactory(administers=uray),
        "grid": AgencyFactory(region=region, kind="utility", municipalities=[surgut, uray]),
        "closed": AgencyFactory(region=region, is_active=False),
        "elsewhere": AgencyFactory(),  # a department of another region
    }


def test_agencies_serving_are_its_own_and_the_regional_ones(world):
    serving = set(agencies_serving(world["surgut"]))
    assert serving == {world["health"], world["surgut_adm"], world["grid"]}


def test_agency_for_municipality_administration(world):
    assert agency_for_municipality_administration(world["uray"]) == world["uray_adm"]
    assert agency_for_municipality_administration(MunicipalityFactory()) is None


def test_an_inactive_administration_is_not_the_administration():
    administration = MunicipalAdministrationFactory(is_active=False)
    assert agency_for_municipality_administration(administration.administers) is None
