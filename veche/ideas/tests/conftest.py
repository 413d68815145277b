"""A small world for idea tests: Surgut and Urai with their administrations, a category, and
people in every role that touches an idea."""

from types import SimpleNamespace

import pytest

from veche.accounts.tests.factories import UnconfirmedUserFactory, UserFactory
from veche.agencies.tests.factories import AgencyFactory, MunicipalAdministrationFactory
from veche.ideas.tests.factories import IdeaRejectionReasonFactory
from veche.reports.tests.factories import CategoryFactory
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
    surgut_admin = MunicipalAdministrationFactory(administers=surgut, region=region)
    urai_admin = MunicipalAdministrationFactory(administers=urai, region=region)
    parks = AgencyFactory(region=region, name="Управление парков", municipalities=[surgut])
    return SimpleNamespace(
        region=region,
        surgut=surgut,
        urai=urai,
        surgut_admin=surgut_admin,
        urai_admin=urai_admin,
        parks=parks,
        category=CategoryFactory(name="Благоустройство", slug="improvement"),
        reason=IdeaRejectionReasonFactory(),
        author=UserFactory(first_name="Анна", last_name="Петрова"),
        neighbour=UserFactory(),
        unconfirmed=UnconfirmedUserFactory(),
        moderator=_staff(Role.MODERATOR, municipality=surgut),
        urai_moderator=_staff(Role.MODERATOR, municipality=urai),
        mayor_office=_staff(Role.MUNICIPAL_ADMIN, municipality=surgut),
        urai_mayor_office=_staff(Role.MUNICIPAL_ADMIN, municipality=urai),
        regional_admin=RegionWideRoleFactory(role=Role.REGIONAL_ADMIN).user,
        official=_staff(Role.OFFICIAL, agency=surgut_admin, municipality=None),
        parks_official=_staff(Role.OFFICIAL, agency=parks, municipality=None),
        urai_official=_staff(Role.OFFICIAL, agency=urai_admin, municipality=None),
    )


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    """Rate-limit counters live in the cache and user ids repeat between tests."""
    from django.core.cache import cache

    cache.clear()
