"""The cast of the voting tests: Surgut, Urai and Khanty-Mansiysk, a point in Surgut, and one
person of each role that matters here (`persona("operator_surgut")`)."""

from dataclasses import dataclass

import pytest

from veche.accounts.tests.factories import UserFactory
from veche.staff.models import Role
from veche.staff.tests.factories import RoleAssignmentFactory
from veche.territory.models import Municipality
from veche.territory.tests.factories import MunicipalityFactory, RegionFactory
from veche.voting.models import VotingPoint
from veche.voting.tests.factories import VotingPointFactory


@dataclass
class World:
    surgut: Municipality
    urai: Municipality
    khm: Municipality
    point: VotingPoint  # an active point in Surgut


@pytest.fixture
def world(db) -> World:
    region = RegionFactory(name="Югра", slug="yugra")
    surgut = MunicipalityFactory(region=region, name="Сургут", slug="surgut")
    return World(
        surgut=surgut,
        urai=MunicipalityFactory(region=region, name="Урай", slug="urai"),
        khm=MunicipalityFactory(region=region, name="Ханты-Мансийск", slug="khanty-mansiysk"),
        point=VotingPointFactory(municipality=surgut, title="МФЦ Сургута"),
    )


# Persona → (role, municipality attribute of World or None for the whole region).
CAST = {
    "resident": (None, None),
    "operator_surgut": (Role.OPERATOR, "surgut"),
    "operator_urai": (Role.OPERATOR, "urai"),
    "operator_region": (Role.OPERATOR, None),
    "moderator_surgut": (Role.MODERATOR, "surgut"),
    "municipal_admin_surgut": (Role.MUNICIPAL_ADMIN, "surgut"),
    "municipal_admin_urai": (Role.MUNICIPAL_ADMIN, "urai"),
    "municipal_head_surgut": (Role.MUNICIPAL_HEAD, "surgut"),
    "regional_head": (Role.REGIONAL_HEAD, None),
    "regional_admin": (Role.REGIONAL_ADMIN, None),
}


@pytest.fixture
def persona(world):
    """Build one persona by name; "guest" is the anonymous user."""

    def build(name: str):
        if name == "guest":
            from django.contrib.auth.models import AnonymousUser

            return AnonymousUser()
        role, scope = CAST[name]
        user = UserFactory()
        if role is not None:
            RoleAssignmentFactory(
                user=user, role=role, municipality=getattr(world, scope) if scope else None
            )
        return user

    return build
