"""Public territory endpoints under /api/v1/territory: municipalities, point lookup, boundaries."""

from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema, Status

from veche.territory import selectors
from veche.territory.models import Municipality, Region, Settlement

from .schemas import Text, errors

router = Router(tags=["territory"])
RegionCode = Text(description="region code; all regions when left out")


class CentreOut(Schema):
    lat: float
    lon: float


class MunicipalityOut(Schema):
    slug: str
    name: str
    kind: str
    kind_name: str
    region: str = Field(description="region code")
    admin_centre: str
    population: int | None
    centre: CentreOut

    @staticmethod
    def from_model(m: Municipality) -> "MunicipalityOut":
        return MunicipalityOut(
            slug=m.slug,
            name=m.name,
            kind=m.kind,
            kind_name=str(m.get_kind_display()),
            region=m.region.slug,
            admin_centre=m.admin_centre,
            population=m.population,
            centre=CentreOut(lat=m.centre_lat, lon=m.centre_lon),
        )


class SettlementOut(Schema):
    id: int
    name: str
    kind: str
    kind_name: str
    centre: CentreOut

    @staticmethod
    def from_model(s: Settlement) -> "SettlementOut":
        return SettlementOut(
            id=s.id,
            name=s.name,
            kind=s.kind,
            kind_name=str(s.get_kind_display()),
            centre=CentreOut(lat=s.centre_lat, lon=s.centre_lon),
        )


class ResolvedOut(Schema):
    municipality: MunicipalityOut
    settlement: SettlementOut | None


class PointIn(Schema):
    lat: float = Field(ge=-90, le=90, allow_inf_nan=False, description="latitude, WGS 84")
    lon: float = Field(ge=-180, le=180, allow_inf_nan=False, description="longitude, WGS 84")
    region: RegionCode = None


def _region(slug: str | None) -> Region | None | Status:
    if slug is None:
        return None
    region = selectors.region_by_slug(slug)
    if region is None:
        return Status(
            404, {"detail": _("There is no region with code «%(slug)s».") % {"slug": slug}}
        )
    return region


@router.get("/municipalities", auth=None, response={200: list[MunicipalityOut], **errors(404, 422)})
def municipalities(request, region: RegionCode = None):
    """Municipalities in alphabetical order, with their kind and centre."""
    found = _region(region)
    if isinstance(found, Status):
        return found
    return [MunicipalityOut.from_model(m) for m in selectors.municipality_list(region=found)]


@router.get("/resolve", auth=None, response={200: ResolvedOut, **errors(404, 422)})
def resolve(request, point: Query[PointIn]):
    """The municipality (and settlement, where known) containing the point."""
    found = _region(point.region)
    if isinstance(found, Status):
        return found
    resolved = selectors.resolve_point(lat=point.lat, lon=point.lon, region=found)
    if resolved.municipality is None:
        message = _("The point (%(lat)s, %(lon)s) lies outside every municipality of the portal.")
        return Status(404, {"detail": message % {"lat": point.lat, "lon": point.lon}})
    settlement = resolved.settlement
    return ResolvedOut(
        municipality=MunicipalityOut.from_model(resolved.municipality),
        settlement=SettlementOut.from_model(settlement) if settlement else None,
    )


@router.get("/municipalities/{slug}/boundary", auth=None, response={200: dict, **errors(404, 422)})
def boundary(request, slug: Text(), region: RegionCode = None):
    """The municipality's boundary as a GeoJSON Feature (WGS 84)."""
    found = _region(region)
    if isinstance(found, Status):
        return found
    municipality = selectors.municipality_by_slug(slug=slug, region=found)
    if municipality is None:
        return Status(
            404, {"detail": _("There is no municipality with code «%(slug)s».") % {"slug": slug}}
        )
    if not municipality.boundary:
        return Status(
            404,
            {"detail": _("Municipality %(name)s has no boundary yet.") % {"name": municipality}},
        )
    properties = MunicipalityOut.from_model(municipality).dict()
    return {"type": "Feature", "geometry": municipality.boundary, "properties": properties}


class PlaceOut(Schema):
    name: str
    kind: str = Field(description="the kind, in the reader's language (улица, микрорайон, …)")
    context: str = Field(description="the settlement and municipality it lies in")
    address: str = Field(description="the address a report about it carries; empty for a town")
    point: CentreOut


@router.get("/places", auth=None, response={200: list[PlaceOut], **errors(422)})
def places(request, q: Text(max_length=100, description="the beginning of words of the name")):
    """Settlements, then streets and places of the gazetteer, whose words begin with every word
    of `q` (any case, «ё» as «е»); at most 10. The filing form's search."""
    return [
        PlaceOut(
            name=m.name,
            kind=m.kind,
            context=m.context,
            address=m.address,
            point=CentreOut(lat=m.lat, lon=m.lon),
        )
        for m in selectors.gazetteer_search(q)
    ]
