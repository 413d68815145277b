"""REST of residents on objects (/api/v1/objects/): rate a completed object, the object's
ratings, propose an object, the published proposals, support and withdraw, the objects put to
the vote, vote and take the vote back. The same services and permission names as the pages;
refusals as the API's JSON errors (403, 409 voting twice or taking back a vote never given, 422
naming the field, 429 over the person's limit, RATE_LIMIT_INFRASTRUCTURE_RESIDENT)."""

from datetime import datetime

from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema, Status
from ninja.errors import HttpError
from ninja.pagination import paginate

from veche.api.auth import token_or_session
from veche.api.errors import service_errors
from veche.api.pagination import Pagination
from veche.api.schemas import MAX_ID, Id, InputSchema, Text, errors
from veche.core.ratelimit import person_slot

from . import figures, selectors
from .models import Category, Facility, Proposal
from .models.residents import ProposalStatus
from .services import residents as services
from .services import votes as vote_services

router = Router(tags=["objects"])
WRITE_ERRORS = errors(400, 401, 403, 404, 422, 429)


def _slot(user):
    return person_slot("infrastructure-resident", "RATE_LIMIT_INFRASTRUCTURE_RESIDENT", user)


class ObjectRatingIn(InputSchema):
    score: int = Field(ge=1, le=5)
    comment: Text(2000) = ""


class ObjectRatingOut(Schema):
    score: int
    comment_status: str = Field(
        description="none, or the comment's status: pending, published, hidden or removed"
    )
    updated_at: datetime


class ObjectRatingSummaryOut(Schema):
    count: int
    average: float | None


class ObjectProposalIn(InputSchema):
    title: Text(200, blank=False)
    reason: Text(4000, blank=False)
    lat: float = Field(ge=-90, le=90)
    lon: float = Field(ge=-180, le=180)
    address: Text(300) = ""
    category_id: int | None = Field(None, ge=1, le=MAX_ID, description="a known category, or")
    new_category: Text(200) = ""


class ObjectProposalOut(Schema):
    id: int
    url: str
    title: str
    category_id: int | None
    category: str = Field(description="the category's name, or the new category proposed")
    municipality_id: int
    lat: float
    lon: float
    status: str = Field(description="pending, published, accepted or declined")
    support_count: int
    decision_reason: str
    created_at: datetime

    @staticmethod
    def resolve_url(proposal: Proposal) -> str:
        return proposal.get_absolute_url()

    @staticmethod
    def resolve_category(proposal: Proposal) -> str:
        return proposal.category_name


class ObjectProposalSupportOut(Schema):
    support_count: int
    changed: bool


def _location(field: str) -> list[str]:
    return [{"category": "category_id"}.get(field, field)]


@router.get("/{facility_id}/ratings", response={200: ObjectRatingSummaryOut, **errors(404, 422)})
def rating_summary(request, facility_id: Id):
    return figures.rating_summary(get_object_or_404(Facility, pk=facility_id))


@router.post(
    "/{facility_id}/rating", response={200: ObjectRatingOut, **WRITE_ERRORS}, auth=token_or_session
)
def facility_rate(request, facility_id: Id, payload: ObjectRatingIn):
    facility = get_object_or_404(Facility, pk=facility_id)
    with service_errors(_slot(request.user), location=_location):
        return services.facility_rate(
            user=request.user, facility=facility, score=payload.score, comment=payload.comment
        )


@router.get("/proposals", response={200: list[ObjectProposalOut], **errors(400, 422)})
@paginate(Pagination)
def proposal_list(request):
    public = Proposal.objects.exclude(status=ProposalStatus.PENDING)
    return public.select_related("category").order_by("-created_at", "-pk")


@router.post("/proposals", response={201: ObjectProposalOut, **WRITE_ERRORS}, auth=token_or_session)
def proposal_submit(request, payload: ObjectProposalIn):
    category = None
    if payload.category_id is not None:
        category = get_object_or_404(Category, pk=payload.category_id)
    with service_errors(_slot(request.user), location=_location):
        proposal = services.proposal_submit(
            author=request.user,
            title=payload.title,
            reason=payload.reason,
            lat=payload.lat,
            lon=payload.lon,
            address=payload.address,
            category=category,
            new_category=payload.new_category,
        )
    return Status(201, proposal)


def _published(proposal_id: int) -> Proposal:
    return get_object_or_404(
        Proposal.objects.exclude(status=ProposalStatus.PENDING), pk=proposal_id
    )


@router.post(
    "/proposals/{proposal_id}/support",
    response={200: ObjectProposalSupportOut, **WRITE_ERRORS},
    auth=token_or_session,
)
def proposal_support(request, proposal_id: Id):
    proposal = _published(proposal_id)
    with service_errors(_slot(request.user)):
        changed = services.proposal_support(user=request.user, proposal=proposal)
    proposal.refresh_from_db(fields=["support_count"])
    return {"support_count": proposal.support_count, "changed": changed}


@router.delete(
    "/proposals/{proposal_id}/support",
    response={200: ObjectProposalSupportOut, **WRITE_ERRORS},
    auth=token_or_session,
)
def proposal_support_withdraw(request, proposal_id: Id):
    proposal = _published(proposal_id)
    with service_errors(_slot(request.user)):
        changed = services.proposal_support_withdraw(user=request.user, proposal=proposal)
    proposal.refresh_from_db(fields=["support_count"])
    return {"support_count": proposal.support_count, "changed": changed}


# Votes on objects the administration puts to the vote (services/votes.py).


class ObjectVoteFilters(Schema):
    municipality: int | None = Field(
        None, ge=1, le=MAX_ID, description="municipality id: votes on its objects"
    )


class ObjectVoteOut(Schema):
    id: int
    url: str
    name: str
    category: str
    municipality_id: int
    municipality: str
    status: str
    vote_opens: datetime
    vote_closes: datetime
    vote_anyone: bool = Field(
        description="any resident of the region may vote, not only the municipality's"
    )
    vote_count: int

    @staticmethod
    def resolve_url(facility: Facility) -> str:
        return facility.get_absolute_url()

    @staticmethod
    def resolve_category(facility: Facility) -> str:
        return facility.category.name

    @staticmethod
    def resolve_municipality(facility: Facility) -> str:
        return facility.municipality.name


class ObjectVoteCountOut(Schema):
    vote_count: int


VOTE_ERRORS = errors(400, 401, 403, 404, 409, 422, 429)


@router.get("/votes", response={200: list[ObjectVoteOut], **errors(400, 422)})
@paginate(Pagination)
def vote_list(request, filters: Query[ObjectVoteFilters]):
    return selectors.open_votes(filters.municipality)


@router.post(
    "/{facility_id}/vote", response={201: ObjectVoteCountOut, **VOTE_ERRORS}, auth=token_or_session
)
def facility_vote(request, facility_id: Id):
    facility = get_object_or_404(Facility, pk=facility_id)
    with service_errors(_slot(request.user)):
        if not vote_services.facility_vote(user=request.user, facility=facility):
            raise HttpError(409, _("You have already voted for this object."))
    facility.refresh_from_db(fields=["vote_count"])
    return Status(201, {"vote_count": facility.vote_count})


@router.delete(
    "/{facility_id}/vote", response={200: ObjectVoteCountOut, **VOTE_ERRORS}, auth=token_or_session
)
def facility_vote_withdraw(request, facility_id: Id):
    facility = get_object_or_404(Facility, pk=facility_id)
    with service_errors(_slot(request.user)):
        if not vote_services.facility_vote_withdraw(user=request.user, facility=facility):
            raise HttpError(409, _("You have not voted for this object."))
    facility.refresh_from_db(fields=["vote_count"])
    return {"vote_count": facility.vote_count}
