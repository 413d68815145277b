"""Factories for agencies. `AgencyFactory(municipalities=[m1, m2])` sets the territory served."""

import factory

from veche.agencies.models import Agency
from veche.territory.tests.factories import MunicipalityFactory, RegionFactory


class AgencyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Agency
        skip_postgeneration_save = True

    region = factory.SubFactory(RegionFactory)
    kind = Agency.Kind.REGIONAL_DEPARTMENT
    name = factory.Sequence(lambda n: f"Ведомство {n}")
    short_name = ""
    email = factory.Sequence(lambda n: f"agency{n}@example.org")
    is_active = True

    @factory.post_generation
    def municipalities(self, create, extracted, **kwargs):
        if create and extracted:
            self.municipalities.set(extracted)


class MunicipalAdministrationFactory(AgencyFactory):
    """The administration of a municipality: it administers and serves that municipality."""

    kind = Agency.Kind.MUNICIPAL_ADMINISTRATION
    administers = factory.SubFactory(MunicipalityFactory)
    region = factory.LazyAttribute(lambda o: o.administers.region)
    name = factory.Sequence(lambda n: f"Администрация муниципалитета {n}")

    @factory.post_generation
    def municipalities(self, create, extracted, **kwargs):
        if create:
            self.municipalities.set(extracted or [self.administers])
