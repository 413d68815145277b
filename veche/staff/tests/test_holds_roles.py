"""`User.holds_roles` follows the user's role assignments, and role checks trust it."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from veche.accounts.tests.factories import UserFactory
from veche.staff.models import Role, RoleAssignment
from veche.staff.predicates import role_assignments

pytestmark = pytest.mark.django_db


def test_the_flag_is_on_while_a_role_is_held_and_off_after_the_last_goes(world):
    user = UserFactory()
    first = RoleAssignment.objects.create(user=user, role=Role.MODERATOR)
    second = RoleAssignment.objects.create(
        user=user, role=Role.MODERATOR, municipality=world.surgut
    )
    user.refresh_from_db()
    assert user.holds_roles
    first.delete()
    user.refresh_from_db()
    assert user.holds_roles  # one role is left
    second.delete()
    user.refresh_from_db()
    assert not user.holds_roles


def test_a_resident_role_check_reads_no_roles(world):
    resident = UserFactory()
    with CaptureQueriesContext(connection) as queries:
        assert role_assignments(resident) == []
    assert len(queries) == 0


def test_the_user_object_that_got_the_role_sees_it_at_once(world):
    official = UserFactory()
    RoleAssignment.objects.create(user=official, role=Role.MODERATOR, municipality=world.surgut)
    assert [a.role for a in role_assignments(official)] == [Role.MODERATOR]
