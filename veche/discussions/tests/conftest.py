"""A small world for discussion tests: Surgut and Urai, residents, the organizers (the municipal
admins, the regional admin, the head of an agency), a moderator."""

from types import SimpleNamespace

import pytest

from veche.accounts.tests.factories import StaffUserFactory, UnconfirmedUserFactory, UserFactory
from veche.agencies.tests.factories import AgencyFactory
from veche.staff.models import Role
from veche.staff.tests.factories import RegionWideRoleFactory, RoleAssignmentFactory
from veche.territory.tests.factories import MunicipalityFactory, RegionFactory


def _staff(role, **scope):
    return RoleAssignmentFactory(role=role, user=StaffUserFactory(), **scope).user


@pytest.fixture
def world(db):
    region = RegionFactory()
    surgut = MunicipalityFactory(region=region, name="Сургут")
    urai = MunicipalityFactory(region=region, name="Урай")
    agency = AgencyFactory(region=region, name="Департамент строительства")
    other_agency = AgencyFactory(region=region, name="Департамент культуры")
    return SimpleNamespace(
        region=region,
        surgut=surgut,
        urai=urai,
        agency=agency,
        other_agency=other_agency,
        anna=UserFactory(first_name="Анна", last_name="Петрова"),
        oleg=UserFactory(first_name="Олег", last_name="Сидоров"),
        unconfirmed=UnconfirmedUserFactory(),
        mayor_office=_staff(Role.MUNICIPAL_ADMIN, municipality=surgut),
        urai_mayor_office=_staff(Role.MUNICIPAL_ADMIN, municipality=urai),
        regional_admin=RegionWideRoleFactory(role=Role.REGIONAL_ADMIN).user,
        agency_head=_staff(Role.AGENCY_HEAD, agency=agency),
        other_head=_staff(Role.AGENCY_HEAD, agency=other_agency),
        moderator=_staff(Role.MODERATOR, municipality=surgut),
    )


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    """Rate-limit counters live in the cache and user ids repeat between tests."""
    from django.core.cache import cache

    cache.clear()
