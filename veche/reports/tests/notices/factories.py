"""Helpers that give a report its staff, for the notice tests."""

from veche.accounts.tests.factories import StaffUserFactory
from veche.staff.models import Role, RoleAssignment


def official(agency, **user_fields):
    user = StaffUserFactory(**user_fields)
    RoleAssignment.objects.create(user=user, role=Role.OFFICIAL, agency=agency)
    return user


def agency_head(agency, **user_fields):
    user = StaffUserFactory(**user_fields)
    RoleAssignment.objects.create(user=user, role=Role.AGENCY_HEAD, agency=agency)
    return user


def moderator(municipality=None, **user_fields):
    """A moderator of the municipality; of the whole region when it is None."""
    user = StaffUserFactory(**user_fields)
    RoleAssignment.objects.create(user=user, role=Role.MODERATOR, municipality=municipality)
    return user
