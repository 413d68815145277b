"""REST writes of initiative budgeting (/api/v1/budgeting/): a group, its invitations and its
lead, an application's draft, files, submission, and the reviewers' decisions. Each endpoint
parses its schema and calls ONE service — the same as the pages — inside the budgeting rate
limits; refusals come back through `veche.api.errors.service_errors`: 403 with the rule's
reason, 422 naming the field in the user's language (an answer at `["body", "answers", key]`,
money at `["body", "co_financing", source]`)."""

from datetime import datetime
from decimal import Decimal
from typing import Annotated

from django.core.exceptions import ValidationError as DomainValidationError
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext as _
from ninja import Field, File, Schema, Status
from ninja.errors import HttpError
from ninja.files import UploadedFile

from veche.accounts.models import User
from veche.api.auth import token_or_session
from veche.api.errors import service_errors
from veche.api.schemas import Id, InputSchema, Text, errors
from veche.territory.models import Municipality

from . import selectors
from .api_reads import ApplicationDetailOut, router  # one router: GET and PUT share paths
from .models import (
    SOURCES,
    Application,
    Contest,
    FieldKind,
    GroupInvitation,
    InitiativeGroup,
    RejectionReason,
)
from .services import applications as service
from .services import review
from .services.applications import Money
from .services.groups import group_create, group_hand_over, group_invite, invitation_accept
from .throttle import edit_slot, invite_slot

WRITE_ERRORS = errors(400, 401, 403, 404, 422, 429)
# The services' field names where the API's differ.
FIELD_NAMES = {
    "municipality": ["municipality_id"],
    "contest": ["contest_id"],
    "group": ["group_id"],
    "reason": ["reason_id"],
    "member": ["user_id"],
}


# An invitation used, expired, or a group joined or full already: 409, not a field's error.
INVITATION_REFUSALS = ("unknown", "used", "expired", "member", "full")


def _location(field: str) -> list[str]:
    if field.startswith("answer-"):
        return ["answers", field.removeprefix("answer-")]
    if field.startswith("amount_"):
        return ["co_financing", field.removeprefix("amount_")]
    if field.startswith("remark-"):
        return ["remarks", field.removeprefix("remark-")]
    return FIELD_NAMES.get(field, [field])


def domain_errors(slot, *, conflicts=()):
    """A service's refusals as the API's errors, fields named as the API names them."""
    return service_errors(slot, location=_location, conflicts=conflicts)


# --- Groups -----------------------------------------------------------------------------------


class BudgetGroupIn(InputSchema):
    name: Text(200, blank=False)
    municipality_id: Id


class BudgetMemberOut(Schema):
    user_id: int
    name: str
    leader: bool


class BudgetGroupOut(Schema):
    id: int
    url: str
    name: str
    municipality_id: int
    leader_id: int
    members: list[BudgetMemberOut]

    @staticmethod
    def resolve_url(group: InitiativeGroup) -> str:
        return group.get_absolute_url()

    @staticmethod
    def resolve_members(group: InitiativeGroup) -> list[dict]:
        return [
            {
                "user_id": m.user_id,
                "name": m.user.public_name,
                "leader": m.user_id == group.leader_id,
            }
            for m in group.members.select_related("user").order_by("joined_at", "pk")
        ]


class BudgetInviteIn(InputSchema):
    email: Text(254) = Field("", description="empty: an invitation by link, passed on by hand")


class BudgetInvitationOut(Schema):
    id: int
    group_id: int
    email: str
    url: str = Field(description="the link that accepts it (whoever holds it, for a link)")
    expires_at: datetime

    @staticmethod
    def resolve_url(invitation: GroupInvitation) -> str:
        return reverse("budgeting:invitation", args=[invitation.token])


class BudgetLeaderIn(InputSchema):
    user_id: Id = Field(description="a member of the group")


def _group(request, group_id: int) -> InitiativeGroup:
    group = InitiativeGroup.objects.filter(pk=group_id).first()
    if group is None or not request.user.has_perm("budgeting.view_group", group):
        raise HttpError(404, _("Group not found."))
    return group


@router.post("/groups", response={201: BudgetGroupOut, **WRITE_ERRORS}, auth=token_or_session)
def create_group(request, payload: BudgetGroupIn):
    """Create an initiative group: the caller leads it and is its first member."""
    municipality = Municipality.objects.filter(pk=payload.municipality_id).first()
    with domain_errors(edit_slot(request.user)):
        group = group_create(user=request.user, name=payload.name, municipality=municipality)
    return Status(201, group)


@router.post(
    "/groups/{group_id}/invitations",
    response={201: BudgetInvitationOut, **WRITE_ERRORS},
    auth=token_or_session,
)
def invite(request, group_id: Id, payload: BudgetInviteIn):
    """Invite a member by e-mail (a letter with the link goes out) or by a link (the leader
    passes the returned `url` on). Valid 14 days."""
    group = _group(request, group_id)
    with domain_errors(invite_slot(request.user)):
        invitation = group_invite(user=request.user, group=group, email=payload.email)
    return Status(201, invitation)


@router.post(
    "/invitations/{token}/accept",
    response={200: BudgetGroupOut, **errors(400, 401, 403, 404, 409, 422, 429)},
    auth=token_or_session,
)
def accept_invitation(request, token: Text(64, blank=False)):
    """Join the group the invitation is for (an e-mail invitation: by that address only)."""
    if not GroupInvitation.objects.filter(token=token).exists():
        raise HttpError(404, _("This invitation does not exist."))
    with domain_errors(edit_slot(request.user), conflicts=INVITATION_REFUSALS):
        membership = invitation_accept(user=request.user, token=token)
    return Status(200, membership.group)


@router.post(
    "/groups/{group_id}/leader",
    response={200: BudgetGroupOut, **WRITE_ERRORS},
    auth=token_or_session,
)
def hand_over(request, group_id: Id, payload: BudgetLeaderIn):
    """Hand the group's lead to another member (the leader only): he then submits."""
    group = _group(request, group_id)
    with domain_errors(edit_slot(request.user)):
        member = User.objects.filter(pk=payload.user_id).first()
        group = group_hand_over(user=request.user, group=group, member=member)
    return Status(200, group)


# --- Applications -----------------------------------------------------------------------------


class BudgetApplicationStartIn(InputSchema):
    contest_id: Id
    title: Text(200, blank=False)
    applicant: str = Field("group", description="group (give group_id), municipality or individual")
    group_id: Id = None
    municipality_id: Id = Field(None, description="the applicant municipality (regional)")


# Roubles as text ("1500000" or "1500000.50"): what the schema says is what the server takes.
MoneyText = Annotated[
    str, Field(pattern=r"^[0-9]{1,12}([.][0-9]{1,2})?$", description="roubles, e.g. 1500000.00")
]


class BudgetCoFinancingIn(InputSchema):
    region: MoneyText = "0"
    municipality: MoneyText = "0"
    residents: MoneyText = "0"
    businesses: MoneyText = "0"
    in_kind: MoneyText = "0"


class BudgetPointIn(InputSchema):
    lat: float = Field(ge=-90, le=90)
    lon: float = Field(ge=-180, le=180)


FieldKey = Annotated[str, Field(pattern=r"^[a-z0-9-]{1,40}$")]
Answer = Text(5000) | list[Text(500)] | BudgetPointIn | float


class BudgetApplicationSaveIn(InputSchema):
    title: Text(200, blank=False)
    answers: dict[FieldKey, Answer] = Field(
        default_factory=dict,
        json_schema_extra={"additionalProperties": False},
        description="by field key: text, a number as text, a date YYYY-MM-DD, a choice or a "
        "list of them, a point «lat, lon» or {lat, lon}; files go to /files/{key}",
    )
    cost: MoneyText
    co_financing: BudgetCoFinancingIn = Field(default_factory=BudgetCoFinancingIn)


class BudgetRevisionIn(InputSchema):
    remarks: dict[Annotated[str, Field(pattern=r"^[a-z0-9-]{0,40}$")], Text(2000)] = Field(
        json_schema_extra={"additionalProperties": False},
        description='by field key; the key "" is a remark on the whole application',
    )
    days: int = Field(review.DEFAULT_REVISION_DAYS, ge=1, le=review.MAX_REVISION_DAYS)


class BudgetAdmitIn(InputSchema):
    checked: list[Id] = Field(default_factory=list, description="the checklist items ticked")


class BudgetRejectIn(InputSchema):
    reason_id: Id = Field(description="from /budgeting/rejection-reasons")
    note: Text(2000) = ""


class BudgetReasonOut(Schema):
    id: int
    code: str
    text: str

    @staticmethod
    def resolve_text(reason: RejectionReason) -> str:
        return _(reason.text)


def _application(request, application_id: int) -> Application:
    try:
        application = selectors.application_detail(application_id)
    except Application.DoesNotExist as error:
        raise HttpError(404, _("Application not found.")) from error
    if not request.user.has_perm("budgeting.view_application", application):
        raise HttpError(404, _("Application not found."))
    return application


def _fresh(application: Application) -> Application:
    return selectors.application_detail(application.pk)


@router.get("/rejection-reasons", response={200: list[BudgetReasonOut], **errors(422)}, auth=None)
def rejection_reasons(request):
    """The listed reasons a reviewer rejects an application with."""
    return RejectionReason.objects.filter(is_active=True)


@router.post(
    "/applications", response={201: ApplicationDetailOut, **WRITE_ERRORS}, auth=token_or_session
)
def start_application(request, payload: BudgetApplicationStartIn):
    """Start a draft on the contest's current form: for a group (any member), a municipality
    (its admin, regional contests) or oneself (contests that take individuals)."""
    contest = Contest.objects.filter(pk=payload.contest_id).first()
    if contest is None or not request.user.has_perm("budgeting.view_contest", contest):
        raise HttpError(404, _("Contest not found."))
    group = None
    if payload.group_id is not None:
        group = _group(request, payload.group_id)
    municipality = None
    if payload.municipality_id is not None:
        municipality = get_object_or_404(Municipality, pk=payload.municipality_id)
    with domain_errors(edit_slot(request.user)):
        application = service.application_start(
            user=request.user,
            contest=contest,
            kind=payload.applicant,
            title=payload.title,
            group=group,
            municipality=municipality,
        )
    return Status(201, _fresh(application))


@router.put(
    "/applications/{application_id}",
    response={200: ApplicationDetailOut, **WRITE_ERRORS},
    auth=token_or_session,
)
def save_application(request, application_id: Id, payload: BudgetApplicationSaveIn):
    """Save the draft (or the revision being corrected): what is given must be right; required
    answers wait for the submission. On any error nothing is saved."""
    application = _application(request, application_id)
    amounts = payload.co_financing.model_dump()
    with domain_errors(edit_slot(request.user)):
        service.application_save(
            user=request.user,
            application=application,
            title=payload.title,
            answers=payload.model_dump()["answers"],
            money_in=Money(Decimal(payload.cost), {s: Decimal(amounts[s]) for s in SOURCES}),
        )
    return Status(200, _fresh(application))


@router.post(
    "/applications/{application_id}/files/{key}",
    response={200: ApplicationDetailOut, **WRITE_ERRORS},
    auth=token_or_session,
)
def attach_file(
    request, application_id: Id, key: Text(40, blank=False), file: File[UploadedFile] = None
):
    """Attach the file answering the file field `key` (multipart `file`), checked as the form
    checks it: type by content, size limit."""
    application = _application(request, application_id)
    with domain_errors(None):
        if not application.version.fields.filter(key=key, kind=FieldKind.FILE).exists():
            raise DomainValidationError({"key": [_("The template has no such field.")]})
        if not file:  # absent or empty
            raise DomainValidationError({"file": [_("Choose the file.")]})
    with domain_errors(edit_slot(request.user)):
        service.application_save(
            user=request.user,
            application=application,
            title=application.title,
            answers=application.answers,
            money_in=Money(application.cost, application.amounts()),
            uploads={key: file},
        )
    return Status(200, _fresh(application))


@router.post(
    "/applications/{application_id}/submit",
    response={200: ApplicationDetailOut, **WRITE_ERRORS},
    auth=token_or_session,
)
def submit_application(request, application_id: Id):
    """Submit the draft, or resubmit after a revision (the group's leader, the municipality's
    admin, the individual): every required answer and the contest's minimum shares."""
    application = _application(request, application_id)
    with domain_errors(edit_slot(request.user)):
        service.application_submit(user=request.user, application=application)
    return Status(200, _fresh(application))


@router.post(
    "/applications/{application_id}/revision",
    response={200: ApplicationDetailOut, **WRITE_ERRORS},
    auth=token_or_session,
)
def request_revision(request, application_id: Id, payload: BudgetRevisionIn):
    """A reviewer returns the application with remarks by field and a deadline in working
    days."""
    application = _application(request, application_id)
    with domain_errors(edit_slot(request.user)):
        review.application_request_revision(
            user=request.user, application=application, remarks=payload.remarks, days=payload.days
        )
    return Status(200, _fresh(application))


@router.post(
    "/applications/{application_id}/admit",
    response={200: ApplicationDetailOut, **WRITE_ERRORS},
    auth=token_or_session,
)
def admit(request, application_id: Id, payload: BudgetAdmitIn):
    """A reviewer admits the application, every point of the contest's checklist ticked."""
    application = _application(request, application_id)
    with domain_errors(edit_slot(request.user)):
        review.application_admit(
            user=request.user, application=application, checked=set(payload.checked)
        )
    return Status(200, _fresh(application))


@router.post(
    "/applications/{application_id}/reject",
    response={200: ApplicationDetailOut, **WRITE_ERRORS},
    auth=token_or_session,
)
def reject(request, application_id: Id, payload: BudgetRejectIn):
    """A reviewer rejects the application with a listed reason and a note."""
    application = _application(request, application_id)
    reason = RejectionReason.objects.filter(pk=payload.reason_id, is_active=True).first()
    with domain_errors(edit_slot(request.user)):
        review.application_reject(
            user=request.user, application=application, reason=reason, note=payload.note
        )
    return Status(200, _fresh(application))
