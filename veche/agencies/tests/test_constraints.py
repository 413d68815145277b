"""Database constraints: an administration names its municipality, one active per municipality."""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from veche.agencies.models import Agency
from veche.agencies.tests.factories import AgencyFactory, MunicipalAdministrationFactory
from veche.territory.tests.factories import MunicipalityFactory

pytestmark = pytest.mark.django_db


def test_a_second_active_administration_of_a_municipality_is_refused_by_the_database():
    first = MunicipalAdministrationFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        Agency.objects.create(
            region=first.region,
            kind="municipal_administration",
            name="Вторая администрация",
            administers=first.administers,
        )


def test_an_inactive_former_administration_may_stay():
    first = MunicipalAdministrationFactory(is_active=False)
    second = MunicipalAdministrationFactory(administers=first.administers)
    assert second.pk and Agency.objects.filter(administers=first.administers).count() == 2


def test_an_administration_must_name_its_municipality():
    municipality = MunicipalityFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        Agency.objects.create(
            region=municipality.region,
            kind="municipal_administration",
            name="Администрация без территории",
        )


def test_only_an_administration_may_name_a_municipality_it_heads():
    municipality = MunicipalityFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        Agency.objects.create(
            region=municipality.region, kind="utility", name="Водоканал", administers=municipality
        )


def test_full_clean_explains_a_duplicate_administration_in_russian():
    first = MunicipalAdministrationFactory()
    second = Agency(
        region=first.region,
        kind="municipal_administration",
        name="Дубль",
        administers=first.administers,
    )
    with pytest.raises(ValidationError) as error:
        second.full_clean()
    assert "У муниципалитета уже есть действующая администрация." in error.value.messages


def test_full_clean_refuses_a_municipality_of_another_region():
    agency = AgencyFactory.build(
        kind="municipal_administration",
        administers=MunicipalityFactory(),
        region=AgencyFactory().region,
    )
    with pytest.raises(ValidationError) as error:
        agency.full_clean()
    assert error.value.message_dict["administers"] == [
        "Муниципалитет должен находиться в регионе ведомства."
    ]
