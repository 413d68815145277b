"""Admin edits and loading the official calendar, and how the cache follows them."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.core.cache import cache
from django.core.exceptions import PermissionDenied, ValidationError

from veche.accounts.tests.factories import StaffUserFactory, UserFactory
from veche.staff.models import Role, RoleAssignment
from veche.territory.tests.factories import MunicipalityFactory
from veche.workdays import calendar
from veche.workdays.calendar import add_working_days, count_working_days, is_working_day
from veche.workdays.models import CalendarDay
from veche.workdays.services import calendar_day_delete, calendar_day_set, calendar_load
from veche.workdays.tests.factories import CalendarDayFactory

YUGRA = ZoneInfo("Asia/Yekaterinburg")
pytestmark = pytest.mark.usefixtures("official_calendar")


def yugra(year, month, day, hour=10) -> dt.datetime:
    return dt.datetime(year, month, day, hour, tzinfo=YUGRA)


def end_of(year, month, day) -> dt.datetime:
    return dt.datetime(year, month, day, 23, 59, 59, 999999, tzinfo=YUGRA)


@pytest.fixture
def regional_admin(db):
    user = StaffUserFactory()
    RoleAssignment.objects.create(user=user, role=Role.REGIONAL_ADMIN)
    return user


@pytest.fixture
def municipal_admin(db):
    user = StaffUserFactory()
    RoleAssignment.objects.create(
        user=user, role=Role.MUNICIPAL_ADMIN, municipality=MunicipalityFactory()
    )
    return user


# --- calendar_day_set ---------------------------------------------------------------------------


def test_an_admin_made_day_off_shifts_a_deadline(regional_admin):
    monday = yugra(2025, 3, 3)
    # 4, 5, 6, 7 March, then Monday 10 March (8 March fell on a Saturday, moved to 13 June).
    assert add_working_days(monday, 5) == end_of(2025, 3, 10)
    calendar_day_set(
        day=dt.date(2025, 3, 6), is_working=False, note="Паводок", actor=regional_admin
    )
    assert add_working_days(monday, 5) == end_of(2025, 3, 11)
    assert count_working_days(monday, end_of(2025, 3, 11)) == 5


def test_an_admin_made_working_day_shortens_a_deadline(regional_admin):
    calendar_day_set(day=dt.date(2025, 1, 8), is_working=True, actor=regional_admin)
    assert is_working_day(dt.date(2025, 1, 8))
    assert add_working_days(yugra(2025, 1, 6), 1) == end_of(2025, 1, 8)


def test_set_marks_the_row_as_the_admins(regional_admin):
    row = calendar_day_set(
        day=dt.date(2024, 12, 28), is_working=False, note="Решение округа", actor=regional_admin
    )
    row.refresh_from_db()
    assert (row.is_working, row.kind, row.source) == (False, "custom", "admin")
    assert row.updated_by == regional_admin and row.note == "Решение округа"
    assert CalendarDay.objects.filter(date=dt.date(2024, 12, 28)).count() == 1


def test_a_municipal_admin_may_not_change_the_calendar(municipal_admin):
    with pytest.raises(PermissionDenied, match="Вы не можете изменять календарь рабочих дней"):
        calendar_day_set(day=dt.date(2025, 3, 6), is_working=False, actor=municipal_admin)
    assert not CalendarDay.objects.filter(date=dt.date(2025, 3, 6)).exists()


def test_a_resident_may_not_change_the_calendar(db):
    with pytest.raises(PermissionDenied):
        calendar_day_delete(day=dt.date(2025, 1, 1), actor=UserFactory())
    assert not is_working_day(dt.date(2025, 1, 1))


def test_a_holiday_cannot_be_made_working_under_the_holiday_kind(regional_admin):
    with pytest.raises(ValidationError) as error:
        calendar_day_set(
            day=dt.date(2025, 1, 2), is_working=True, kind="holiday", actor=regional_admin
        )
    assert "Праздничный день не может быть рабочим" in str(error.value)
    row = CalendarDay.objects.get(date=dt.date(2025, 1, 2))
    assert (row.is_working, row.source) == (False, "official")
    assert not is_working_day(dt.date(2025, 1, 2))


def test_delete_brings_back_the_weekday_rule(regional_admin):
    assert not is_working_day(dt.date(2025, 5, 2))  # a Friday, day off moved from 4 January
    assert calendar_day_delete(day=dt.date(2025, 5, 2), actor=regional_admin) is True
    assert is_working_day(dt.date(2025, 5, 2))
    assert calendar_day_delete(day=dt.date(2025, 5, 2), actor=regional_admin) is False


# --- calendar_load ------------------------------------------------------------------------------


def test_loading_again_changes_nothing():
    result = calendar_load()
    assert (result.created, result.updated, result.deleted, result.kept) == (0, 0, 0, 0)


def test_loading_keeps_an_admins_edit(regional_admin):
    calendar_day_set(day=dt.date(2025, 1, 8), is_working=True, actor=regional_admin)
    result = calendar_load(years=[2025])
    assert result.kept == 1
    row = CalendarDay.objects.get(date=dt.date(2025, 1, 8))
    assert (row.is_working, row.source) == (True, "admin")
    assert is_working_day(dt.date(2025, 1, 8))


def test_loading_restores_an_official_day_changed_behind_the_services_back():
    CalendarDay.objects.filter(date=dt.date(2025, 1, 3)).update(is_working=True, kind="custom")
    CalendarDay.objects.filter(date=dt.date(2025, 5, 2)).delete()
    result = calendar_load(years=[2025])
    assert (result.created, result.updated) == (1, 1)
    assert not is_working_day(dt.date(2025, 1, 3)) and not is_working_day(dt.date(2025, 5, 2))


def test_loading_removes_official_rows_the_data_no_longer_lists():
    CalendarDay.objects.create(date=dt.date(2025, 7, 1), is_working=False, source="official")
    assert calendar_load(years=[2025]).deleted == 1
    assert is_working_day(dt.date(2025, 7, 1))


def test_loading_a_year_without_data_is_refused_and_writes_nothing():
    before = CalendarDay.objects.count()
    with pytest.raises(ValidationError, match="нет данных за 2031"):
        calendar_load(years=[2025, 2031])
    assert CalendarDay.objects.count() == before


def test_notes_are_stored_in_russian():
    assert CalendarDay.objects.get(date=dt.date(2025, 1, 7)).note == "Рождество Христово"
    note = CalendarDay.objects.get(date=dt.date(2025, 11, 1)).note
    assert note.startswith("Рабочий день: выходной перенесён на 03.11.2025")


# --- The cache ----------------------------------------------------------------------------------


def test_a_year_is_read_once_then_served_from_memory(django_assert_num_queries):
    start, end = yugra(2024, 12, 1), yugra(2025, 2, 1)
    with django_assert_num_queries(2):  # 2024 and 2025
        assert count_working_days(start, end) == 38  # 21 in December, 17 in January
    with django_assert_num_queries(0):
        for _ in range(1000):
            count_working_days(start, end)
            add_working_days(start, 20)


def test_another_processs_change_reaches_this_process(monkeypatch):
    day = dt.date(2025, 3, 6)
    assert is_working_day(day)  # now cached
    # Another process writes the row and bumps the shared version.
    CalendarDayFactory(date=day, is_working=False)
    assert is_working_day(day)  # this process has not looked at the version yet
    cache.add(calendar.VERSION_KEY, 0, timeout=None)
    cache.incr(calendar.VERSION_KEY)
    monkeypatch.setattr(calendar, "VERSION_CHECK_SECONDS", 0)
    assert not is_working_day(day)


def test_a_change_through_the_service_bumps_the_shared_version(regional_admin):
    before = cache.get(calendar.VERSION_KEY) or 0
    calendar_day_set(day=dt.date(2025, 3, 6), is_working=False, actor=regional_admin)
    assert cache.get(calendar.VERSION_KEY) > before
