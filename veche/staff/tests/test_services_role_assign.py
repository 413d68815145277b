"""role_assign: who may grant what where, its audit row, and refusals that leave nothing."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from veche.accounts.tests.factories import UserFactory
from veche.staff.models import Role, RoleAssignment, StaffAuditLog
from veche.staff.services import role_assign

from .conftest import CAST


@pytest.fixture
def newcomer(world):
    return UserFactory(settlement=world.surgut_home)


def scopes(world) -> dict[str, dict]:
    return {
        "surgut": {"municipality": world.surgut},
        "urai": {"municipality": world.urai},
        "surgut_admin": {"agency": world.surgut_admin},
        "urai_admin": {"agency": world.urai_admin},
        "region": {},
    }


# (actor, role, scope) that succeed; every other combination below is refused.
ALLOWED = {
    ("municipal_admin_surgut", Role.OPERATOR, "surgut"),
    ("municipal_admin_surgut", Role.MODERATOR, "surgut"),
    ("municipal_admin_surgut", Role.EXPERT, "surgut"),
    ("municipal_admin_urai", Role.MODERATOR, "urai"),
    ("agency_head", Role.OFFICIAL, "surgut_admin"),
}
CASES = [
    (Role.MODERATOR, "surgut"),
    (Role.MODERATOR, "urai"),
    (Role.OPERATOR, "surgut"),
    (Role.EXPERT, "surgut"),
    (Role.MUNICIPAL_ADMIN, "surgut"),
    (Role.MUNICIPAL_HEAD, "surgut"),
    (Role.OFFICIAL, "surgut_admin"),
    (Role.OFFICIAL, "urai_admin"),
    (Role.AGENCY_HEAD, "surgut_admin"),
    (Role.MODERATOR, "region"),
    (Role.REGIONAL_ADMIN, "region"),
]


@pytest.mark.django_db
@pytest.mark.parametrize(("role", "scope"), CASES)
@pytest.mark.parametrize("actor_name", [n for n in CAST if n != "regional_admin"])
def test_grant_matrix(persona, world, newcomer, actor_name, role, scope):
    actor = persona(actor_name)
    if (actor_name, role, scope) in ALLOWED:
        role_assign(actor=actor, user=newcomer, role=role, **scopes(world)[scope])
        assert RoleAssignment.objects.filter(user=newcomer, role=role).count() == 1
        assert StaffAuditLog.objects.count() == 1
    else:
        with pytest.raises(PermissionDenied):
            role_assign(actor=actor, user=newcomer, role=role, **scopes(world)[scope])
        assert not RoleAssignment.objects.filter(user=newcomer).exists()
        assert not StaffAuditLog.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize(("role", "scope"), CASES)
def test_regional_admin_grants_any_role(persona, world, newcomer, role, scope):
    actor = persona("regional_admin")
    assignment = role_assign(actor=actor, user=newcomer, role=role, **scopes(world)[scope])
    assert assignment.pk is not None


@pytest.mark.django_db
def test_refusal_message_is_russian(persona, world, newcomer):
    with pytest.raises(PermissionDenied, match="Вы не можете назначить эту роль"):
        role_assign(
            actor=persona("municipal_admin_surgut"),
            user=newcomer,
            role=Role.MODERATOR,
            municipality=world.urai,
        )


@pytest.mark.django_db
def test_every_assignment_writes_an_audit_row(persona, world, newcomer):
    actor = persona("municipal_admin_surgut")
    assignment = role_assign(
        actor=actor, user=newcomer, role=Role.EXPERT, municipality=world.surgut
    )
    entry = StaffAuditLog.objects.get()
    assert entry.actor == actor
    assert entry.action == "staff.role_assign"
    assert (entry.target_type, entry.target_id) == ("staff.roleassignment", str(assignment.pk))
    assert entry.details == {
        "user_id": newcomer.pk,
        "user_email": newcomer.email,
        "role": "expert",
        "municipality_id": world.surgut.pk,
        "agency_id": None,
    }


@pytest.mark.django_db
def test_duplicate_is_refused_in_russian_and_writes_no_second_row(persona, world, newcomer):
    actor = persona("regional_admin")
    role_assign(actor=actor, user=newcomer, role=Role.MODERATOR, municipality=world.surgut)
    with pytest.raises(ValidationError) as error:
        role_assign(actor=actor, user=newcomer, role=Role.MODERATOR, municipality=world.surgut)
    assert "Этот пользователь уже выполняет эту роль в этих границах." in error.value.messages
    assert RoleAssignment.objects.filter(user=newcomer).count() == 1
    assert StaffAuditLog.objects.count() == 1


@pytest.mark.django_db
def test_agency_role_without_agency_is_refused_in_russian(persona, newcomer):
    with pytest.raises(ValidationError) as error:
        role_assign(actor=persona("regional_admin"), user=newcomer, role=Role.OFFICIAL)
    assert "Должностному лицу или руководителю ведомства нужно указать ведомство." in (
        error.value.messages
    )
    assert not RoleAssignment.objects.filter(user=newcomer).exists()
    assert not StaffAuditLog.objects.exists()


@pytest.mark.django_db
def test_deleted_account_cannot_receive_a_role(persona, world):
    gone = UserFactory(settlement=world.surgut_home, deleted_at=timezone.now())
    with pytest.raises(ValidationError):
        role_assign(
            actor=persona("regional_admin"),
            user=gone,
            role=Role.MODERATOR,
            municipality=world.surgut,
        )
    assert not RoleAssignment.objects.filter(user=gone).exists()


@pytest.mark.django_db
def test_new_role_takes_effect_for_the_user_at_once(persona, world, newcomer):
    assert not newcomer.has_perm("staff.view_dashboard")
    role_assign(
        actor=persona("regional_admin"),
        user=newcomer,
        role=Role.MODERATOR,
        municipality=world.surgut,
    )
    assert newcomer.has_perm("staff.view_dashboard")
