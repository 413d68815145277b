"""REST API of discussions under /api/v1/discussions/: the list, a draft with its sections, a
comment (on the draft, a section or a passage; a proposal), the rating and the final report. The
same services and rule names as the web pages; a refusal is a 403 in words, bad input a 422
naming the field, both in the reader's language; writes count against the rate limits (429).
The threads themselves (read, write plain comments and replies) are the shared comments'
endpoints, mounted at `/{id}/comments` and `/{id}/sections/{section_id}/comments`."""

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime

from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DomainError
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema, Status
from ninja.errors import HttpError, Throttled
from ninja.errors import ValidationError as ApiValidationError
from ninja.pagination import paginate

from veche.api.auth import optional_user, token_or_session
from veche.api.pagination import Pagination
from veche.api.schemas import Id, InputSchema, Text, errors
from veche.comments.api import comment_endpoints
from veche.comments.models import MAX_LENGTH
from veche.core import ratelimit
from veche.territory.models import Municipality

from . import selectors, services
from .commenting import DRAFT_KIND, SECTION_KIND
from .models import Draft, Phase, Rating, Section
from .throttle import comment_slot, rate_slot

router = Router(tags=["discussions"])


@contextmanager
def domain_errors(slot) -> Iterator[None]:
    """Run a service inside a rate-limit slot; its refusals become the API's errors."""
    try:
        with slot:
            yield
    except ratelimit.Limited as limited:
        raise Throttled(limited.retry_after) from limited
    except PermissionDenied as error:
        raise HttpError(403, str(error)) from error
    except DomainError as error:
        fields = error.message_dict if hasattr(error, "error_dict") else {"__all__": error.messages}
        raise ApiValidationError(
            [
                {"type": "invalid", "loc": ["body", field], "msg": message}
                for field, messages in fields.items()
                for message in messages
            ]
        ) from error


# --- Schemas ----------------------------------------------------------------------------------


class DraftOut(Schema):
    id: int
    title: str
    summary: str
    municipality_id: int | None
    municipality: str | None = Field(None, description="the territory's name; null: the region")
    agency: str | None = None
    opens_at: datetime
    closes_at: datetime
    phase: str = Field(description="upcoming, open or closed")
    current_version: int
    support_count: int
    neutral_count: int
    oppose_count: int
    report_published_at: datetime | None
    url: str

    @staticmethod
    def resolve_municipality(draft: Draft) -> str | None:
        return draft.municipality.name if draft.municipality else None

    @staticmethod
    def resolve_agency(draft: Draft) -> str | None:
        return draft.agency.name if draft.agency else None

    @staticmethod
    def resolve_phase(draft: Draft) -> str:
        return str(draft.phase)

    @staticmethod
    def resolve_url(draft: Draft) -> str:
        return draft.get_absolute_url()


class SectionOut(Schema):
    id: int
    heading: str
    html: str = Field(description="the current wording, sanitized HTML")
    comment_count: int
    proposal_count: int
    removed_in: int | None = Field(None, description="the version that removed it; null: current")


class DraftDetailOut(DraftOut):
    sections: list[SectionOut]
    draft_comment_count: int = Field(description="published comments on the draft as a whole")
    can_comment: bool
    can_rate: bool
    my_rating: str | None = None

    @staticmethod
    def resolve_sections(draft: Draft) -> list[dict]:
        return draft.sections_out


class DraftCommentIn(InputSchema):
    text: Text(MAX_LENGTH)
    section_id: Id | None = None
    passage: Text(2000) = Field("", description="the quoted passage; not found → the section")
    is_proposal: bool = False
    wording: Text(2000) = Field("", description="the wording proposed (a proposal)")
    parent_id: Id | None = Field(None, description="a reply to this comment")


class DraftCommentOut(Schema):
    comment_id: int
    status: str = Field(description="pending (awaits a moderator) or published")
    section_id: int | None
    passage: str
    passage_found: bool
    is_proposal: bool


class RateIn(InputSchema):
    value: Rating.Value


class RateOut(Schema):
    value: str
    support_count: int
    neutral_count: int
    oppose_count: int


class ProposalOut(Schema):
    id: int
    comment_id: int
    author: str = Field(description="«Имя Ф.»")
    section: str | None
    passage: str
    wording: str
    text: str
    outcome: str = Field(description="accepted, partial, rejected; empty: not answered")
    reason: str


class DraftReportOut(Schema):
    draft_id: int
    published_at: datetime | None
    summary: str
    participants: int
    comments: int
    ratings: int
    outcomes: dict[str, int]
    proposals: list[ProposalOut]


# --- Operations -------------------------------------------------------------------------------


def _visible(request, draft_id: int) -> Draft:
    draft = Draft.objects.select_related("municipality", "agency").filter(pk=draft_id).first()
    if draft is None or not request.user.has_perm("discussions.view_draft", draft):
        raise HttpError(404, _("Discussion not found."))
    return draft


@router.get("/", response={200: list[DraftOut], **errors(400, 422)}, auth=None)
@paginate(Pagination)
def draft_list(request, phase: Phase | None = None, municipality: Id = None):
    """Published drafts: open ones by default ordered by closing, or `phase`; `municipality`
    includes the region-wide drafts."""
    place = Municipality.objects.filter(pk=municipality).first() if municipality else None
    if municipality and place is None:
        return Draft.objects.none()
    return selectors.draft_list(phase=phase or Phase.OPEN, municipality=place)


@router.get(
    "/{draft_id}", response={200: DraftDetailOut, **errors(401, 404, 422)}, auth=optional_user
)
def draft_detail(request, draft_id: Id):
    """A draft with its current sections (and removed ones), their comment counts, and what
    this user may do."""
    draft = _visible(request, draft_id)
    page = selectors.draft_page(draft)
    draft.sections_out = [
        {
            "id": v.section.pk,
            "heading": v.section.heading,
            "html": v.wording.html if v.wording else "",
            "comment_count": v.comment_count,
            "proposal_count": v.proposal_count,
            "removed_in": v.section.removed_in,
        }
        for v in page.sections + page.removed
    ]
    draft.draft_comment_count = page.draft_comment_count
    draft.can_comment = request.user.has_perm("discussions.comment_draft", draft)
    draft.can_rate = request.user.has_perm("discussions.rate_draft", draft)
    draft.my_rating = services.my_rating(request.user, draft)
    return draft


@router.post(
    "/{draft_id}/comment",
    response={201: DraftCommentOut, **errors(400, 401, 403, 404, 422, 429)},
    auth=token_or_session,
)
def draft_comment(request, draft_id: Id, payload: DraftCommentIn):
    """Comment on the draft, a section (`section_id`) or a passage of it; `is_proposal` with a
    `wording` makes it a proposal the final report answers. Pre-moderated."""
    draft = _visible(request, draft_id)
    section = None
    if payload.section_id is not None:
        section = Section.objects.filter(pk=payload.section_id, draft=draft).first()
        if section is None:
            raise ApiValidationError(
                [
                    {
                        "type": "invalid",
                        "loc": ["body", "section_id"],
                        "msg": _("Choose a section of this draft."),
                    }
                ]
            )
    with domain_errors(comment_slot(request.user)):
        posted = services.draft_comment(
            author=request.user,
            draft=draft,
            text=payload.text,
            section=section,
            passage=payload.passage,
            is_proposal=payload.is_proposal,
            wording=payload.wording,
            parent_id=payload.parent_id,
        )
    return Status(
        201,
        {
            "comment_id": posted.comment.pk,
            "status": posted.comment.status,
            "section_id": posted.note.section_id,
            "passage": posted.note.passage,
            "passage_found": posted.passage_found,
            "is_proposal": posted.note.is_proposal,
        },
    )


@router.put(
    "/{draft_id}/rating",
    response={200: RateOut, **errors(400, 401, 403, 404, 422, 429)},
    auth=token_or_session,
)
def draft_rate(request, draft_id: Id, payload: RateIn):
    """Rate the draft (support, neutral, oppose): one rating per person, changeable while the
    discussion is open."""
    draft = _visible(request, draft_id)
    with domain_errors(rate_slot(request.user)):
        rating = services.draft_rate(user=request.user, draft=draft, value=payload.value)
    draft.refresh_from_db()
    return {
        "value": rating.value,
        "support_count": draft.support_count,
        "neutral_count": draft.neutral_count,
        "oppose_count": draft.oppose_count,
    }


@router.get(
    "/{draft_id}/report",
    response={200: DraftReportOut, **errors(401, 403, 404, 422)},
    auth=optional_user,
)
def draft_report(request, draft_id: Id):
    """The final report: every public proposal with its answer and the counts (403 until it is
    published, except for the organizers)."""
    draft = _visible(request, draft_id)
    if not request.user.has_perm("discussions.view_report", draft):
        raise HttpError(403, _("The final report of this discussion is not published yet."))
    report = selectors.report(draft)
    return {
        "draft_id": draft.pk,
        "published_at": draft.report_published_at,
        "summary": draft.report_summary,
        "participants": report.participants,
        "comments": report.comments,
        "ratings": report.ratings,
        "outcomes": report.outcomes,
        "proposals": [
            {
                "id": p.pk,
                "comment_id": p.comment_id,
                "author": p.comment.author.public_name,
                "section": p.section.heading if p.section else None,
                "passage": p.passage,
                "wording": p.wording,
                "text": p.comment.text,
                "outcome": p.outcome,
                "reason": p.reason,
            }
            for p in report.proposals
        ],
    }


def _section(request, target_id: int):
    return Section.objects.select_related("draft").filter(pk=target_id).first()


comment_endpoints(router, kind=DRAFT_KIND)
comment_endpoints(
    router, kind=SECTION_KIND, get_item=_section, path="/sections/{target_id}/comments"
)
