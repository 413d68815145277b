"""A small world for poll tests: Surgut and Urai, residents of each, an unconfirmed and a
verified resident, the organizers (the municipal admins, the regional admin) and moderators."""

from types import SimpleNamespace

import pytest

from veche.accounts.tests.factories import (
    StaffUserFactory,
    UnconfirmedUserFactory,
    UserFactory,
    VerifiedUserFactory,
)
from veche.staff.models import Role
from veche.staff.tests.factories import RegionWideRoleFactory, RoleAssignmentFactory
from veche.territory.models import Settlement
from veche.territory.tests.factories import MunicipalityFactory, RegionFactory, SettlementFactory


def _staff(role, **scope):
    return RoleAssignmentFactory(role=role, user=StaffUserFactory(), **scope).user


@pytest.fixture
def world(db):
    return _world()


def _world():
    region = RegionFactory()
    surgut = MunicipalityFactory(region=region, name="Сургут")
    urai = MunicipalityFactory(region=region, name="Урай")
    in_surgut = SettlementFactory(municipality=surgut, name="Сургут", kind=Settlement.Kind.CITY)
    in_urai = SettlementFactory(municipality=urai, name="Урай", kind=Settlement.Kind.CITY)
    return SimpleNamespace(
        region=region,
        surgut=surgut,
        urai=urai,
        surgut_resident=UserFactory(settlement=in_surgut, first_name="Анна"),
        urai_resident=UserFactory(settlement=in_urai, first_name="Олег"),
        verified=VerifiedUserFactory(settlement=in_surgut),
        unconfirmed=UnconfirmedUserFactory(settlement=in_surgut),
        mayor_office=_staff(Role.MUNICIPAL_ADMIN, municipality=surgut),
        urai_mayor_office=_staff(Role.MUNICIPAL_ADMIN, municipality=urai),
        regional_admin=RegionWideRoleFactory(role=Role.REGIONAL_ADMIN).user,
        moderator=_staff(Role.MODERATOR, municipality=surgut),
        urai_moderator=_staff(Role.MODERATOR, municipality=urai),
    )


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    """Rate-limit counters live in the cache and user ids repeat between tests."""
    from django.core.cache import cache

    cache.clear()
