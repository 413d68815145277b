import factory

from veche.activities.models import Direction, Organization, Programme
from veche.territory.tests.factories import MunicipalityFactory


class OrganizationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organization

    name = factory.Sequence(lambda n: f"Дом детского творчества № {n}")
    municipality = factory.SubFactory(MunicipalityFactory)
    address = "ул. Мира, 1"
    lat = factory.LazyAttribute(lambda o: o.municipality.centre_lat)
    lon = factory.LazyAttribute(lambda o: o.municipality.centre_lon)


class ProgrammeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Programme

    organization = factory.SubFactory(OrganizationFactory)
    title = factory.Sequence(lambda n: f"Робототехника, группа {n}")
    direction = Direction.TECHNICAL
    age_from = 7
    age_to = 12
    price = None
