"""A small world for report tests: two municipalities with their administrations, a topic, and
people in every role that touches a report."""

from types import SimpleNamespace

import pytest

from veche.accounts.tests.factories import UnconfirmedUserFactory, UserFactory
from veche.agencies.tests.factories import AgencyFactory, MunicipalAdministrationFactory
from veche.reports.tests.factories import RejectionReasonFactory, TopicFactory
from veche.staff.models import Role
from veche.staff.tests.factories import RegionWideRoleFactory, RoleAssignmentFactory
from veche.territory.tests.factories import MunicipalityFactory, RegionFactory
from veche.workdays.calendar import clear_cache
from veche.workdays.services import calendar_load


@pytest.fixture
def calendar(db):
    """The official production calendar in the test database."""
    calendar_load()
    clear_cache()
    yield
    clear_cache()


def _staff(role, **scope):
    return RoleAssignmentFactory(role=role, **scope).user


@pytest.fixture
def world(db, calendar):
    region = RegionFactory()
    surgut = MunicipalityFactory(region=region, name="Сургут")
    urai = MunicipalityFactory(region=region, name="Урай")
    surgut_admin = MunicipalAdministrationFactory(administers=surgut, region=region)
    urai_admin = MunicipalAdministrationFactory(administers=urai, region=region)
    roads = AgencyFactory(region=region, name="Департамент дорожного хозяйства")
    return SimpleNamespace(
        region=region,
        surgut=surgut,
        urai=urai,
        surgut_admin=surgut_admin,
        urai_admin=urai_admin,
        roads=roads,
        topic=TopicFactory(),
        reason=RejectionReasonFactory(),
        author=UserFactory(),
        neighbour=UserFactory(),
        unconfirmed=UnconfirmedUserFactory(),
        moderator=_staff(Role.MODERATOR, municipality=surgut),
        urai_moderator=_staff(Role.MODERATOR, municipality=urai),
        region_moderator=RegionWideRoleFactory(role=Role.MODERATOR).user,
        official=_staff(Role.OFFICIAL, agency=surgut_admin, municipality=None),
        urai_official=_staff(Role.OFFICIAL, agency=urai_admin, municipality=None),
        head=_staff(Role.AGENCY_HEAD, agency=surgut_admin, municipality=None),
        operator=_staff(Role.OPERATOR, municipality=None),
    )


def point_in(municipality) -> dict:
    return {"lat": municipality.centre_lat, "lon": municipality.centre_lon}
