"""REST API of community (/api/v1/community/): the registries' lists with the pages' filters and
Russian search (public, keyset or offset pages), an entry with its partners; and for the
signed-in resident his virtual capital's balance and giving it to a project (rate-limited)."""

from datetime import date, datetime

from django.http import Http404
from django.shortcuts import get_object_or_404
from ninja import Field, Query, Router, Schema, Status
from ninja.pagination import paginate

from veche.api.auth import token_or_session
from veche.api.errors import service_errors
from veche.api.pagination import Pagination
from veche.api.schemas import MAX_ID, Id, InputSchema, errors
from veche.ledger.models import Currency, Kind
from veche.ledger.selectors import balance_of

from . import selectors, services
from .models import (
    Activist,
    Direction,
    LinkKind,
    Organization,
    OrganizationKind,
    Project,
    Review,
)
from .selectors import Filters
from .throttle import give_slot

router = Router(tags=["community"])


class CommunityRegistryFilters(Schema):
    q: str = Field("", max_length=200, description="Russian search in names and descriptions")
    municipality: int | None = Field(None, ge=1, le=MAX_ID, description="municipality id")
    direction: Direction | None = None
    verified: bool = Field(False, description="only entries a moderator verified")

    def selector(self, kind: str = "") -> Filters:
        return Filters(
            q=self.q.strip(),
            municipality=self.municipality,
            direction=self.direction.value if self.direction else "",
            kind=kind,
            verified=self.verified,
        )


class CommunityOrganizationFilters(CommunityRegistryFilters):
    kind: OrganizationKind | None = None


class CommunityProjectFilters(CommunityRegistryFilters):
    open: bool = Field(False, description="only projects collecting now")


class CommunityOrganizationOut(Schema):
    id: int
    name: str
    kind: str
    direction: str
    municipality_id: int
    municipality: str
    member_count: int
    has_leader: bool
    verified: bool
    url: str

    @staticmethod
    def resolve_municipality(entry) -> str:
        return entry.municipality.name

    @staticmethod
    def resolve_has_leader(entry) -> bool:
        return entry.leader_id is not None

    @staticmethod
    def resolve_verified(entry) -> bool:
        return entry.verified_at is not None

    @staticmethod
    def resolve_url(entry) -> str:
        return entry.get_absolute_url()


class CommunityActivistOut(Schema):
    id: int
    name: str
    direction: str
    municipality_id: int
    municipality: str
    verified: bool
    url: str

    @staticmethod
    def resolve_municipality(entry) -> str:
        return entry.municipality.name

    @staticmethod
    def resolve_verified(entry) -> bool:
        return entry.verified_at is not None

    @staticmethod
    def resolve_url(entry) -> str:
        return entry.get_absolute_url()


class CommunityProjectOut(Schema):
    id: int
    title: str
    status: str = Field(description="open, collected, frozen, returned or rejected")
    goal: int
    collected: int
    backers: int
    deadline: date
    direction: str
    municipality_id: int | None
    organization_id: int | None
    activist_id: int | None
    url: str

    @staticmethod
    def resolve_url(project) -> str:
        return project.get_absolute_url()


class CommunityPartnerOut(Schema):
    kind: str = Field(description="organization, activist or project")
    id: int
    name: str
    note: str


class CommunityEntryOut(Schema):
    id: int
    name: str
    direction: str
    municipality: str
    verified_at: datetime | None
    description: str
    partners: list[CommunityPartnerOut]


class CapitalBalanceOut(Schema):
    balance: int


class CapitalGiveIn(InputSchema):
    project: Id
    amount: int = Field(..., description="a positive whole number: 50, 100, 200, 500 or any")


class CapitalGiftOut(Schema):
    id: int
    project_id: int
    amount: int
    created_at: datetime
    collected: int = Field(description="the project's collected capital after the gift")
    balance: int = Field(description="the giver's capital after the gift")


@router.get("/ngos", response={200: list[CommunityOrganizationOut], **errors(400, 422)})
@paginate(Pagination)
def organization_list(request, filters: Query[CommunityOrganizationFilters]):
    kind = filters.kind.value if filters.kind else ""
    return selectors.organizations(filters.selector(kind))


@router.get("/activists", response={200: list[CommunityActivistOut], **errors(400, 422)})
@paginate(Pagination)
def activist_list(request, filters: Query[CommunityRegistryFilters]):
    return selectors.activists(filters.selector())


@router.get("/projects", response={200: list[CommunityProjectOut], **errors(400, 422)})
@paginate(Pagination)
def project_list(request, filters: Query[CommunityProjectFilters]):
    return selectors.projects(filters.selector("open" if filters.open else ""))


def _partners(kind: str, pk: int) -> list[dict]:
    return [
        {"kind": p.link_kind, "id": p.pk, "name": str(p), "note": p.link_note}
        for p in selectors.partners(kind, pk)
    ]


@router.get("/ngos/{entry_id}", response={200: CommunityEntryOut, **errors(404, 422)})
def organization_detail(request, entry_id: Id):
    entry = get_object_or_404(
        Organization.objects.select_related("municipality"), pk=entry_id, status=Review.APPROVED
    )
    return {
        "id": entry.pk,
        "name": entry.name,
        "direction": entry.direction,
        "municipality": entry.municipality.name,
        "verified_at": entry.verified_at,
        "description": entry.description,
        "partners": _partners(LinkKind.ORGANIZATION, entry.pk),
    }


@router.get("/activists/{entry_id}", response={200: CommunityEntryOut, **errors(404, 422)})
def activist_detail(request, entry_id: Id):
    entry = get_object_or_404(
        Activist.objects.select_related("municipality"), pk=entry_id, status=Review.APPROVED
    )
    return {
        "id": entry.pk,
        "name": entry.name,
        "direction": entry.direction,
        "municipality": entry.municipality.name,
        "verified_at": entry.verified_at,
        "description": entry.about,
        "partners": _partners(LinkKind.ACTIVIST, entry.pk),
    }


def _balance(user) -> int:
    return balance_of(currency=Currency.CAPITAL, kind=Kind.PERSONAL, owner=user)


@router.get(
    "/capital/balance", response={200: CapitalBalanceOut, **errors(401, 422)}, auth=token_or_session
)
def capital_balance(request):
    return {"balance": _balance(request.user)}


@router.post(
    "/capital/gifts",
    response={201: CapitalGiftOut, **errors(400, 401, 403, 404, 422, 429)},
    auth=token_or_session,
)
def capital_give(request, payload: CapitalGiveIn):
    # No read before the service: its lock of the project answers whether it exists.
    try:
        with service_errors(give_slot(request.user)):
            gift = services.capital_give(
                user=request.user, project=Project(pk=payload.project), amount=payload.amount
            )
    except Project.DoesNotExist:
        raise Http404 from None
    return Status(
        201,
        {
            "id": gift.pk,
            "project_id": gift.project_id,
            "amount": gift.amount,
            "created_at": gift.created_at,
            "collected": gift.project.collected,
            "balance": gift.giver_balance,
        },
    )
