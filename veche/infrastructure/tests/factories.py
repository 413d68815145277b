"""Factories of the infrastructure registry: a category and an object at a municipality's centre."""

from decimal import Decimal

import factory

from veche.infrastructure.models import (
    Category,
    Facility,
    FacilityMunicipality,
    Shape,
    Status,
    WorkType,
)
from veche.search.text import stems
from veche.territory.tests.factories import MunicipalityFactory


class CategoryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Category
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Категория {n}")
    slug = factory.Sequence(lambda n: f"category-{n}")


class FacilityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Facility
        skip_postgeneration_save = True

    source_id = factory.Sequence(lambda n: f"OBJ-{n}")
    name = factory.Sequence(lambda n: f"Объект программы № {n}")
    category = factory.SubFactory(CategoryFactory)
    municipality = factory.SubFactory(MunicipalityFactory)
    shape = Shape.POINT
    lat = factory.LazyAttribute(lambda o: o.municipality.centre_lat)
    lon = factory.LazyAttribute(lambda o: o.municipality.centre_lon)
    geometry = factory.LazyAttribute(lambda o: {"type": "Point", "coordinates": [o.lon, o.lat]})
    min_lat = factory.SelfAttribute("lat")
    max_lat = factory.SelfAttribute("lat")
    min_lon = factory.SelfAttribute("lon")
    max_lon = factory.SelfAttribute("lon")
    year = 2024
    work_type = WorkType.REPAIR
    status = Status.IN_PROGRESS
    budget_planned = Decimal("1000000.00")
    budget_spent = Decimal("250000.00")
    progress = 25
    search_stems = factory.LazyAttribute(lambda o: stems(o.name))

    @factory.post_generation
    def crossed(self, create, extracted, **kwargs):
        """The crossing rows the import writes: its own municipality, and `crossed=[…]`."""
        if not create:
            return
        for municipality in {self.municipality, *(extracted or ())}:
            FacilityMunicipality.objects.get_or_create(facility=self, municipality=municipality)
