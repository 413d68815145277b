"""staff.change_municipality: the municipality's own admin and the regional admin; nobody else."""

import pytest

from .conftest import PERSONAS

MAY_CHANGE = {
    "surgut": {"municipal_admin_surgut", "regional_admin"},
    "urai": {"municipal_admin_urai", "regional_admin"},
}


@pytest.mark.django_db
@pytest.mark.parametrize("slug", ["surgut", "urai"])
@pytest.mark.parametrize("name", PERSONAS)
def test_change_municipality_matrix(persona, world, name, slug):
    user = persona(name)
    municipality = getattr(world, slug)
    allowed = user is not None and user.has_perm("staff.change_municipality", municipality)
    assert allowed is (name in MAY_CHANGE[slug])
