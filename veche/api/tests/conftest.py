import pytest

from veche.accounts.tests.factories import UserFactory
from veche.staff.models import Role, RoleAssignment

from .factories import ApiTokenFactory


@pytest.fixture
def token(db):
    return ApiTokenFactory()


@pytest.fixture
def regional_admin(db):
    user = UserFactory(settlement=None, is_staff=True)
    RoleAssignment.objects.create(user=user, role=Role.REGIONAL_ADMIN)
    return user


def bearer(key: str) -> dict:
    return {"HTTP_AUTHORIZATION": f"Bearer {key}"}
