"""The official calendar data: every year 2017–2027, checked against the published totals."""

import datetime as dt

import pytest

from veche.workdays import official
from veche.workdays.calendar import is_working_day, working_days_in_range
from veche.workdays.models import CalendarDay

YEARS = range(2017, 2028)
# Working days of a five-day week, as the official production calendars publish them.
OFFICIAL_WORKING_DAYS = {
    2017: 247,
    2018: 247,
    2019: 247,
    2020: 248,
    2021: 247,
    2022: 247,
    2023: 247,
    2024: 248,
    2025: 247,
    2026: 247,
}
# Norm of hours for a 40-hour week: 8 h a working day, one hour less on each pre-holiday day.
OFFICIAL_HOURS = {
    2017: 1973,
    2018: 1970,
    2019: 1970,
    2020: 1979,
    2021: 1972,
    2022: 1973,
    2023: 1973,
    2024: 1979,
    2025: 1972,
}
ALWAYS_OFF = [(1, d) for d in range(1, 9)] + [(2, 23), (3, 8), (5, 1), (5, 9), (6, 12), (11, 4)]

pytestmark = pytest.mark.usefixtures("official_calendar")


def test_the_data_file_covers_2017_to_2027():
    assert official.available_years() == list(YEARS)


@pytest.mark.parametrize("year", YEARS)
def test_every_public_holiday_is_non_working(year):
    for month, day in ALWAYS_OFF:
        date = dt.date(year, month, day)
        assert not is_working_day(date), date
        assert CalendarDay.objects.get(date=date).kind == CalendarDay.Kind.HOLIDAY


@pytest.mark.parametrize(("year", "expected"), OFFICIAL_WORKING_DAYS.items())
def test_working_days_per_year_match_the_official_calendar(year, expected):
    assert working_days_in_range(dt.date(year, 1, 1), dt.date(year, 12, 31)) == expected


@pytest.mark.parametrize(("year", "hours"), OFFICIAL_HOURS.items())
def test_hour_norm_per_year_matches_the_official_calendar(year, hours):
    days = working_days_in_range(dt.date(year, 1, 1), dt.date(year, 12, 31))
    shortened = [row for row in official.official_days([year]) if row.shortened]
    assert all(is_working_day(row.date) for row in shortened)
    assert days * 8 - len(shortened) == hours


@pytest.mark.parametrize("year", YEARS)
def test_each_transfer_moves_a_weekend_day_off_onto_a_weekday(year):
    for transfer in official.load_data()["years"][str(year)]["transfers"]:
        source = dt.date.fromisoformat(transfer["from"])
        target = dt.date.fromisoformat(transfer["to"])
        assert source.year == year and source.weekday() >= 5, transfer
        assert target.weekday() < 5 and not is_working_day(target), transfer


def test_known_transfers_from_the_decrees():
    # Working Saturdays (their days off moved elsewhere) and the days off they became.
    working = [(2018, 4, 28), (2018, 6, 9), (2018, 12, 29), (2021, 2, 20), (2022, 3, 5)]
    working += [(2024, 4, 27), (2024, 11, 2), (2024, 12, 28), (2025, 11, 1)]
    assert all(is_working_day(dt.date(*d)) for d in working)
    off = [(2017, 2, 24), (2019, 5, 10), (2021, 11, 5), (2021, 12, 31), (2024, 4, 30)]
    off += [(2025, 5, 2), (2025, 12, 31), (2026, 1, 9), (2026, 12, 31)]
    assert not any(is_working_day(dt.date(*d)) for d in off)


def test_only_2027_is_provisional():
    assert [year for year in YEARS if official.is_provisional(year)] == [2027]


def test_days_outside_the_data_follow_the_weekday_rule():
    assert is_working_day(dt.date(2030, 1, 1))  # a Tuesday: no data for 2030 yet
    assert not is_working_day(dt.date(2030, 1, 5))  # a Saturday
