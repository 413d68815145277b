from datetime import timedelta

import factory
from django.utils import timezone

from veche.content.models import (
    Event,
    KbCategory,
    KbEntry,
    Material,
    MaterialKind,
    News,
    Page,
    Status,
    Theme,
)


def _published():
    return timezone.now() - timedelta(hours=1)


class ThemeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Theme
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"Тема {n}")


class NewsFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = News

    title = factory.Sequence(lambda n: f"Новость № {n}")
    lead = "Коротко о главном."
    body = "<p>Текст новости.</p>"
    status = Status.PUBLISHED
    published_at = factory.LazyFunction(_published)


class PageFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Page

    parent = None
    title = factory.Sequence(lambda n: f"Страница {n}")
    slug = factory.Sequence(lambda n: f"page-{n}")
    path = factory.LazyAttribute(lambda o: f"{o.parent.path}/{o.slug}" if o.parent else o.slug)
    body = "<p>Текст страницы.</p>"
    status = Status.PUBLISHED
    published_at = factory.LazyFunction(_published)


class MaterialFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Material

    kind = MaterialKind.METHODOLOGICAL
    title = factory.Sequence(lambda n: f"Методичка {n}")
    status = Status.PUBLISHED
    published_at = factory.LazyFunction(_published)


class KbCategoryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = KbCategory
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"Раздел {n}")


class KbEntryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = KbEntry

    category = factory.SubFactory(KbCategoryFactory)
    question = factory.Sequence(lambda n: f"Как подать сообщение № {n}?")
    answer = "<p>Нажмите «Сообщить о проблеме».</p>"
    status = Status.PUBLISHED
    published_at = factory.LazyFunction(_published)


class EventFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Event

    title = factory.Sequence(lambda n: f"Встреча с жителями № {n}")
    starts_at = factory.LazyFunction(lambda: timezone.now() + timedelta(days=3))
    ends_at = factory.LazyAttribute(lambda o: o.starts_at + timedelta(hours=2))
    place = "Дом культуры «Октябрь»"
    status = Status.PUBLISHED
    published_at = factory.LazyFunction(_published)
