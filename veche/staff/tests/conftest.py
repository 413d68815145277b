"""The cast every staff test uses: Surgut and Urai with their administrations, and one person of
each role. `persona("municipal_admin_surgut")` builds just the person a test needs."""

from dataclasses import dataclass

import pytest

from veche.accounts.tests.factories import (
    UnconfirmedUserFactory,
    UserFactory,
    VerifiedUserFactory,
)
from veche.agencies.models import Agency
from veche.agencies.tests.factories import MunicipalAdministrationFactory
from veche.staff.models import Role
from veche.staff.tests.factories import RoleAssignmentFactory
from veche.territory.models import Municipality, Settlement
from veche.territory.tests.factories import (
    MunicipalityFactory,
    RegionFactory,
    SettlementFactory,
)


@dataclass
class World:
    surgut: Municipality
    urai: Municipality
    surgut_home: Settlement
    urai_home: Settlement
    surgut_admin: Agency
    urai_admin: Agency


@pytest.fixture
def world(db) -> World:
    region = RegionFactory(name="Югра", slug="yugra")
    surgut = MunicipalityFactory(region=region, name="Сургут", slug="surgut")
    urai = MunicipalityFactory(region=region, name="Урай", slug="urai")
    return World(
        surgut=surgut,
        urai=urai,
        surgut_home=SettlementFactory(municipality=surgut, name="Сургут", kind="city"),
        urai_home=SettlementFactory(municipality=urai, name="Урай", kind="city"),
        surgut_admin=MunicipalAdministrationFactory(
            region=region, administers=surgut, name="Администрация города Сургута"
        ),
        urai_admin=MunicipalAdministrationFactory(
            region=region, administers=urai, name="Администрация города Урай"
        ),
    )


# Who each persona is: (user factory, role, scope attribute of World or None for the region).
CAST = {
    "unconfirmed": (UnconfirmedUserFactory, None, None),
    "resident": (UserFactory, None, None),
    "verified": (VerifiedUserFactory, None, None),
    "operator": (UserFactory, Role.OPERATOR, "surgut"),
    "moderator_surgut": (UserFactory, Role.MODERATOR, "surgut"),
    "moderator_region": (UserFactory, Role.MODERATOR, None),
    "official_surgut": (UserFactory, Role.OFFICIAL, "surgut_admin"),
    "official_other": (UserFactory, Role.OFFICIAL, "urai_admin"),
    "agency_head": (UserFactory, Role.AGENCY_HEAD, "surgut_admin"),
    "expert": (UserFactory, Role.EXPERT, "surgut"),
    "municipal_admin_surgut": (UserFactory, Role.MUNICIPAL_ADMIN, "surgut"),
    "municipal_admin_urai": (UserFactory, Role.MUNICIPAL_ADMIN, "urai"),
    "municipal_head": (UserFactory, Role.MUNICIPAL_HEAD, "surgut"),
    "regional_head": (UserFactory, Role.REGIONAL_HEAD, None),
    "regional_admin": (UserFactory, Role.REGIONAL_ADMIN, None),
}
PERSONAS = ["guest", *CAST]


@pytest.fixture
def persona(world):
    """Build one persona by name; "guest" is None."""

    def build(name: str):
        if name == "guest":
            return None
        factory, role, scope_name = CAST[name]
        home = world.urai_home if scope_name in ("urai", "urai_admin") else world.surgut_home
        user = factory(settlement=home)
        if role is not None:
            scope = getattr(world, scope_name) if scope_name else None
            RoleAssignmentFactory(
                user=user,
                role=role,
                municipality=scope if isinstance(scope, Municipality) else None,
                agency=scope if isinstance(scope, Agency) else None,
            )
        return user

    return build


@pytest.fixture
def login_as(client, persona):
    """A test client logged in as the persona (anonymous for "guest"); returns (client, user)."""

    def login(name: str):
        user = persona(name)
        if user is not None:
            client.force_login(user)
        return client, user

    return login
