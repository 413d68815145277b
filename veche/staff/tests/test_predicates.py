"""The shared scope helpers in veche/staff/predicates.py that later apps reuse."""

import pytest
from django.utils import timezone

from veche.accounts.tests.factories import UserFactory
from veche.agencies.tests.factories import AgencyFactory
from veche.staff import predicates
from veche.staff.models import Role

from .factories import RoleAssignmentFactory


@pytest.mark.django_db
def test_covers_municipality_by_scope(persona, world):
    moderator = persona("moderator_surgut")
    assert predicates.covers_municipality(moderator, world.surgut, [Role.MODERATOR])
    assert not predicates.covers_municipality(moderator, world.urai, [Role.MODERATOR])
    assert not predicates.covers_municipality(moderator, world.surgut, [Role.OPERATOR])
    regional = persona("moderator_region")
    assert predicates.covers_municipality(regional, world.urai, [Role.MODERATOR])


@pytest.mark.django_db
def test_agency_role_does_not_cover_a_municipality(persona, world):
    official = persona("official_surgut")
    assert not predicates.covers_municipality(official, world.surgut, [Role.OFFICIAL])
    assert predicates.in_agency(official, world.surgut_admin, [Role.OFFICIAL])
    assert not predicates.in_agency(official, world.urai_admin, [Role.OFFICIAL])
    assert not predicates.in_agency(official, world.surgut_admin, [Role.AGENCY_HEAD])


@pytest.mark.django_db
def test_role_predicates(persona):
    checks = {
        "operator": predicates.is_operator,
        "moderator_surgut": predicates.is_moderator,
        "official_surgut": predicates.is_official,
        "agency_head": predicates.is_agency_head,
        "expert": predicates.is_expert,
        "municipal_admin_surgut": predicates.is_municipal_admin,
        "municipal_head": predicates.is_municipal_head,
        "regional_head": predicates.is_regional_head,
        "regional_admin": predicates.is_regional_admin,
    }
    people = {name: persona(name) for name in checks}
    for name, check in checks.items():
        holders = {who for who, user in people.items() if check(user)}
        assert holders == {name}, name


@pytest.mark.django_db
def test_blocked_or_deleted_staff_hold_no_role(world):
    blocked = RoleAssignmentFactory(
        role=Role.REGIONAL_ADMIN, municipality=None, user=UserFactory(is_active=False)
    ).user
    deleted = RoleAssignmentFactory(
        role=Role.MODERATOR, municipality=world.surgut, user=UserFactory(deleted_at=timezone.now())
    ).user
    assert not predicates.is_regional_admin(blocked)
    assert not predicates.is_staff_member(deleted)
    assert predicates.role_assignments(deleted) == []


@pytest.mark.django_db
def test_blocked_superuser_is_no_superuser():
    assert predicates.is_superuser(UserFactory(is_superuser=True))
    assert not predicates.is_superuser(UserFactory(is_superuser=True, is_active=False))
    assert not predicates.is_superuser(None)


@pytest.mark.django_db
def test_region_wide_agency_is_reached_only_by_region_wide_roles(persona, world):
    department = AgencyFactory(region=world.surgut.region)  # serves the whole region
    assert not predicates.can_view_agency(persona("moderator_surgut"), department)
    assert predicates.can_view_agency(persona("moderator_region"), department)


@pytest.mark.django_db
def test_agency_serving_several_municipalities_is_seen_from_each(persona, world):
    utility = AgencyFactory(region=world.surgut.region, municipalities=[world.surgut, world.urai])
    assert predicates.can_view_agency(persona("municipal_admin_urai"), utility)
    assert predicates.can_view_agency(persona("municipal_head"), utility)
    assert not predicates.can_view_agency(persona("operator"), utility)


@pytest.mark.django_db
def test_may_grant_scopes(persona, world):
    admin = persona("municipal_admin_surgut")
    assert predicates.may_grant(admin, Role.MODERATOR, municipality=world.surgut)
    assert not predicates.may_grant(admin, Role.MODERATOR, municipality=world.urai)
    assert not predicates.may_grant(admin, Role.MODERATOR)  # region-wide
    assert not predicates.may_grant(
        admin, Role.MODERATOR, municipality=world.surgut, agency=world.surgut_admin
    )
    head = persona("agency_head")
    assert predicates.may_grant(head, Role.OFFICIAL, agency=world.surgut_admin)
    assert not predicates.may_grant(head, Role.OFFICIAL, agency=world.urai_admin)
    assert not predicates.may_grant(head, Role.AGENCY_HEAD, agency=world.surgut_admin)
