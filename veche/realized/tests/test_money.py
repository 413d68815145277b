"""Money by source is never negative and what is due back never exceeds what was given: the
database refuses it even when a service is bypassed, and the services say so in words."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from veche.realized.models import Project
from veche.realized.services import refund_record

from .factories import ProjectFactory


@pytest.mark.parametrize(
    "change",
    [
        {"amount_region": Decimal("-1")},
        {"amount_municipality": Decimal("-0.01")},
        {"amount_residents": Decimal("-1")},
        {"amount_sponsors": Decimal("-1")},
        {"refund_residents": Decimal("50000.01")},
        {"refund_sponsors": Decimal("30000.01")},
        {"refund_residents": Decimal("-1")},
        {"year": 2016},
        {"lat": 61.0},
    ],
)
def test_the_database_refuses_bad_money_and_rows(world, change):
    project = ProjectFactory(municipality=world.surgut)
    with pytest.raises(IntegrityError), transaction.atomic():
        Project.objects.filter(pk=project.pk).update(**change)


def test_the_natural_key_is_unique_in_the_database(world):
    ProjectFactory(municipality=world.surgut, name="Сквер", year=2020)
    with pytest.raises(IntegrityError), transaction.atomic():
        ProjectFactory(municipality=world.surgut, name="Сквер", year=2020)


def test_a_refund_within_contributions_is_recorded_and_summed(world):
    project = ProjectFactory(municipality=world.surgut)
    refund_record(
        user=world.surgut_admin, project=project, residents=Decimal("10000"), sponsors=Decimal("0")
    )
    refund_record(
        user=world.surgut_admin,
        project=project,
        residents=Decimal("5000"),
        sponsors=Decimal("30000"),
    )
    project.refresh_from_db()
    assert (project.refund_residents, project.refund_sponsors) == (
        Decimal("15000"),
        Decimal("30000"),
    )
    assert project.updates.filter(kind="refund").count() == 2


def test_a_refund_beyond_contributions_is_refused_and_nothing_changes(world):
    project = ProjectFactory(municipality=world.surgut)
    refund_record(user=world.surgut_admin, project=project, residents=Decimal("40000"), sponsors=0)
    with pytest.raises(ValidationError) as refused:
        refund_record(
            user=world.surgut_admin, project=project, residents=Decimal("10000.01"), sponsors=0
        )
    assert "residents" in refused.value.message_dict
    with pytest.raises(ValidationError):
        refund_record(user=world.surgut_admin, project=project, residents=Decimal("-1"), sponsors=0)
    project.refresh_from_db()
    assert project.refund_residents == Decimal("40000")
    assert project.updates.filter(kind="refund").count() == 1
