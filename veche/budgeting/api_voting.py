"""REST API of public voting (/api/v1/budgeting/, issue 13): a vote with its receipt (409 for a
second one), its withdrawal, the whole ballot, the receipt check and the results. Each endpoint
calls ONE service inside the voting rate limit; refusals come back through
`veche.api.errors.service_errors` (403 with the rule's reason, 422 with the message)."""

from datetime import datetime
from decimal import Decimal

from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import Field, Schema, Status
from ninja.errors import HttpError

from veche.api.auth import optional_user, token_or_session
from veche.api.errors import service_errors
from veche.api.schemas import Id, InputSchema, errors
from veche.core.ratelimit import client_ip

from . import selectors_voting
from .api_reads import router  # one router for the app
from .models import Application, Contest
from .services import voting as voting_services
from .throttle import vote_slot

VOTE_ERRORS = errors(400, 401, 403, 404, 409, 422, 429)  # 400: a body that is not JSON


class ReceiptOut(Schema):
    code: str = Field(description="the receipt: checkable on the contest page, names no project")
    application_id: int
    channel: str
    cast_at: datetime = Field(alias="created_at")
    withdrawn_at: datetime | None


class BallotIn(InputSchema):
    projects: list[int] = Field(description="ids of the applications chosen: the whole ballot")


class ReceiptStatusOut(Schema):
    status: str


class ResultRowOut(Schema):
    application_id: int
    title: str
    cost: Decimal
    votes: int
    online: int
    paper: int
    rank: int | None
    won: bool
    reason: str
    override_reason: str | None


class ResultsOut(Schema):
    participants: int
    online: int
    paper: int
    method: str
    seed: str
    projects: list[ResultRowOut]


def _trace(request) -> voting_services.Trace:
    return voting_services.Trace(
        network=client_ip(request), device=request.META.get("HTTP_USER_AGENT", "")
    )


def _vote_target(application_id: int) -> Application:
    try:
        return selectors_voting.application_for_vote(application_id)
    except Application.DoesNotExist as error:
        raise HttpError(404, _("Application not found.")) from error


@router.post(
    "/applications/{application_id}/vote",
    response={201: ReceiptOut, **VOTE_ERRORS},
    auth=token_or_session,
)
def vote(request, application_id: Id):
    """Vote for one project on its contest's ballot; returns the receipt. 409: already voted."""
    # Nothing is read first: on PostgreSQL the vote's own statement checks the project and the
    # contest (services/voting.py), and only a vote it did not count reads them.
    with service_errors(vote_slot(request.user), conflicts=("already_voted",)):
        try:
            receipt = voting_services.vote_cast(
                voter=request.user,
                application=Application(pk=application_id),
                trace=_trace(request),
            )
        except Application.DoesNotExist as error:
            raise HttpError(404, _("Application not found.")) from error
    return Status(201, receipt)


@router.delete(
    "/applications/{application_id}/vote",
    response={200: ReceiptOut, **VOTE_ERRORS},
    auth=token_or_session,
)
def vote_withdraw(request, application_id: Id):
    """Withdraw one's vote while voting is open (where the contest allows it)."""
    application = _vote_target(application_id)
    with service_errors(vote_slot(request.user)):
        receipt = voting_services.vote_withdraw(voter=request.user, application=application)
    return receipt


@router.put(
    "/contests/{contest_id}/ballot",
    response={200: list[ReceiptOut], **VOTE_ERRORS},
    auth=token_or_session,
)
def ballot(request, contest_id: Id, payload: BallotIn):
    """Make one's choices exactly `projects`, as a whole (minimum, cap and budget hold for the
    result, or nothing changes); returns the receipts of the new votes."""
    contest = _visible_contest(request, contest_id)
    with service_errors(vote_slot(request.user)):
        receipts = voting_services.ballot_submit(
            voter=request.user, contest=contest, chosen=payload.projects, trace=_trace(request)
        )
    return receipts


@router.get(
    "/contests/{contest_id}/receipts/{code}",
    response={200: ReceiptStatusOut, **errors(401, 404, 422)},
    auth=optional_user,
)
def receipt(request, contest_id: Id, code: str):
    """Whether the vote with this receipt is counted or was withdrawn (nothing of the project)."""
    contest = _visible_contest(request, contest_id)
    return {"status": voting_services.receipt_status(contest=contest, code=code[:20])}


@router.get(
    "/contests/{contest_id}/results",
    response={200: ResultsOut, **errors(401, 403, 404, 422)},
    auth=optional_user,
)
def results(request, contest_id: Id):
    """Counts (online and paper), participants and the winners with their reasoning, once voting
    is over (the organizer: at any time)."""
    from .templatetags.budgeting_voting import reasoning

    contest = _visible_contest(request, contest_id)
    if not request.user.has_perm("budgeting.view_voting_results", contest):
        raise HttpError(403, _("The results are shown once voting is over."))
    data = selectors_voting.voting_results(contest)
    return {
        "participants": data.participants,
        "online": data.online,
        "paper": data.paper,
        "method": data.result.method if data.result else "",
        "seed": data.result.seed if data.result else "",
        "projects": [
            {
                "application_id": row["tally"].pk,
                "title": row["tally"].application.title,
                "cost": row["tally"].cost,
                "votes": row["tally"].votes,
                "online": row["online"],
                "paper": row["tally"].paper_votes,
                "rank": row["decision"]["rank"] if row["decision"] else None,
                "won": row["won"],
                "reason": reasoning(row["decision"]),
                "override_reason": row["override"].reason if row["override"] else None,
            }
            for row in data.rows
        ],
    }


def _visible_contest(request, contest_id: int) -> Contest:
    contest = get_object_or_404(Contest.objects.prefetch_related("stages"), pk=contest_id)
    if not request.user.has_perm("budgeting.view_contest", contest):
        raise HttpError(404, _("Contest not found."))
    return contest
