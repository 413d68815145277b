"""A small world for the registry's tests: Surgut and Urai (square boundaries), categories,
their administrators, a regional administrator, a resident."""

from types import SimpleNamespace

import pytest

from veche.accounts.tests.factories import UserFactory
from veche.staff.models import Role
from veche.staff.tests.factories import RegionWideRoleFactory, RoleAssignmentFactory
from veche.territory.tests.factories import MunicipalityFactory, RegionFactory

from .factories import CategoryFactory


def _staff(role, **scope):
    return RoleAssignmentFactory(role=role, **scope).user


@pytest.fixture
def world(db):
    region = RegionFactory()
    surgut = MunicipalityFactory(region=region, name="Сургут", centre_lat=61.25, centre_lon=73.4)
    urai = MunicipalityFactory(region=region, name="Урай", centre_lat=60.13, centre_lon=64.78)
    return SimpleNamespace(
        region=region,
        surgut=surgut,
        urai=urai,
        roads=CategoryFactory(name="Дороги", slug="roads"),
        yards=CategoryFactory(name="Дворы", slug="yards"),
        resident=UserFactory(first_name="Анна", last_name="Петрова"),
        surgut_admin=_staff(Role.MUNICIPAL_ADMIN, municipality=surgut),
        urai_admin=_staff(Role.MUNICIPAL_ADMIN, municipality=urai),
        regional_admin=RegionWideRoleFactory(role=Role.REGIONAL_ADMIN).user,
    )


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    from django.core.cache import cache

    cache.clear()
