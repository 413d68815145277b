"""Working-day arithmetic for deadlines and statistics.

Semantics (docs/calendar.md), as in the law on citizens' appeals (59-ФЗ):

- A moment belongs to the calendar day on which it falls in the region's time zone
  (settings.TIME_ZONE, Asia/Yekaterinburg = UTC+5 for Yugra), unless `tz` says otherwise.
  2025-01-09T20:00Z is already 2025-01-10 in Yugra.
- Counting starts on the day AFTER the moment's day.
- The deadline of N working days is the END (23:59:59.999999 local) of the N-th working day after
  the moment's day, returned as an aware datetime in that zone.
- `count_working_days(start, end)` counts the working days strictly after start's local day, up to
  and including end's local day; 0 when end <= start. So
  `count_working_days(t, add_working_days(t, n)) == n`.

A day is working when a stored CalendarDay says so, else when it is Monday to Friday. Each year's
stored exceptions are read once per process and kept in memory; `clear_cache()` (called by the
services on every change) drops them, and a version number in Django's cache tells the other
processes to drop theirs.
"""

import bisect
import time
import zoneinfo
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, tzinfo
from datetime import time as clock

from django.core.cache import cache
from django.utils import timezone

from . import selectors

VERSION_KEY = "workdays:calendar-version"
# How often (seconds) a process asks the shared cache whether another process changed the calendar.
VERSION_CHECK_SECONDS = 2.0
# A calendar with no working day for this long is broken; stop instead of looping for ever.
MAX_NON_WORKING_RUN = 366


@dataclass
class _Year:
    exceptions: dict[date, bool]
    # Sorted dates where the stored value differs from the Mon–Fri rule, for counting by bisection.
    extra_working: list[date] = field(default_factory=list)  # Saturdays/Sundays made working
    extra_off: list[date] = field(default_factory=list)  # weekdays made non-working

    @classmethod
    def build(cls, exceptions: dict[date, bool]) -> "_Year":
        working = sorted(d for d, w in exceptions.items() if w and d.weekday() >= 5)
        off = sorted(d for d, w in exceptions.items() if not w and d.weekday() < 5)
        return cls(exceptions, working, off)


_years: dict[int, _Year] = {}
_seen_version: int | None = None
_checked_at: float = float("-inf")


def clear_cache(*, broadcast: bool = False) -> None:
    """Forget the cached years; with `broadcast`, tell the other processes to forget theirs too."""
    global _seen_version, _checked_at
    _years.clear()
    if broadcast:
        cache.add(VERSION_KEY, 0, timeout=None)
        try:
            _seen_version = cache.incr(VERSION_KEY)
        except ValueError:  # evicted between add and incr
            cache.set(VERSION_KEY, 1, timeout=None)
            _seen_version = 1
        _checked_at = time.monotonic()


def _sync_with_other_processes() -> None:
    global _seen_version, _checked_at
    now = time.monotonic()
    if now - _checked_at < VERSION_CHECK_SECONDS:
        return
    _checked_at = now
    version = cache.get(VERSION_KEY)
    if version != _seen_version:
        _years.clear()
        _seen_version = version


def _year(year: int) -> _Year:
    _sync_with_other_processes()
    cached = _years.get(year)
    if cached is None:
        cached = _years[year] = _Year.build(selectors.year_exceptions(year))
    return cached


# --- Days ------------------------------------------------------------------------------------


def is_working_day(day: date) -> bool:
    """Whether `day` is a working day: its stored exception, else Monday to Friday."""
    if isinstance(day, datetime):  # its calendar day depends on the zone: use local_day() first
        raise TypeError("is_working_day() takes a date; pass local_day(moment) for a moment.")
    stored = _year(day.year).exceptions.get(day)
    return stored if stored is not None else day.weekday() < 5


def _weekdays_before(day: date) -> int:
    """Mondays to Fridays from 0001-01-01 (a Monday) up to, not including, `day`."""
    weeks, rest = divmod(day.toordinal() - 1, 7)
    return weeks * 5 + min(rest, 5)


def working_days_in_range(first: date, last: date) -> int:
    """Working days from `first` to `last`, both included; 0 when last < first.

    Counts weekdays arithmetically and corrects them by each year's stored exceptions, so a span
    of years costs a few bisections, not a loop over its days.
    """
    if last < first:
        return 0
    total = _weekdays_before(last + timedelta(days=1)) - _weekdays_before(first)
    for year in range(first.year, last.year + 1):
        data = _year(year)
        for dates, sign in ((data.extra_working, 1), (data.extra_off, -1)):
            total += sign * (bisect.bisect_right(dates, last) - bisect.bisect_left(dates, first))
    return total


# --- Moments ---------------------------------------------------------------------------------


def region_timezone(tz: tzinfo | str | None = None) -> tzinfo:
    """The zone that decides on which calendar day a moment falls (settings.TIME_ZONE if None)."""
    if tz is None:
        return timezone.get_default_timezone()
    return zoneinfo.ZoneInfo(tz) if isinstance(tz, str) else tz


def local_day(moment: datetime, *, tz: tzinfo | str | None = None) -> date:
    """The calendar day on which an aware moment falls in the region's zone."""
    if timezone.is_naive(moment):
        raise ValueError("A moment must be an aware datetime (USE_TZ is on).")
    return moment.astimezone(region_timezone(tz)).date()


def end_of_day(day: date, *, tz: tzinfo | str | None = None) -> datetime:
    """23:59:59.999999 of `day` in the region's zone, as an aware datetime."""
    return datetime.combine(day, clock.max, tzinfo=region_timezone(tz))


def add_working_days(moment: datetime, n: int, *, tz: tzinfo | str | None = None) -> datetime:
    """The deadline N working days after `moment`: the end of the N-th working day after its day.

    The moment's own day never counts, whatever hour it is; n=0 gives the end of the moment's day.
    Example: from 2024-12-27 (Friday) 10 working days end on 2025-01-21 23:59:59.999999 (Yugra),
    because 2024-12-28 is a working Saturday and 2024-12-29 … 2025-01-08 are days off.
    """
    if n < 0:
        raise ValueError("The number of working days must not be negative.")
    day = local_day(moment, tz=tz)
    remaining, idle = n, 0
    while remaining:
        day += timedelta(days=1)
        if is_working_day(day):
            remaining, idle = remaining - 1, 0
        else:
            idle += 1
            if idle > MAX_NON_WORKING_RUN:
                raise RuntimeError(
                    f"The calendar has no working day after {day - timedelta(idle)}."
                )
    return end_of_day(day, tz=tz)


def add_calendar_days(moment: datetime, n: int, *, tz: tzinfo | str | None = None) -> datetime:
    """The deadline N calendar days after `moment`: the end of the N-th day after its day."""
    if n < 0:
        raise ValueError("The number of calendar days must not be negative.")
    return end_of_day(local_day(moment, tz=tz) + timedelta(days=n), tz=tz)


def count_working_days(start: datetime, end: datetime, *, tz: tzinfo | str | None = None) -> int:
    """Working days strictly after start's local day, up to and including end's local day.

    0 when end <= start. The inverse of `add_working_days`: count(t, add(t, n)) == n.
    """
    if end <= start:
        return 0
    first = local_day(start, tz=tz) + timedelta(days=1)
    return working_days_in_range(first, local_day(end, tz=tz))
