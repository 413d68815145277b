"""Writes to the working-day calendar: an admin's edits and loading the official data.

Every write drops the in-memory calendar cache (here and, through Django's cache, in the other
processes) so that deadlines computed after it see the change.
"""

from dataclasses import dataclass
from datetime import date

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _

from . import official
from .calendar import clear_cache
from .models import CalendarDay

CHANGE_PERMISSION = "workdays.change_calendarday"


@dataclass(frozen=True)
class LoadResult:
    created: int
    updated: int
    deleted: int
    kept: int  # rows an admin edited, left as they are


def _invalidate() -> None:
    clear_cache(broadcast=True)
    # Another request may have re-read the old rows before the commit; drop them again after it.
    transaction.on_commit(lambda: clear_cache(broadcast=True))


def _check_actor(actor) -> None:
    if actor is not None and not actor.has_perm(CHANGE_PERMISSION):
        raise PermissionDenied(_("You may not change the working-day calendar."))


def calendar_day_set(
    *,
    day: date,
    is_working: bool,
    note: str = "",
    actor,
    kind: str = CalendarDay.Kind.CUSTOM,
) -> CalendarDay:
    """Make `day` working or non-working, as an admin's decision the loader will not overwrite.

    `actor` is the user who decides (None only for scripts run by the operator).
    """
    _check_actor(actor)
    with transaction.atomic():
        row = CalendarDay.objects.select_for_update().filter(date=day).first()
        row = row or CalendarDay(date=day)
        row.is_working, row.kind, row.note = is_working, kind, note
        row.source = CalendarDay.Source.ADMIN
        row.updated_by = actor
        row.full_clean()
        row.save()
        _invalidate()
    return row


def calendar_day_delete(*, day: date, actor) -> bool:
    """Remove the stored exception for `day`, so the Mon–Fri rule applies again.

    An official day removed here comes back on the next load; to overrule one, set it instead.
    """
    _check_actor(actor)
    with transaction.atomic():
        deleted, _details = CalendarDay.objects.filter(date=day).delete()
        _invalidate()
    return bool(deleted)


def official_load_apply(model, days: list[official.OfficialDay], years: list[int]) -> LoadResult:
    """Write the official `days` of `years` into `model` (CalendarDay or its migration twin).

    Expects to run inside a transaction. Rows an admin wrote are kept; official rows the data no
    longer lists are deleted.
    """
    existing = {
        row.date: row
        for row in model.objects.select_for_update().filter(date__year__in=years).order_by("date")
    }
    created = updated = kept = 0
    for day in days:
        row = existing.get(day.date)
        if row is not None and row.source == CalendarDay.Source.ADMIN:
            kept += 1
            continue
        values = {"is_working": day.is_working, "kind": day.kind, "note": day.note}
        if row is not None and all(getattr(row, k) == v for k, v in values.items()):
            continue
        if row is None:
            row = model(date=day.date, source=CalendarDay.Source.OFFICIAL)
            created += 1
        else:
            updated += 1
        for key, value in values.items():
            setattr(row, key, value)
        row.full_clean()
        row.save()
    listed = {day.date for day in days}
    stale = [
        row.pk
        for row in existing.values()
        if row.source == CalendarDay.Source.OFFICIAL and row.date not in listed
    ]
    model.objects.filter(pk__in=stale).delete()
    return LoadResult(created, updated, len(stale), kept)


def calendar_load(*, years: list[int] | None = None) -> LoadResult:
    """Load the official calendar (all years of the data file, or `years`) into CalendarDay.

    Idempotent. Raises ValidationError for a year the data file does not cover.
    """
    available = official.available_years()
    years = sorted(set(years)) if years else available
    missing = [year for year in years if year not in available]
    if missing:
        raise ValidationError(
            _("The official calendar has no data for %(years)s; it covers %(first)s–%(last)s.")
            % {
                "years": ", ".join(map(str, missing)),
                "first": available[0],
                "last": available[-1],
            }
        )
    # Notes are stored in the portal's language, whatever language the caller runs in.
    with translation.override(settings.LANGUAGE_CODE):
        days = official.official_days(years)
    with transaction.atomic():
        result = official_load_apply(CalendarDay, days, years)
        _invalidate()
    return result
