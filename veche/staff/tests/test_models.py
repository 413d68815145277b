"""Database constraints of RoleAssignment: the database refuses what the services would refuse."""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from veche.accounts.tests.factories import UserFactory
from veche.agencies.tests.factories import AgencyFactory
from veche.staff.models import Role, RoleAssignment
from veche.territory.tests.factories import MunicipalityFactory


@pytest.fixture
def user(db):
    return UserFactory()


def refused_by_database(**fields) -> bool:
    try:
        with transaction.atomic():
            RoleAssignment.objects.create(**fields)
    except IntegrityError:
        return True
    return False


@pytest.mark.django_db
@pytest.mark.parametrize("role", [Role.OFFICIAL, Role.AGENCY_HEAD])
def test_agency_role_without_agency_is_rejected(user, role):
    assert refused_by_database(user=user, role=role, municipality=MunicipalityFactory())
    with pytest.raises(ValidationError):
        RoleAssignment(user=user, role=role).full_clean()


@pytest.mark.django_db
@pytest.mark.parametrize("role", [Role.MUNICIPAL_ADMIN, Role.MUNICIPAL_HEAD])
def test_municipal_role_without_municipality_is_rejected(user, role):
    assert refused_by_database(user=user, role=role)
    assert refused_by_database(user=user, role=role, agency=AgencyFactory())


@pytest.mark.django_db
@pytest.mark.parametrize("role", [Role.REGIONAL_ADMIN, Role.REGIONAL_HEAD])
def test_regional_role_with_a_scope_is_rejected(user, role):
    assert refused_by_database(user=user, role=role, municipality=MunicipalityFactory())
    assert refused_by_database(user=user, role=role, agency=AgencyFactory())
    assert not refused_by_database(user=user, role=role)


@pytest.mark.django_db
def test_same_role_twice_in_each_scope_shape_is_rejected(user):
    municipality, agency = MunicipalityFactory(), AgencyFactory()
    shapes = [
        {"role": Role.MODERATOR},
        {"role": Role.MODERATOR, "municipality": municipality},
        {"role": Role.OFFICIAL, "agency": agency},
        {"role": Role.OFFICIAL, "agency": agency, "municipality": municipality},
    ]
    for shape in shapes:
        assert not refused_by_database(user=user, **shape)
        assert refused_by_database(user=user, **shape), shape
    assert RoleAssignment.objects.count() == len(shapes)


@pytest.mark.django_db
def test_same_role_in_two_municipalities_is_fine(user):
    assert not refused_by_database(
        user=user, role=Role.MODERATOR, municipality=MunicipalityFactory()
    )
    assert not refused_by_database(
        user=user, role=Role.MODERATOR, municipality=MunicipalityFactory()
    )
