"""REST API of the infrastructure registry (/api/v1/objects/): categories, the objects with the
list's filters and search, an object with its history and payments, and the map's feed. Read
only and public; no personal data (history entries carry no author)."""

from datetime import date, datetime
from decimal import Decimal

from django.shortcuts import get_object_or_404
from ninja import Field, Query, Router, Schema
from ninja.pagination import paginate

from veche.api.pagination import Pagination
from veche.api.schemas import MAX_ID, Id, errors

from . import selectors
from .models import Facility, Status
from .selectors import Filters as SelectorFilters

router = Router(tags=["objects"])


class FacilityFilters(Schema):
    q: str = Field("", max_length=200, description="Russian search in names and addresses")
    category: int | None = Field(None, ge=1, le=MAX_ID)
    status: Status | None = None
    year: int | None = Field(None, ge=2000, le=2100)
    municipality: int | None = Field(
        None, ge=1, le=MAX_ID, description="municipality id: objects in or crossing it"
    )

    def selector(self) -> SelectorFilters:
        return SelectorFilters(
            category=self.category,
            status=self.status.value if self.status else None,
            year=self.year,
            municipality=self.municipality,
            q=self.q.strip(),
        )


class FacilityCategoryOut(Schema):
    id: int
    name: str
    slug: str


class FacilityOut(Schema):
    id: int
    source_id: str | None
    url: str
    name: str
    address: str
    category_id: int
    category: str
    municipality_id: int
    municipality: str
    point: list[float] = Field(description="the representative point, [latitude, longitude]")
    shape: str = Field(description="point, line or polygon")
    programme: str
    year: int
    work_type: str
    status: str = Field(description="planned, in_progress, completed or suspended")
    planned_start: date | None
    planned_end: date | None
    actual_start: date | None
    actual_end: date | None
    contractor: str
    budget_planned: Decimal
    budget_spent: Decimal
    progress: int

    @staticmethod
    def resolve_url(facility: Facility) -> str:
        return facility.get_absolute_url()

    @staticmethod
    def resolve_category(facility: Facility) -> str:
        return facility.category.name

    @staticmethod
    def resolve_municipality(facility: Facility) -> str:
        return facility.municipality.name

    @staticmethod
    def resolve_point(facility: Facility) -> list[float]:
        return [facility.lat, facility.lon]


class HistoryOut(Schema):
    source: str = Field(description="created, import or staff")
    changes: dict[str, list[str | None]] = Field(description="field → [old, new]")
    at: datetime = Field(alias="created_at")


class PaymentOut(Schema):
    paid_on: date
    amount: Decimal


class FacilityDetailOut(FacilityOut):
    geometry: dict = Field(description="GeoJSON geometry")
    description: str
    agency: str | None
    municipalities: list[int] = Field(description="every municipality the object crosses")
    history: list[HistoryOut]
    payments: list[PaymentOut]

    @staticmethod
    def resolve_agency(facility: Facility) -> str | None:
        return facility.agency.name if facility.agency_id else None

    @staticmethod
    def resolve_municipalities(facility: Facility) -> list[int]:
        return [m.pk for m in selectors.crossed_municipalities(facility)]

    @staticmethod
    def resolve_history(facility: Facility) -> list:
        return list(facility.history.all())

    @staticmethod
    def resolve_payments(facility: Facility) -> list:
        return list(facility.payments.all())


@router.get("/categories/", response={200: list[FacilityCategoryOut], **errors(422)})
def category_list(request):
    return selectors.categories()


@router.get("/", response={200: list[FacilityOut], **errors(400, 422)})
@paginate(Pagination)
def facility_list(request, filters: Query[FacilityFilters]):
    return selectors.facility_list(filters.selector())


@router.get("/{facility_id}/", response={200: FacilityDetailOut, **errors(404, 422)})
def facility_detail(request, facility_id: Id):
    get_object_or_404(Facility, pk=facility_id)
    return selectors.facility_page(facility_id)


# Residents on objects (api_residents.py): /{id}/rating(s), /proposals/…, their supports.
from .api_residents import router as residents_router  # noqa: E402

router.add_router("", residents_router)
