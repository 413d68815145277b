"""Reads of the working-day calendar. Deadlines and statistics use veche.workdays.calendar,
which caches what `year_exceptions` returns."""

from datetime import date

from .models import CalendarDay


def year_exceptions(year: int) -> dict[date, bool]:
    """The stored exceptions of one year: date → is it a working day."""
    rows = CalendarDay.objects.filter(date__gte=date(year, 1, 1), date__lte=date(year, 12, 31))
    return dict(rows.values_list("date", "is_working"))
