"""The calendar in the back office: list by year, filter by kind, edits through the services."""

import datetime as dt

import pytest
from django.urls import reverse

from veche.accounts.tests.factories import StaffUserFactory
from veche.staff.models import Role, RoleAssignment
from veche.territory.tests.factories import MunicipalityFactory
from veche.workdays.calendar import is_working_day
from veche.workdays.models import CalendarDay

CHANGELIST = reverse("admin:workdays_calendarday_changelist")
ADD = reverse("admin:workdays_calendarday_add")
pytestmark = pytest.mark.usefixtures("official_calendar")


def change_url(day: dt.date) -> str:
    pk = CalendarDay.objects.get(date=day).pk
    return reverse("admin:workdays_calendarday_change", args=[pk])


@pytest.fixture
def regional_admin(client):
    user = StaffUserFactory()
    RoleAssignment.objects.create(user=user, role=Role.REGIONAL_ADMIN)
    client.force_login(user)
    return user


def test_the_admin_index_offers_the_calendar_to_a_regional_admin(client, regional_admin):
    response = client.get(reverse("admin:index"))
    assert response.status_code == 200
    assert CHANGELIST in response.content.decode()


def test_list_by_year_shows_only_that_years_days(client, regional_admin):
    response = client.get(CHANGELIST, {"year": "2025"})
    assert response.status_code == 200
    dates = {row.date for row in response.context["cl"].result_list}
    assert dt.date(2025, 1, 1) in dates and dt.date(2025, 11, 1) in dates
    assert all(d.year == 2025 for d in dates)


def test_filter_by_kind(client, regional_admin):
    response = client.get(CHANGELIST, {"year": "2024", "kind__exact": "transfer"})
    rows = {(row.date, row.is_working) for row in response.context["cl"].result_list}
    assert rows == {
        (dt.date(2024, 4, 27), True),
        (dt.date(2024, 4, 29), False),
        (dt.date(2024, 4, 30), False),
        (dt.date(2024, 5, 10), False),
        (dt.date(2024, 11, 2), True),
        (dt.date(2024, 12, 28), True),
        (dt.date(2024, 12, 30), False),
        (dt.date(2024, 12, 31), False),
    }


def test_the_change_form_makes_a_working_saturday_a_day_off(client, regional_admin):
    day = dt.date(2024, 12, 28)
    response = client.post(
        change_url(day), {"is_working": "", "kind": "custom", "note": "Решение округа"}
    )
    assert response.status_code == 302
    row = CalendarDay.objects.get(date=day)
    assert (row.is_working, row.kind, row.source, row.updated_by) == (
        False,
        "custom",
        "admin",
        regional_admin,
    )
    assert not is_working_day(day)  # the cache was dropped by the service


def test_the_add_form_makes_an_ordinary_weekday_a_day_off(client, regional_admin):
    day = dt.date(2025, 3, 6)
    assert is_working_day(day)
    response = client.post(ADD, {"date": "06.03.2025", "kind": "custom", "note": "Паводок"})
    assert response.status_code == 302, response.context["adminform"].form.errors
    assert CalendarDay.objects.get(date=day).source == "admin"
    assert not is_working_day(day)


def test_the_add_form_refuses_a_working_holiday_in_russian(client, regional_admin):
    response = client.post(ADD, {"date": "06.03.2025", "is_working": "on", "kind": "holiday"})
    assert response.status_code == 200
    assert "Праздничный день не может быть рабочим" in response.content.decode()
    assert not CalendarDay.objects.filter(date=dt.date(2025, 3, 6)).exists()


def test_list_editing_goes_through_the_service(client, regional_admin):
    rows = list(CalendarDay.objects.filter(date__year=2027).order_by("date")[:2])
    data = {
        "form-TOTAL_FORMS": "2",
        "form-INITIAL_FORMS": "2",
        "_save": "Save",
    }
    for i, row in enumerate(rows):
        data |= {f"form-{i}-id": str(row.pk), f"form-{i}-kind": row.kind, f"form-{i}-note": ""}
    data["form-1-is_working"] = "on"
    data["form-1-kind"] = "custom"
    response = client.post(f"{CHANGELIST}?year=2027", data)
    assert response.status_code == 302
    edited = CalendarDay.objects.get(pk=rows[1].pk)
    assert (edited.is_working, edited.source) == (True, "admin")
    assert is_working_day(edited.date)


def test_delete_goes_through_the_service(client, regional_admin):
    day = dt.date(2025, 5, 2)
    response = client.post(change_url(day).replace("/change/", "/delete/"), {"post": "yes"})
    assert response.status_code == 302
    assert not CalendarDay.objects.filter(date=day).exists()
    assert is_working_day(day)


def test_a_municipal_admin_cannot_open_the_calendar(client):
    user = StaffUserFactory()
    RoleAssignment.objects.create(
        user=user, role=Role.MUNICIPAL_ADMIN, municipality=MunicipalityFactory()
    )
    client.force_login(user)
    assert CHANGELIST not in client.get(reverse("admin:index")).content.decode()
    assert client.get(CHANGELIST).status_code == 403
    response = client.post(change_url(dt.date(2025, 1, 3)), {"is_working": "on", "kind": "custom"})
    assert response.status_code == 403
    assert not is_working_day(dt.date(2025, 1, 3))
