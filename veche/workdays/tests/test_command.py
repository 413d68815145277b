"""`manage.py load_calendar` and the demo seed."""

import datetime as dt
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from veche.workdays import demo
from veche.workdays.models import CalendarDay


@pytest.mark.django_db
def test_load_calendar_for_one_year_restores_it_and_keeps_admin_days():
    CalendarDay.objects.filter(date__year=2025).delete()
    CalendarDay.objects.create(date=dt.date(2025, 1, 8), is_working=True, source="admin")
    out = StringIO()
    call_command("load_calendar", "--year", "2025", stdout=out)
    assert "Календарь рабочих дней загружен" in out.getvalue()
    assert CalendarDay.objects.get(date=dt.date(2025, 1, 8)).is_working is True
    assert CalendarDay.objects.get(date=dt.date(2025, 12, 31)).is_working is False


@pytest.mark.django_db
def test_load_calendar_warns_that_2027_is_provisional():
    out = StringIO()
    call_command("load_calendar", "--year", "2027", stdout=out)
    assert "постановление" in out.getvalue()


@pytest.mark.django_db
def test_load_calendar_refuses_a_year_without_data():
    with pytest.raises(CommandError, match="нет данных за 2016"):
        call_command("load_calendar", "--year", "2016", stdout=StringIO())


@pytest.mark.django_db
def test_demo_seed_is_idempotent():
    CalendarDay.objects.all().delete()
    first = demo.seed()
    second = demo.seed()
    assert first.created == CalendarDay.objects.count() > 11 * 14
    assert (second.created, second.updated, second.deleted) == (0, 0, 0)
