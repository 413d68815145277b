"""A small world for the search tests: Surgut with its administration, a regional moderator, a
report topic and an idea category; the official production calendar (reports are routed)."""

from types import SimpleNamespace

import pytest

from veche.accounts.tests.factories import UserFactory
from veche.agencies.tests.factories import MunicipalAdministrationFactory
from veche.reports.tests.factories import CategoryFactory, TopicFactory
from veche.staff.models import Role
from veche.staff.tests.factories import RegionWideRoleFactory
from veche.territory.tests.factories import MunicipalityFactory, RegionFactory
from veche.workdays.calendar import clear_cache
from veche.workdays.services import calendar_load


@pytest.fixture
def world(db):
    calendar_load()
    clear_cache()
    region = RegionFactory()
    surgut = MunicipalityFactory(region=region, name="Сургут")
    MunicipalAdministrationFactory(administers=surgut, region=region)
    yield SimpleNamespace(
        region=region,
        surgut=surgut,
        topic=TopicFactory(name="Дороги и тротуары"),
        category=CategoryFactory(name="Благоустройство", slug="improvement"),
        author=UserFactory(),
        moderator=RegionWideRoleFactory(role=Role.MODERATOR).user,
    )
    clear_cache()
