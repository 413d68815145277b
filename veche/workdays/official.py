"""The official production calendar, read from data/ru.json and expanded into calendar days.

Pure functions of the data file: no database. The loader (services.calendar_load) and the data
migration both build their rows from `official_days()`.

The file lists, per year, the government's transfers exactly as the decree words them ("move the
day off from Saturday 1 November to Monday 3 November") plus the Labour Code's own transfers
(art. 112 part 2: a holiday on a weekend moves the day off to the next working day), and the
shortened pre-holiday days (art. 95). A transfer's `to` day becomes a day off; its `from` day, when
it is not itself a holiday, becomes a working Saturday or Sunday.
"""

import json
from dataclasses import dataclass
from datetime import date
from functools import cache
from pathlib import Path

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

DATA_FILE = Path(__file__).resolve().parent / "data" / "ru.json"

# Labour Code art. 112 part 1: the names of the non-working public holidays, by (month, day).
HOLIDAY_NAMES = {
    (1, 7): gettext_lazy("Christmas"),
    (2, 23): gettext_lazy("Defender of the Fatherland Day"),
    (3, 8): gettext_lazy("International Women's Day"),
    (5, 1): gettext_lazy("Spring and Labour Day"),
    (5, 9): gettext_lazy("Victory Day"),
    (6, 12): gettext_lazy("Russia Day"),
    (11, 4): gettext_lazy("Unity Day"),
}
NEW_YEAR_HOLIDAYS = gettext_lazy("New Year holidays")


@dataclass(frozen=True)
class OfficialDay:
    date: date
    is_working: bool
    kind: str  # a CalendarDay.Kind value
    note: str
    shortened: bool = False  # a pre-holiday day, one hour shorter (Labour Code art. 95)


@cache
def load_data(path: Path = DATA_FILE) -> dict:
    with path.open(encoding="utf-8") as fh:
        return json.load(fh)


def available_years(data: dict | None = None) -> list[int]:
    data = data if data is not None else load_data()
    return sorted(int(year) for year in data["years"])


def _holiday_name(day: date) -> str:
    return str(HOLIDAY_NAMES.get((day.month, day.day), NEW_YEAR_HOLIDAYS))


def _year_days(year: int, spec: dict, holidays: list[str]) -> dict[date, OfficialDay]:
    days: dict[date, OfficialDay] = {}
    for month_day in holidays:
        day = date.fromisoformat(f"{year}-{month_day}")
        days[day] = OfficialDay(day, False, "holiday", _holiday_name(day))
    for transfer in spec.get("transfers", []):
        source, target = date.fromisoformat(transfer["from"]), date.fromisoformat(transfer["to"])
        note = _("Day off moved here from %(date)s") % {"date": f"{source:%d.%m.%Y}"}
        days[target] = OfficialDay(target, False, "transfer", note)
        if source not in days:  # a working Saturday or Sunday
            note = _("Working day: its day off moved to %(date)s") % {"date": f"{target:%d.%m.%Y}"}
            days[source] = OfficialDay(source, True, "transfer", note)
    label = _("Pre-holiday day, one hour shorter")
    for text in spec.get("shortened", []):
        day = date.fromisoformat(text)
        known = days.get(day)
        if known is None:
            days[day] = OfficialDay(day, True, "pre_holiday", label, shortened=True)
        elif known.is_working:  # a working Saturday that is also shortened keeps its kind
            days[day] = OfficialDay(day, True, known.kind, f"{known.note}. {label}", shortened=True)
        else:
            raise ValueError(f"{day} is listed as shortened but is a day off.")
    return days


def official_days(years: list[int] | None = None, data: dict | None = None) -> list[OfficialDay]:
    """Every exception the data file defines for `years` (all years when None), by date."""
    data = data if data is not None else load_data()
    wanted = available_years(data) if years is None else years
    rows: list[OfficialDay] = []
    for year in wanted:
        spec = data["years"].get(str(year))
        if spec is not None:
            rows.extend(_year_days(year, spec, data["holidays"]).values())
    return sorted(rows, key=lambda row: row.date)


def is_provisional(year: int, data: dict | None = None) -> bool:
    """True for a year whose government decree is not in the data yet (Labour Code only)."""
    data = data if data is not None else load_data()
    return bool(data["years"].get(str(year), {}).get("provisional", False))
