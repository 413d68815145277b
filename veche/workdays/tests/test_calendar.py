"""Working-day arithmetic: New Year holidays, transferred Saturdays, the region's time zone."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from veche.workdays.calendar import (
    add_calendar_days,
    add_working_days,
    count_working_days,
    is_working_day,
    local_day,
    working_days_in_range,
)

YUGRA = ZoneInfo("Asia/Yekaterinburg")
UTC = dt.UTC
pytestmark = pytest.mark.usefixtures("official_calendar")


@pytest.fixture(autouse=True)
def _region_zone(settings):
    settings.TIME_ZONE = "Asia/Yekaterinburg"


def yugra(year, month, day, hour=10, minute=0) -> dt.datetime:
    return dt.datetime(year, month, day, hour, minute, tzinfo=YUGRA)


def end_of(year, month, day) -> dt.datetime:
    return dt.datetime(year, month, day, 23, 59, 59, 999999, tzinfo=YUGRA)


# --- New Year 2024/2025 -----------------------------------------------------------------------


def test_new_year_window_has_exactly_four_working_days():
    days = [dt.date(2024, 12, 28) + dt.timedelta(days=i) for i in range(17)]  # … 2025-01-13
    working = [d for d in days if is_working_day(d)]
    assert working == [
        dt.date(2024, 12, 28),  # Saturday, made working (its day off moved to 30 December)
        dt.date(2025, 1, 9),
        dt.date(2025, 1, 10),
        dt.date(2025, 1, 13),
    ]
    assert working_days_in_range(dt.date(2024, 12, 28), dt.date(2025, 1, 13)) == 4


def test_ten_working_days_from_friday_27_december_2024():
    # 28 Dec (1), 9 Jan (2), 10 (3), 13 (4), 14 (5), 15 (6), 16 (7), 17 (8), 20 (9), 21 (10).
    assert add_working_days(yugra(2024, 12, 27), 10) == end_of(2025, 1, 21)


def test_ten_working_days_from_the_working_saturday_28_december_2024():
    # The moment's own day never counts: 9 Jan is the first, 22 Jan the tenth.
    assert add_working_days(yugra(2024, 12, 28), 10) == end_of(2025, 1, 22)


def test_one_and_two_working_days_from_27_december_2024():
    assert add_working_days(yugra(2024, 12, 27), 1) == end_of(2024, 12, 28)
    assert add_working_days(yugra(2024, 12, 27), 2) == end_of(2025, 1, 9)


def test_counting_across_the_new_year_holidays():
    assert count_working_days(yugra(2024, 12, 27), yugra(2025, 1, 13)) == 4
    assert count_working_days(yugra(2024, 12, 28), yugra(2025, 1, 13)) == 3
    assert count_working_days(yugra(2024, 12, 29), yugra(2025, 1, 8, 18)) == 0


def test_count_is_zero_when_end_is_not_after_start():
    assert count_working_days(yugra(2025, 1, 13), yugra(2025, 1, 9)) == 0
    assert count_working_days(yugra(2025, 1, 13), yugra(2025, 1, 13)) == 0


def test_same_local_day_counts_nothing():
    assert count_working_days(yugra(2025, 1, 13, 9), yugra(2025, 1, 13, 18)) == 0


# --- Transferred working Saturdays --------------------------------------------------------------


def test_a_transferred_working_saturday_counts():
    saturday = dt.date(2025, 11, 1)  # its day off moved to Monday 3 November
    assert saturday.weekday() == 5 and is_working_day(saturday)
    assert not is_working_day(dt.date(2025, 11, 3))
    assert add_working_days(yugra(2025, 10, 31), 1) == end_of(2025, 11, 1)
    # 1 Nov (Sat, working), 2 Sun, 3 moved day off, 4 Unity Day, 5 Wed.
    assert count_working_days(yugra(2025, 10, 31), yugra(2025, 11, 5)) == 2


def test_an_ordinary_saturday_does_not_count():
    assert not is_working_day(dt.date(2025, 10, 25))
    assert add_working_days(yugra(2025, 10, 24), 1) == end_of(2025, 10, 27)


def test_2025_holidays_on_weekends_moved_by_decree_not_to_monday():
    # 23 Feb and 8 Mar 2025 fell on weekends; the decree moved their days off to 8 May and 13 June.
    assert is_working_day(dt.date(2025, 2, 24)) and is_working_day(dt.date(2025, 3, 10))
    assert not is_working_day(dt.date(2025, 5, 8)) and not is_working_day(dt.date(2025, 6, 13))


# --- Time zone ----------------------------------------------------------------------------------


def test_the_same_instant_as_local_and_utc_lands_on_the_same_local_day():
    local = yugra(2025, 1, 9, 23, 30)
    utc = dt.datetime(2025, 1, 9, 18, 30, tzinfo=UTC)
    assert local == utc
    assert local_day(utc) == dt.date(2025, 1, 9)
    assert add_working_days(utc, 1) == add_working_days(local, 1) == end_of(2025, 1, 10)


def test_an_evening_utc_moment_is_already_the_next_day_in_yugra():
    moment = dt.datetime(2025, 1, 9, 20, 0, tzinfo=UTC)  # 01:00 on 10 January in Yugra
    assert local_day(moment) == dt.date(2025, 1, 10)
    assert add_working_days(moment, 1) == end_of(2025, 1, 13)
    # Counted in UTC instead, the moment is still on 9 January.
    utc_deadline = add_working_days(moment, 1, tz="UTC")
    assert utc_deadline == dt.datetime(2025, 1, 10, 23, 59, 59, 999999, tzinfo=UTC)


def test_count_uses_the_local_day_of_both_moments():
    start = dt.datetime(2025, 1, 9, 20, 0, tzinfo=UTC)  # 01:00 on 10 Jan in Yugra
    end = dt.datetime(2025, 1, 10, 12, 0, tzinfo=UTC)  # 17:00 on 10 Jan in Yugra
    assert count_working_days(start, end) == 0  # the same local day
    assert count_working_days(start, end, tz="UTC") == 1  # 9 Jan → 10 Jan in UTC
    end = dt.datetime(2025, 1, 12, 19, 30, tzinfo=UTC)  # 00:30 on Monday 13 Jan in Yugra
    assert count_working_days(start, end) == 1


def test_deadline_is_aware_and_in_the_region_zone():
    deadline = add_working_days(dt.datetime(2025, 3, 3, 5, tzinfo=UTC), 1)
    assert deadline.utcoffset() == dt.timedelta(hours=5)
    assert deadline.astimezone(UTC) == dt.datetime(2025, 3, 4, 18, 59, 59, 999999, tzinfo=UTC)


def test_a_naive_moment_is_refused():
    with pytest.raises(ValueError):
        add_working_days(dt.datetime(2025, 1, 9, 12), 1)


def test_a_moment_is_not_taken_for_a_date():
    with pytest.raises(TypeError):
        is_working_day(dt.datetime(2025, 1, 9, 20, 0, tzinfo=UTC))


def test_a_negative_number_of_days_is_refused():
    with pytest.raises(ValueError):
        add_working_days(yugra(2025, 1, 9), -1)
    with pytest.raises(ValueError):
        add_calendar_days(yugra(2025, 1, 9), -1)


# --- Calendar days ------------------------------------------------------------------------------


def test_calendar_days_end_at_the_end_of_the_local_day_holidays_included():
    assert add_calendar_days(yugra(2024, 12, 27), 10) == end_of(2025, 1, 6)
    late = dt.datetime(2024, 12, 31, 19, 30, tzinfo=UTC)  # 00:30 on 1 Jan in Yugra
    assert add_calendar_days(late, 30) == end_of(2025, 1, 31)


def test_zero_working_days_is_the_end_of_the_moments_own_day():
    assert add_working_days(yugra(2025, 1, 4), 0) == end_of(2025, 1, 4)


# --- Round trip and the arithmetic shortcut -----------------------------------------------------


def _moments(day: dt.date):
    yield dt.datetime.combine(day, dt.time(0, 0), tzinfo=YUGRA)
    yield dt.datetime.combine(day, dt.time(23, 30), tzinfo=YUGRA)
    yield dt.datetime.combine(day, dt.time(19, 30), tzinfo=UTC)  # next day in Yugra


def test_count_inverts_add_for_every_day_of_2017_to_2027():
    day = dt.date(2017, 1, 1)
    while day <= dt.date(2027, 12, 31):
        n = day.toordinal() % 31
        for moment in _moments(day):
            deadline = add_working_days(moment, n)
            assert count_working_days(moment, deadline) == n, (moment, n)
            # The deadline's day is itself working, unless no day was added at all.
            assert n == 0 or is_working_day(deadline.date())
        day += dt.timedelta(days=1)


def test_count_inverts_add_for_every_n_across_new_year_2025():
    for offset in range(-10, 20):
        moment = yugra(2025, 1, 1) + dt.timedelta(days=offset, hours=offset % 24)
        for n in range(0, 61):
            assert count_working_days(moment, add_working_days(moment, n)) == n, (moment, n)


def test_range_arithmetic_agrees_with_walking_day_by_day():
    first = dt.date(2016, 12, 20)
    spans = [0, 1, 6, 7, 13, 40, 200, 366, 800, 4000]
    for start_offset in range(0, 4000, 97):
        a = first + dt.timedelta(days=start_offset)
        for span in spans:
            b = a + dt.timedelta(days=span)
            walked = sum(is_working_day(a + dt.timedelta(days=i)) for i in range(span + 1))
            assert working_days_in_range(a, b) == walked, (a, b)
