"""voting_point_create / voting_point_update: the manager's rule, a clear message for a taken
title, one audit row per change, nothing written on a refusal."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from veche.staff.models import StaffAuditLog
from veche.voting import services
from veche.voting.models import VotingPoint
from veche.voting.tests.helpers import snapshot


def create(actor, municipality, **fields):
    values = {"title": "Выставка «Сургут — город будущего»", "address": "ул. Профсоюзов, 11"}
    return services.voting_point_create(
        actor=actor, municipality=municipality, **{**values, **fields}
    )


def test_the_municipal_admin_creates_a_point_and_the_audit_says_so(world, persona):
    admin = persona("municipal_admin_surgut")
    point = create(admin, world.surgut, note="  С 10 до 20  ")
    assert point.municipality == world.surgut and point.created_by == admin
    assert point.note == "С 10 до 20" and point.is_active
    entry = StaffAuditLog.objects.get()
    assert (entry.actor, entry.action, entry.target_id) == (
        admin,
        "voting.point_create",
        str(point.pk),
    )
    assert entry.details["municipality_id"] == world.surgut.pk


def test_the_regional_admin_creates_anywhere(world, persona):
    assert create(persona("regional_admin"), world.khm).municipality == world.khm


@pytest.mark.parametrize(
    "name", ["municipal_admin_urai", "operator_surgut", "municipal_head_surgut", "resident"]
)
def test_an_official_of_another_municipality_cannot_create_a_point_in_surgut(world, persona, name):
    actor = persona(name)
    before = snapshot()
    with pytest.raises(PermissionDenied):
        create(actor, world.surgut)
    assert snapshot() == before


def test_a_title_taken_in_the_municipality_is_refused_with_a_message(world, persona):
    admin = persona("municipal_admin_surgut")
    before = snapshot()
    with pytest.raises(ValidationError) as refused:
        create(admin, world.surgut, title="МФЦ Сургута")
    assert "уже есть пункт" in str(refused.value.message_dict)
    assert snapshot() == before
    # The same title in another municipality is another point.
    assert create(persona("regional_admin"), world.khm, title="МФЦ Сургута").pk


def test_a_blank_title_is_refused(world, persona):
    with pytest.raises(ValidationError) as refused:
        create(persona("municipal_admin_surgut"), world.surgut, title="   ")
    assert "title" in refused.value.message_dict


def test_update_changes_the_point_and_audits_before_and_after(world, persona):
    admin = persona("municipal_admin_surgut")
    point = services.voting_point_update(
        actor=admin, point=world.point, title="МФЦ Сургута", address="ул. Гагарина, 4",
        note="", is_active=False,
    )  # fmt: skip
    point.refresh_from_db()
    assert point.address == "ул. Гагарина, 4" and not point.is_active
    entry = StaffAuditLog.objects.get(action="voting.point_update")
    assert entry.details["after"] == {"address": "ул. Гагарина, 4", "is_active": False}
    assert entry.details["before"]["is_active"] is True


def test_update_by_another_municipality_is_refused(world, persona):
    actor = persona("municipal_admin_urai")
    before = snapshot()
    with pytest.raises(PermissionDenied):
        services.voting_point_update(
            actor=actor, point=world.point, title="x", address="y",
            is_active=False,
        )  # fmt: skip
    assert snapshot() == before
    assert VotingPoint.objects.get().is_active
