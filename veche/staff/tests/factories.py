"""Factories for staff roles. Other apps import these; keep their names and defaults stable.

`RoleAssignmentFactory(role=Role.OFFICIAL, agency=a)` gives a new staff user that role; pass
`user=` to add a role to an existing person. The default is a moderator of a new municipality.
"""

import factory

from veche.accounts.tests.factories import StaffUserFactory
from veche.staff.models import Role, RoleAssignment, StaffAuditLog
from veche.territory.tests.factories import MunicipalityFactory


class RoleAssignmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RoleAssignment

    user = factory.SubFactory(StaffUserFactory)
    role = Role.MODERATOR
    municipality = factory.SubFactory(MunicipalityFactory)
    agency = None


class RegionWideRoleFactory(RoleAssignmentFactory):
    """A role over the whole region (e.g. regional admin, governor, region-wide moderator)."""

    role = Role.REGIONAL_ADMIN
    municipality = None


class StaffAuditLogFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = StaffAuditLog

    actor = factory.SubFactory(StaffUserFactory)
    action = "test.action"
    details = factory.LazyFunction(dict)
