"""REST API of the realized projects' registry (/api/v1/realized/): the list with the page's
filters, the totals by source and a project. Read only; the registry is public."""

from datetime import datetime
from decimal import Decimal

from django.shortcuts import get_object_or_404
from ninja import Field, Query, Router, Schema
from ninja.pagination import paginate

from veche.api.pagination import Pagination
from veche.api.schemas import MAX_ID, Id, errors

from . import selectors
from .models import SOURCES, Project

router = Router(tags=["realized"])


class Filters(Schema):
    year: int | None = Field(None, ge=2017, le=2100)
    municipality: int | None = Field(None, ge=1, le=MAX_ID, description="municipality id")
    direction: str | None = Field(None, max_length=20, description="roads, yards, culture, …")


class ProjectOut(Schema):
    id: int
    url: str
    name: str
    municipality_id: int
    municipality: str
    settlement: str | None
    point: list[float] | None = Field(description="[latitude, longitude], or null")
    year: int
    direction: str
    status: str = Field(description="in_implementation, implemented or not_carried_out")
    money: dict[str, Decimal] = Field(
        description="by source: region, municipality, residents, sponsors"
    )
    refunds: dict[str, Decimal] = Field(description="due back to residents and sponsors")
    application_id: int | None

    @staticmethod
    def resolve_url(project: Project) -> str:
        return project.get_absolute_url()

    @staticmethod
    def resolve_municipality(project: Project) -> str:
        return project.municipality.name

    @staticmethod
    def resolve_settlement(project: Project) -> str | None:
        return project.settlement.name if project.settlement_id else None

    @staticmethod
    def resolve_point(project: Project) -> list[float] | None:
        return None if project.lat is None else [project.lat, project.lon]

    @staticmethod
    def resolve_money(project: Project) -> dict[str, Decimal]:
        return {s: getattr(project, f"amount_{s}") for s in SOURCES}

    @staticmethod
    def resolve_refunds(project: Project) -> dict[str, Decimal]:
        return {"residents": project.refund_residents, "sponsors": project.refund_sponsors}


class UpdateOut(Schema):
    kind: str
    text: str
    at: datetime = Field(alias="created_at")


class PhotoOut(Schema):
    stage: str = Field(description="before, during or after")
    url: str

    @staticmethod
    def resolve_url(photo) -> str:
        return photo.file.url


class ProjectDetailOut(ProjectOut):
    description: str
    timeline: list[UpdateOut]
    photos: list[PhotoOut]

    @staticmethod
    def resolve_timeline(project: Project) -> list:
        return list(project.updates.all())

    @staticmethod
    def resolve_photos(project: Project) -> list:
        return list(project.photos.all())


class TotalsOut(Schema):
    count: int
    total: Decimal
    region: Decimal
    municipality: Decimal
    residents: Decimal
    sponsors: Decimal
    refund_residents: Decimal
    refund_sponsors: Decimal


@router.get("/projects/", response={200: list[ProjectOut], **errors(400, 422)})
@paginate(Pagination)
def project_list(request, filters: Query[Filters]):
    return selectors.projects(**filters.model_dump())


@router.get("/totals/", response={200: TotalsOut, **errors(422)})
def project_totals(request, filters: Query[Filters]):
    """Projects counted and money summed by source over the filtered registry."""
    return selectors.totals(selectors.projects(**filters.model_dump()))


@router.get("/projects/{project_id}/", response={200: ProjectDetailOut, **errors(404, 422)})
def project_detail(request, project_id: Id):
    get_object_or_404(Project, pk=project_id)
    return selectors.project_page(project_id)
