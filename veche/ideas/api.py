"""REST API of ideas: list, read, file, support and withdraw, comment, and the staff's changes.
Every endpoint calls the same services and asks the same permission names as the web pages. Domain
errors become JSON: 422 naming the field (type `invalid`), 403 with a `detail`, both in the
reader's language; writes are rate-limited per person (429, throttle.py)."""

from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import File, Form, Router, Status
from ninja.errors import HttpError
from ninja.files import UploadedFile
from ninja.pagination import paginate

from veche.agencies.models import Agency
from veche.api.auth import optional_user, token_or_session
from veche.api.errors import service_errors
from veche.api.pagination import Pagination
from veche.api.schemas import Id, Text, errors
from veche.comments.api import comment_endpoints
from veche.reports.models import Category, Report
from veche.territory.models import Municipality

from . import selectors, services
from .api_campaigns import campaign_for_filing
from .api_campaigns import router as campaigns_router
from .api_schemas import (
    CLOSED_FORM,
    WRITE_ERRORS,
    IdeaDeclineIn,
    IdeaDetailOut,
    IdeaEditIn,
    IdeaFromReportIn,
    IdeaImplementIn,
    IdeaIn,
    IdeaMergeIn,
    IdeaOut,
    IdeaProgressIn,
    IdeaReasonOut,
    IdeaRejectIn,
    IdeaSupportOut,
    IdeaTakeIn,
    Order,
    PublicStatus,
    form_body,
)
from .discussion import KIND
from .models import Idea, IdeaRejectionReason
from .throttle import filing_slot, write_slot

router = Router(tags=["ideas"])
# Campaigns and their ratings and verdicts (api_campaigns.py): /campaigns/…, /{id}/rating, …
router.add_router("", campaigns_router)
# The services' field names where the API's differ.
FIELD_NAMES = {
    "category": "category_id",
    "municipality": "municipality_id",
    "agency": "agency_id",
    "into": "into_id",
}


def domain_errors(slot):
    """A service's refusals as the API's errors, fields named as the API names them."""
    return service_errors(slot, location=lambda field: [FIELD_NAMES.get(field, field)])


def _idea(idea_id: int) -> Idea:
    return get_object_or_404(Idea, pk=idea_id)


def _detail(request, idea_id: int) -> Idea:
    try:
        idea = selectors.idea_detail(idea_id)
    except Idea.DoesNotExist as error:
        raise HttpError(404, _("Idea not found.")) from error
    if not request.user.has_perm("ideas.view_idea", idea):
        raise HttpError(404, _("Idea not found."))
    return idea


@router.get("/rejection-reasons", response={200: list[IdeaReasonOut], **errors(422)}, auth=None)
def rejection_reasons(request):
    """The reasons a moderator may give for rejecting an idea (`reason` of /reject)."""
    return IdeaRejectionReason.objects.filter(is_active=True)


@router.get("/", response={200: list[IdeaOut], **errors(400, 422)}, auth=None)
@paginate(Pagination)
def idea_list(
    request,
    q: Text(200) = "",
    category: Id = None,
    municipality: Id = None,
    status: PublicStatus | None = None,
    order: Order = "new",
    campaign: Id = None,
):
    """Published ideas; `q` finds Russian word forms («парк» finds «парки»)."""
    ideas = selectors.idea_list(
        query=q,
        category=category,
        municipality=municipality,
        status=status,
        order=order,
        campaign=campaign,
    )
    return ideas.select_related("agency")


@router.post("/from-report", response={201: IdeaDetailOut, **WRITE_ERRORS}, auth=token_or_session)
def idea_from_report(request, payload: IdeaFromReportIn):
    """A moderator turns a report that is a proposal into a published idea."""
    report = get_object_or_404(Report, pk=payload.report_id)
    with domain_errors(write_slot(request.user)):
        idea = services.report_to_idea(user=request.user, report=report, title=payload.title)
    return Status(201, _detail(request, idea.pk))


@router.get(
    "/{idea_id}", response={200: IdeaDetailOut, **errors(401, 404, 422)}, auth=optional_user
)
def idea_detail(request, idea_id: Id):
    """A published idea with its photos, progress and timeline; its author and the staff
    concerned also see it before publication."""
    return _detail(request, idea_id)


@router.post(
    "/",
    response={201: IdeaDetailOut, **WRITE_ERRORS},
    auth=token_or_session,
    openapi_extra=form_body(CLOSED_FORM),
)
def idea_file(
    request,
    payload: Form[IdeaIn],
    photos: File[list[UploadedFile]] = None,
    files: File[list[UploadedFile]] = None,
):
    """Propose an idea (multipart form); it waits for a moderator. A retry with the same
    `client_token` returns the first. With `campaign_id`, into a campaign collecting ideas."""
    campaign = campaign_for_filing(payload.campaign_id)
    with domain_errors(filing_slot(request.user)):
        idea = services.idea_submit(
            author=request.user,
            title=payload.title,
            text=payload.text,
            category=Category.objects.filter(pk=payload.category_id).first(),
            municipality=Municipality.objects.filter(pk=payload.municipality_id).first()
            if payload.municipality_id
            else None,
            lat=payload.lat,
            lon=payload.lon,
            photos=photos or [],
            files=files or [],
            client_token=payload.client_token or None,
            campaign=campaign,
        )
    return Status(201, _detail(request, idea.pk))


@router.post(
    "/{idea_id}/support", response={200: IdeaSupportOut, **WRITE_ERRORS}, auth=token_or_session
)
def idea_support(request, idea_id: Id):
    # Nothing is read first: the support's own statement checks the idea (services/supports.py).
    with domain_errors(write_slot(request.user)):
        try:
            idea, created = services.idea_support(user=request.user, idea=Idea(pk=idea_id))
        except Idea.DoesNotExist as error:
            raise HttpError(404, _("Idea not found.")) from error
    return {"support_count": idea.support_count, "changed": created}


@router.delete(
    "/{idea_id}/support", response={200: IdeaSupportOut, **WRITE_ERRORS}, auth=token_or_session
)
def idea_support_withdraw(request, idea_id: Id):
    idea = _idea(idea_id)
    with domain_errors(write_slot(request.user)):
        idea, withdrawn = services.idea_support_withdraw(user=request.user, idea=idea)
    return {"support_count": idea.support_count, "changed": withdrawn}


# --- The staff's changes ---------------------------------------------------------------------


@router.post(
    "/{idea_id}/publish", response={200: IdeaDetailOut, **WRITE_ERRORS}, auth=token_or_session
)
def idea_publish(request, idea_id: Id):
    """A moderator publishes an idea awaiting moderation."""
    with domain_errors(write_slot(request.user)):
        services.idea_publish(user=request.user, idea=_idea(idea_id))
    return _detail(request, idea_id)


@router.post(
    "/{idea_id}/reject", response={200: IdeaDetailOut, **WRITE_ERRORS}, auth=token_or_session
)
def idea_reject(request, idea_id: Id, payload: IdeaRejectIn):
    idea = _idea(idea_id)
    reason = IdeaRejectionReason.objects.filter(code=payload.reason, is_active=True).first()
    with domain_errors(write_slot(request.user)):
        services.idea_reject(user=request.user, idea=idea, reason=reason, note=payload.note)
    return _detail(request, idea_id)


@router.post(
    "/{idea_id}/edit", response={200: IdeaDetailOut, **WRITE_ERRORS}, auth=token_or_session
)
def idea_edit(request, idea_id: Id, payload: IdeaEditIn):
    """A moderator replaces the title and text to remove personal data."""
    with domain_errors(write_slot(request.user)):
        services.idea_edit_by_moderator(
            user=request.user, idea=_idea(idea_id), title=payload.title, text=payload.text
        )
    return _detail(request, idea_id)


@router.post(
    "/{idea_id}/merge", response={200: IdeaDetailOut, **WRITE_ERRORS}, auth=token_or_session
)
def idea_merge(request, idea_id: Id, payload: IdeaMergeIn):
    """A moderator merges this idea into another; returns the idea it joined."""
    duplicate, into = _idea(idea_id), _idea(payload.into_id)
    with domain_errors(write_slot(request.user)):
        services.ideas_merge(user=request.user, duplicate=duplicate, into=into)
    return _detail(request, into.pk)


@router.post(
    "/{idea_id}/consider", response={200: IdeaDetailOut, **WRITE_ERRORS}, auth=token_or_session
)
def idea_consider(request, idea_id: Id):
    with domain_errors(write_slot(request.user)):
        services.idea_consider(user=request.user, idea=_idea(idea_id))
    return _detail(request, idea_id)


@router.post(
    "/{idea_id}/take", response={200: IdeaDetailOut, **WRITE_ERRORS}, auth=token_or_session
)
def idea_take(request, idea_id: Id, payload: IdeaTakeIn):
    """Take for implementation by an agency serving the municipality, by a planned date."""
    idea = _idea(idea_id)
    with domain_errors(write_slot(request.user)):
        services.idea_take(
            user=request.user,
            idea=idea,
            agency=Agency.objects.filter(pk=payload.agency_id, is_active=True).first(),
            planned_date=payload.planned_date,
            answer=payload.answer,
        )
    return _detail(request, idea_id)


@router.post(
    "/{idea_id}/decline", response={200: IdeaDetailOut, **WRITE_ERRORS}, auth=token_or_session
)
def idea_decline(request, idea_id: Id, payload: IdeaDeclineIn):
    with domain_errors(write_slot(request.user)):
        services.idea_decline(user=request.user, idea=_idea(idea_id), reason=payload.reason)
    return _detail(request, idea_id)


@router.post(
    "/{idea_id}/progress",
    response={200: IdeaDetailOut, **WRITE_ERRORS},
    auth=token_or_session,
    openapi_extra=form_body(CLOSED_FORM),
)
def idea_progress(
    request, idea_id: Id, payload: Form[IdeaProgressIn], photos: File[list[UploadedFile]] = None
):
    """The responsible agency posts a progress update with photos (multipart form)."""
    idea = _idea(idea_id)
    with domain_errors(write_slot(request.user)):
        services.idea_add_progress(
            user=request.user, idea=idea, text=payload.text, photos=photos or []
        )
    return _detail(request, idea_id)


@router.post(
    "/{idea_id}/implement", response={200: IdeaDetailOut, **WRITE_ERRORS}, auth=token_or_session
)
def idea_implement(request, idea_id: Id, payload: IdeaImplementIn):
    with domain_errors(write_slot(request.user)):
        services.idea_implement(user=request.user, idea=_idea(idea_id), note=payload.note)
    return _detail(request, idea_id)


# The thread and new comments: /api/v1/ideas/{id}/comments (GET, POST), the shared comments'
# endpoints; the other comment actions live under /api/v1/comments.
comment_endpoints(router, kind=KIND)
