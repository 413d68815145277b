"""Demo agencies: departments for the whole okrug, one administration per municipality."""

import pytest

from veche.agencies import demo
from veche.agencies.models import Agency
from veche.agencies.selectors import agency_for_municipality_administration
from veche.territory import demo as territory_demo

pytestmark = pytest.mark.django_db


@pytest.fixture
def agencies():
    territory_demo.seed()
    return demo.seed()


def test_each_municipality_has_exactly_one_administration_serving_it(agencies):
    region = agencies[0].region
    assert region.municipalities.count() == 22
    for municipality in region.municipalities.all():
        administrations = Agency.objects.filter(
            kind="municipal_administration", administers=municipality
        )
        assert administrations.count() == 1, municipality.name
        administration = administrations.get()
        assert list(administration.municipalities.all()) == [municipality]
        assert agency_for_municipality_administration(municipality) == administration


def test_administrations_are_named_in_russian(agencies):
    names = set(Agency.objects.values_list("name", flat=True))
    assert {
        "Администрация города Сургута",
        "Администрация Сургутского района",
        "Администрация города Урай",
        "Администрация Ханты-Мансийского района",
    } <= names


def test_departments_serve_the_whole_region(agencies):
    departments = Agency.objects.filter(kind="regional_department")
    assert departments.count() >= 8
    assert departments.filter(
        name="Департамент здравоохранения Ханты-Мансийского автономного округа – Югры"
    ).exists()
    assert not departments.filter(municipalities__isnull=False).exists()


def test_service_companies_serve_their_cities(agencies):
    sges = Agency.objects.get(name="Сургутские городские электрические сети")
    assert sges.kind == "utility"
    assert [m.name for m in sges.municipalities.all()] == ["Сургут"]
    dez = Agency.objects.get(name="УК «ДЕЗ Восточного жилого района»")
    assert dez.kind == "management_company"


def test_seeding_twice_creates_nothing_new(agencies):
    before = sorted(Agency.objects.values_list("id", "name"))
    links = Agency.municipalities.through.objects.count()
    demo.seed()
    assert sorted(Agency.objects.values_list("id", "name")) == before
    assert Agency.municipalities.through.objects.count() == links
