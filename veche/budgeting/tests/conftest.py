"""A small world for budgeting tests: Surgut and Urai with their administrators, a regional
administrator, residents."""

from types import SimpleNamespace

import pytest

from veche.accounts.tests.factories import UnconfirmedUserFactory, UserFactory
from veche.staff.models import Role
from veche.staff.tests.factories import RegionWideRoleFactory, RoleAssignmentFactory
from veche.territory.tests.factories import MunicipalityFactory, RegionFactory


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
        resident=UserFactory(first_name="Анна", last_name="Петрова"),
        unconfirmed=UnconfirmedUserFactory(),
        surgut_admin=_staff(Role.MUNICIPAL_ADMIN, municipality=surgut),
        urai_admin=_staff(Role.MUNICIPAL_ADMIN, municipality=urai),
        surgut_moderator=_staff(Role.MODERATOR, municipality=surgut),
        regional_admin=RegionWideRoleFactory(role=Role.REGIONAL_ADMIN).user,
    )


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    """Rate-limit counters live in the cache and user ids repeat between tests."""
    from django.core.cache import cache

    cache.clear()
