"""A small world for the registry's tests: Surgut and Urai with a settlement each, their
administrators, a regional administrator, a resident."""

from types import SimpleNamespace

import pytest

from veche.accounts.tests.factories import UserFactory
from veche.staff.models import Role
from veche.staff.tests.factories import RegionWideRoleFactory, RoleAssignmentFactory
from veche.territory.tests.factories import MunicipalityFactory, RegionFactory, SettlementFactory


def _staff(role, **scope):
    return RoleAssignmentFactory(role=role, **scope).user


@pytest.fixture
def world(db):
    region = RegionFactory()
    surgut = MunicipalityFactory(region=region, name="Сургут")
    urai = MunicipalityFactory(region=region, name="Урай")
    return SimpleNamespace(
        region=region,
        surgut=surgut,
        urai=urai,
        lyantor=SettlementFactory(municipality=surgut, name="Лянтор"),
        urai_town=SettlementFactory(municipality=urai, name="Урай"),
        resident=UserFactory(first_name="Анна", last_name="Петрова"),
        surgut_admin=_staff(Role.MUNICIPAL_ADMIN, municipality=surgut),
        urai_admin=_staff(Role.MUNICIPAL_ADMIN, municipality=urai),
        surgut_moderator=_staff(Role.MODERATOR, municipality=surgut),
        regional_admin=RegionWideRoleFactory(role=Role.REGIONAL_ADMIN).user,
    )


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    from django.core.cache import cache

    cache.clear()
