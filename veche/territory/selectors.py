"""Reads of the territory: which municipality and settlement a point lies in, lists for forms."""

from dataclasses import dataclass

from django.db.models import Prefetch, QuerySet

from . import geometry
from .models import Municipality, Region, Settlement


@dataclass(frozen=True)
class Resolved:
    """Where a point lies: its municipality (None outside every one) and settlement, if known."""

    municipality: Municipality | None
    settlement: Settlement | None = None


def collation_key(name: str) -> str:
    """Russian alphabetical order that does not depend on the database's collation."""
    return name.casefold().replace("ё", "е")


def _in_bbox(queryset: QuerySet, *, lat: float, lon: float) -> QuerySet:
    return queryset.filter(min_lat__lte=lat, max_lat__gte=lat, min_lon__lte=lon, max_lon__gte=lon)


def _bbox_area(obj) -> float:
    return (obj.max_lat - obj.min_lat) * (obj.max_lon - obj.min_lon)


def _first_containing(candidates, *, lat: float, lon: float):
    # Imported real boundaries may overlap a little: the smallest candidate is the most specific.
    hits = [c for c in candidates if geometry.contains(c.boundary, lat, lon)]
    return min(hits, key=_bbox_area, default=None)


def resolve_point(*, lat: float, lon: float, region: Region | None = None) -> Resolved:
    """The municipality (and settlement, where one is drawn) containing the point (lat, lon).

    The stored bounding boxes narrow the candidates in SQL; exact containment is checked in
    Python. Outside every municipality (of `region`, when given) the municipality is None.
    """
    municipalities = _in_bbox(Municipality.objects.select_related("region"), lat=lat, lon=lon)
    if region is not None:
        municipalities = municipalities.filter(region=region)
    municipality = _first_containing(municipalities, lat=lat, lon=lon)
    if municipality is None:
        return Resolved(municipality=None)
    settlements = _in_bbox(municipality.settlements.all(), lat=lat, lon=lon)
    settlement = _first_containing(settlements, lat=lat, lon=lon)
    return Resolved(municipality=municipality, settlement=settlement)


def municipality_list(*, region: Region | None = None) -> list[Municipality]:
    """Municipalities in alphabetical order, each with `settlements` prefetched in order."""
    queryset = Municipality.objects.select_related("region").prefetch_related(
        Prefetch("settlements", queryset=Settlement.objects.order_by("name"))
    )
    if region is not None:
        queryset = queryset.filter(region=region)
    return sorted(queryset, key=lambda m: collation_key(m.name))


def municipalities_with_settlements(*, region: Region | None = None) -> list[Municipality]:
    """Like municipality_list, leaving out municipalities that have no settlement yet."""
    return [m for m in municipality_list(region=region) if m.settlements.all()]


def settlement_choices(*, region: Region | None = None) -> list[tuple[str, list[tuple[int, str]]]]:
    """Settlements grouped by municipality, as Django's grouped `choices`:

        [("Белоярский район", [(12, "Белоярский"), (13, "Казым"), …]), …]

    Pass it to `forms.TypedChoiceField(choices=…, coerce=int)` (or a ChoiceField's widget) to
    render a <select> with one <optgroup> per municipality; values are Settlement ids. Both the
    groups and the settlements in them are in Russian alphabetical order.
    """
    return [
        (m.name, [(s.id, s.name) for s in sorted(m.settlements.all(), key=_settlement_key)])
        for m in municipalities_with_settlements(region=region)
    ]


def _settlement_key(settlement: Settlement) -> str:
    return collation_key(settlement.name)


def municipality_by_slug(*, slug: str, region: Region | None = None) -> Municipality | None:
    """The municipality with this code (in `region`, or in the first region that has one)."""
    queryset = Municipality.objects.select_related("region").filter(slug=slug)
    if region is not None:
        queryset = queryset.filter(region=region)
    return queryset.order_by("region_id").first()


def region_by_slug(slug: str) -> Region | None:
    return Region.objects.filter(slug=slug).first()
