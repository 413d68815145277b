"""Factories for calendar days. An admin's day by default; other apps may use these too."""

import datetime

import factory

from veche.workdays.models import CalendarDay


class CalendarDayFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CalendarDay
        django_get_or_create = ("date",)

    date = factory.Sequence(lambda n: datetime.date(2030, 1, 1) + datetime.timedelta(days=n))
    is_working = False
    kind = CalendarDay.Kind.CUSTOM
    note = ""
    source = CalendarDay.Source.ADMIN
