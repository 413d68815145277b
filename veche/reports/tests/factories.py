"""Factories for reports. `ReportFactory()` is a submitted report inside its municipality;
`RoutedReportFactory()` one already routed to the municipality's administration."""

import factory
from django.utils import timezone

from veche.accounts.tests.factories import UserFactory
from veche.agencies.models import Agency
from veche.agencies.tests.factories import MunicipalAdministrationFactory
from veche.reports.models import (
    Category,
    Channel,
    RejectionReason,
    Report,
    Status,
    Topic,
    TopicAttribute,
)
from veche.reports.search import stems
from veche.territory.tests.factories import MunicipalityFactory


class CategoryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Category
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Дороги {n}")
    slug = factory.Sequence(lambda n: f"roads-{n}")


class TopicFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Topic

    category = factory.SubFactory(CategoryFactory)
    name = factory.Sequence(lambda n: f"Ямы, выбоины на дороге {n}")
    service_code = factory.Sequence(lambda n: f"potholes-{n}")
    deadline_days = 10
    deadline_kind = Topic.DeadlineKind.WORKING


class TopicAttributeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TopicAttribute

    topic = factory.SubFactory(TopicFactory)
    code = factory.Sequence(lambda n: f"attr{n}")
    datatype = TopicAttribute.Datatype.SINGLE
    required = True
    description = "Где находится яма?"
    values = factory.LazyFunction(
        lambda: [{"key": "road", "name": "Проезжая часть"}, {"key": "walk", "name": "Тротуар"}]
    )


class RejectionReasonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RejectionReason
        django_get_or_create = ("code",)

    code = "offensive"
    text = "Текст содержит нецензурные выражения"


class ReportFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Report

    author = factory.SubFactory(UserFactory)
    channel = Channel.WEB
    topic = factory.SubFactory(TopicFactory)
    text = "Глубокая яма на проезжей части у дома 5"
    municipality = factory.SubFactory(MunicipalityFactory)
    lat = factory.LazyAttribute(lambda o: o.municipality.centre_lat)
    lon = factory.LazyAttribute(lambda o: o.municipality.centre_lon)
    address = "ул. Ленина, 5"
    status = Status.SUBMITTED
    search_stems = factory.LazyAttribute(lambda o: stems(o.text, o.topic.name, o.address))


def administration_of(municipality) -> Agency:
    existing = Agency.objects.filter(administers=municipality).first()
    return existing or MunicipalAdministrationFactory(administers=municipality)


class RoutedReportFactory(ReportFactory):
    status = Status.ROUTED
    agency = factory.LazyAttribute(lambda o: administration_of(o.municipality))
    routed_at = factory.LazyFunction(timezone.now)
    due_at = factory.LazyFunction(lambda: timezone.now() + timezone.timedelta(days=14))
