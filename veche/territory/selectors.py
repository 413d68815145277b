"""Reads of the territory: which municipality and settlement a point lies in, lists for forms."""

from dataclasses import dataclass

from django.db.models import Prefetch, Q, QuerySet

from . import geometry
from .models import Municipality, Place, Region, Settlement, search_key


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


def municipality_locator(*, region: Region | None = None):
    """`resolve_point`'s municipality for many points: the municipalities are read once (one
    query), then `locate(lat, lon)` gives the one containing the point, or None outside all.
    For imports of thousands of rows."""
    candidates = list(Municipality.objects.all() if region is None else region.municipalities.all())
    boxed = [m for m in candidates if m.boundary and m.min_lat is not None]

    def locate(lat: float, lon: float) -> Municipality | None:
        near = [m for m in boxed if m.min_lat <= lat <= m.max_lat and m.min_lon <= lon <= m.max_lon]
        return _first_containing(near, lat=lat, lon=lon)

    return locate


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


GAZETTEER_SHOWN = 10


@dataclass(frozen=True)
class PlaceMatch:
    """A settlement or a street found by name, with the point the filing map moves to."""

    name: str
    context: str  # the settlement and municipality it lies in
    kind: str
    lat: float
    lon: float
    address: str = ""  # what the filing form's address field gets: «Сургут, улица Ленина»


def _words_match(key: str, words: list[str]) -> bool:
    own = key.split()
    return all(any(word_.startswith(w) for word_ in own) for w in words)


def _settlement_matches(words: list[str]) -> list[PlaceMatch]:
    settlements = Settlement.objects.select_related("municipality").order_by("name")
    return [
        PlaceMatch(
            name=s.name,
            context=s.municipality.name,
            kind=str(s.get_kind_display()),
            lat=s.centre_lat,
            lon=s.centre_lon,
        )
        for s in settlements
        if _words_match(search_key(s.name), words)
    ]


def _context(settlement: Settlement) -> str:
    """«Лянтор, Сургутский район»; a town that is its own okrug is named once: «Сургут»."""
    town, okrug = settlement.name, settlement.municipality.name
    return town if town == okrug else f"{town}, {okrug}"


def _place_matches(words: list[str], limit: int) -> list[PlaceMatch]:
    query = Q()
    for word in words:
        query &= Q(key__startswith=word) | Q(key__contains=f" {word}")
    places = Place.objects.filter(query).select_related("settlement__municipality")[:limit]
    return [
        PlaceMatch(
            name=p.name,
            context=_context(p.settlement),
            kind=str(p.get_kind_display()),
            lat=p.lat,
            lon=p.lon,
            address=f"{p.settlement.name}, {p.name}",
        )
        for p in places
    ]


def gazetteer_search(query: str, *, limit: int = GAZETTEER_SHOWN) -> list[PlaceMatch]:
    """Settlements, then streets and other places of the gazetteer, whose words begin with every
    word of `query` — in any case, «ё» as «е»: «лен сург» finds «улица Ленина» of Surgut. Two
    queries whatever the query; at most `limit` matches, settlements first."""
    words = search_key(query).split()[:5]
    if not words:
        return []
    settlements = _settlement_matches(words)[:limit]
    return settlements + _place_matches(words, limit - len(settlements))
