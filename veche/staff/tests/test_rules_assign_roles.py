"""staff.assign_roles: within a municipality (its admin, the regional admin), within an agency
(its head, the regional admin), and region-wide (the regional admin only)."""

import pytest

from .conftest import PERSONAS

MAY_ASSIGN = {
    "surgut": {"municipal_admin_surgut", "regional_admin"},
    "urai": {"municipal_admin_urai", "regional_admin"},
    "surgut_admin": {"agency_head", "regional_admin"},
    "urai_admin": {"regional_admin"},
    "region": {"regional_admin"},
}


@pytest.mark.django_db
@pytest.mark.parametrize("scope", list(MAY_ASSIGN))
@pytest.mark.parametrize("name", PERSONAS)
def test_assign_roles_matrix(persona, world, name, scope):
    user = persona(name)
    target = None if scope == "region" else getattr(world, scope)
    allowed = user is not None and user.has_perm("staff.assign_roles", target)
    assert allowed is (name in MAY_ASSIGN[scope])
