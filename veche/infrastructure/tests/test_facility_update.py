"""Staff edits: who keeps an object (a municipal admin of another territory cannot edit it), one
history entry per change, refusals that change nothing, and the database's own checks."""

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction

from veche.events.models import Event
from veche.infrastructure.models import Facility, HistoryEntry, Status
from veche.infrastructure.services import facility_update
from veche.staff.models import StaffAuditLog

from .factories import FacilityFactory


def state(facility):
    facility.refresh_from_db()
    return (facility.status, facility.progress, facility.budget_spent, HistoryEntry.objects.count())


@pytest.mark.parametrize(
    ("who", "allowed"),
    [
        ("surgut_admin", True),
        ("regional_admin", True),
        ("urai_admin", False),
        ("resident", False),
    ],
)
def test_who_may_edit_an_object(world, who, allowed):
    facility = FacilityFactory(municipality=world.surgut)
    user = getattr(world, who)
    assert user.has_perm("infrastructure.change_facility", facility) is allowed
    before = state(facility)
    if allowed:
        entry = facility_update(user=user, facility=facility, status=Status.COMPLETED, progress=100)
        assert entry.changes == {"status": ["in_progress", "completed"], "progress": ["25", "100"]}
        assert StaffAuditLog.objects.filter(action="infrastructure.facility_update").count() == 1
        assert Event.objects.filter(kind="infrastructure.facility_updated").count() == 1
    else:
        with pytest.raises(PermissionDenied):
            facility_update(user=user, facility=facility, status=Status.COMPLETED)
        assert state(facility) == before
        assert not Event.objects.filter(kind="infrastructure.facility_updated").exists()


def test_an_edit_that_changes_nothing_leaves_no_history(world):
    facility = FacilityFactory(municipality=world.surgut)
    assert facility_update(user=world.surgut_admin, facility=facility, progress=25) is None
    assert HistoryEntry.objects.count() == 0


def test_bad_values_are_refused_and_change_nothing(world):
    facility = FacilityFactory(municipality=world.surgut)
    before = state(facility)
    for values in ({"progress": 101}, {"budget_spent": Decimal("-1")}):
        with pytest.raises(ValidationError):
            facility_update(user=world.surgut_admin, facility=facility, **values)
    import datetime

    with pytest.raises(ValidationError):
        facility_update(
            user=world.surgut_admin,
            facility=facility,
            planned_start=datetime.date(2024, 5, 1),
            planned_end=datetime.date(2024, 4, 1),
        )
    assert state(facility) == before


@pytest.mark.parametrize(
    "values",
    [
        {"progress": 101},
        {"budget_planned": Decimal("-1")},
        {"budget_spent": Decimal("-0.01")},
        {"status": "lost"},
    ],
)
def test_the_database_keeps_progress_money_and_status_in_range(world, values):
    facility = FacilityFactory(municipality=world.surgut)
    with pytest.raises(IntegrityError), transaction.atomic():
        Facility.objects.filter(pk=facility.pk).update(**values)


def test_the_source_id_is_unique(world):
    FacilityFactory(municipality=world.surgut, source_id="X-1")
    with pytest.raises(IntegrityError), transaction.atomic():
        FacilityFactory(municipality=world.surgut, source_id="X-1")
