from types import SimpleNamespace

import pytest
from django.core.cache import cache

from veche.accounts.tests.factories import UserFactory
from veche.agencies.tests.factories import MunicipalAdministrationFactory
from veche.moderation import registry
from veche.moderation.registry import register_source, unregister_source
from veche.staff.models import Role
from veche.staff.tests.factories import RegionWideRoleFactory, RoleAssignmentFactory
from veche.territory.tests.factories import MunicipalityFactory, RegionFactory

from .fakes import KIND, FakeKind


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    # Rate-limit counters live in the cache and user ids repeat between tests.
    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def _only_test_sources():
    """The page's tests see their fake kind alone, whatever installed apps register (comments)."""
    installed = dict(registry._sources)
    registry._sources.clear()
    yield
    registry._sources.clear()
    registry._sources.update(installed)


@pytest.fixture
def world(db):
    region = RegionFactory()
    surgut = MunicipalityFactory(region=region, name="Surgut")
    urai = MunicipalityFactory(region=region, name="Urai")
    surgut_admin = MunicipalAdministrationFactory(administers=surgut, region=region)
    return SimpleNamespace(
        surgut=surgut,
        urai=urai,
        moderator=RoleAssignmentFactory(role=Role.MODERATOR, municipality=surgut).user,
        urai_moderator=RoleAssignmentFactory(role=Role.MODERATOR, municipality=urai).user,
        region_moderator=RegionWideRoleFactory(role=Role.MODERATOR).user,
        official=RoleAssignmentFactory(
            role=Role.OFFICIAL, agency=surgut_admin, municipality=None
        ).user,
        resident=UserFactory(),
    )


@pytest.fixture
def things():
    """A fake kind registered for the test, and gone after it."""
    fake = FakeKind()
    register_source(fake.source())
    yield fake
    unregister_source(KIND)


@pytest.fixture
def as_user(client):
    def login(user):
        client.force_login(user)
        return client

    return login
