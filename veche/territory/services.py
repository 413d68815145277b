"""Writes to the territory. Each validates the whole row (full_clean) before saving it."""

from django.db import transaction

from .models import Bounded, Municipality, Settlement


@transaction.atomic
def boundary_set(*, place: Bounded, boundary: dict) -> Bounded:
    """Replace the boundary of a region, municipality or settlement (its bounding box follows)."""
    place.boundary = boundary
    place.full_clean()
    place.save()
    return place


@transaction.atomic
def settlement_create(
    *,
    municipality: Municipality,
    name: str,
    kind: str,
    centre_lat: float,
    centre_lon: float,
    boundary: dict | None = None,
    population: int | None = None,
) -> Settlement:
    settlement = Settlement(
        municipality=municipality,
        name=name,
        kind=kind,
        centre_lat=centre_lat,
        centre_lon=centre_lon,
        boundary=boundary,
        population=population,
    )
    settlement.full_clean()
    settlement.save()
    return settlement
