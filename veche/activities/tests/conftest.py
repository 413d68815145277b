from types import SimpleNamespace

import pytest

from veche.staff.models import Role
from veche.staff.tests.factories import RegionWideRoleFactory, RoleAssignmentFactory
from veche.territory.tests.factories import MunicipalityFactory, RegionFactory


@pytest.fixture
def world(db):
    region = RegionFactory()
    surgut = MunicipalityFactory(region=region, name="Сургут")
    urai = MunicipalityFactory(region=region, name="Урай")
    return SimpleNamespace(
        region=region,
        surgut=surgut,
        urai=urai,
        regional_admin=RegionWideRoleFactory(role=Role.REGIONAL_ADMIN).user,
        surgut_admin=RoleAssignmentFactory(role=Role.MUNICIPAL_ADMIN, municipality=surgut).user,
    )


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    from django.core.cache import cache

    cache.clear()
