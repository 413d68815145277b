"""Writes to agencies. Each validates the row (full_clean, constraints) before saving it."""

from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from veche.territory.models import Municipality, Region

from .models import Agency

EDITABLE = {
    "kind",
    "name",
    "name_accusative",
    "short_name",
    "administers",
    "email",
    "phone",
    "address",
    "is_active",
}


def _served(agency: Agency, municipalities: Iterable[Municipality]) -> list[Municipality]:
    """The territory to serve: an administration always serves the municipality it heads."""
    served = list(municipalities)
    if any(m.region_id != agency.region_id for m in served):
        raise ValidationError(
            {"municipalities": _("Every municipality served must be in the agency's region.")}
        )
    if agency.administers is not None and agency.administers not in served:
        served.append(agency.administers)
    return served


@transaction.atomic
def agency_create(
    *,
    region: Region,
    kind: str,
    name: str,
    municipalities: Iterable[Municipality] = (),
    administers: Municipality | None = None,
    short_name: str = "",
    name_accusative: str = "",
    email: str = "",
    phone: str = "",
    address: str = "",
    is_active: bool = True,
) -> Agency:
    """A new agency serving `municipalities` (none: the whole region)."""
    agency = Agency(
        is_active=is_active,
        region=region,
        kind=kind,
        name=name,
        administers=administers,
        short_name=short_name,
        name_accusative=name_accusative,
        email=email,
        phone=phone,
        address=address,
    )
    agency.full_clean()
    served = _served(agency, municipalities)
    agency.save()
    agency.municipalities.set(served)
    return agency


@transaction.atomic
def agency_update(
    *, agency: Agency, municipalities: Iterable[Municipality] | None = None, **fields
) -> Agency:
    """Change the given fields (see EDITABLE) and, when given, the territory served."""
    unknown = set(fields) - EDITABLE
    if unknown:
        raise TypeError(f"agency_update() cannot change {', '.join(sorted(unknown))}")
    agency = Agency.objects.select_for_update().get(pk=agency.pk)
    for name, value in fields.items():
        setattr(agency, name, value)
    agency.full_clean()
    current = agency.municipalities.all() if municipalities is None else municipalities
    served = _served(agency, current)
    agency.save()
    agency.municipalities.set(served)
    return agency
