"""Staff edits of an object: status, progress, dates, money. Each change is checked against the
named rule, locked, saved, written into the object's history, audited and told to the event log
in one transaction."""

from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from veche.events.services import record_event
from veche.staff.services import audit_log

from ..models import Facility, HistoryEntry

# The fields whose every change the history keeps.
TRACKED = ("status", "progress", "budget_planned", "budget_spent")
# What a staff member may change on the object's page.
EDITABLE = (
    *TRACKED,
    "planned_start",
    "planned_end",
    "actual_start",
    "actual_end",
    "contractor",
)


def as_text(value) -> str | None:
    """A history value as JSON keeps it: text, the amount's digits, ISO dates."""
    if value is None:
        return None
    if isinstance(value, Decimal):
        return f"{value:.2f}"
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return str(value)


def differences(facility: Facility, values: dict, fields) -> dict[str, list]:
    return {
        name: [as_text(getattr(facility, name)), as_text(values[name])]
        for name in fields
        if name in values and getattr(facility, name) != values[name]
    }


def facility_update(*, user, facility: Facility, **values) -> HistoryEntry | None:
    """Change the object's editable fields; one history entry when anything changed, else None."""
    unknown = set(values) - set(EDITABLE)
    if unknown:
        raise ValueError(f"Not editable: {sorted(unknown)}")
    with transaction.atomic():
        locked = (
            Facility.objects.select_for_update(of=("self",))
            .select_related("municipality")
            .get(pk=facility.pk)
        )
        if not user.has_perm("infrastructure.change_facility", locked):
            raise PermissionDenied(
                _(
                    "Only the administration of the object's municipality or the regional "
                    "administration keeps this object."
                )
            )
        changes = differences(locked, values, EDITABLE)
        if not changes:
            return None
        for name in changes:
            setattr(locked, name, values[name])
        _check_dates(locked)
        locked.full_clean(exclude=["geometry", "search_stems"], validate_unique=False)
        locked.save(update_fields=[*changes, "updated_at"])
        entry = HistoryEntry.objects.create(
            facility=locked, source=HistoryEntry.Source.STAFF, changes=changes, author=user
        )
        audit_log(
            actor=user, action="infrastructure.facility_update", target=locked, details=changes
        )
        record_event(
            kind="infrastructure.facility_updated",
            subject=locked,
            actor=user,
            territory=locked.municipality_id,
            payload={"status": locked.status, "fields": sorted(changes)},
        )
    facility.refresh_from_db()
    return entry


def _check_dates(facility: Facility) -> None:
    pairs = (("planned_start", "planned_end"), ("actual_start", "actual_end"))
    for start, end in pairs:
        first, last = getattr(facility, start), getattr(facility, end)
        if first and last and last < first:
            raise ValidationError({end: [_("The end cannot come before the start.")]})
