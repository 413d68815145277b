"""staff.view_staffauditlog: the audit log of staff actions is for the regional admin only."""

import pytest

from .conftest import PERSONAS


@pytest.mark.django_db
@pytest.mark.parametrize("name", PERSONAS)
def test_view_audit_log_matrix(persona, name):
    user = persona(name)
    allowed = user is not None and user.has_perm("staff.view_staffauditlog")
    assert allowed is (name == "regional_admin")
