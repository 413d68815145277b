"""REST API of polls under /api/v1/polls/: the list, a poll with its questions, casting a ballot
and the results. The same services and rule names as the web pages; a refusal is a 403 in
words, a bad ballot a 422 naming the question (`loc: ["body", "answers", "<question id>"]`), both
in the reader's language; a second ballot is a 409; casting counts against
RATE_LIMIT_POLL_BALLOT (429)."""

from datetime import datetime

from django.utils.translation import gettext as _
from ninja import Field, Router, Schema, Status
from ninja.errors import HttpError
from ninja.pagination import paginate

from veche.api.auth import optional_user, token_or_session
from veche.api.errors import service_errors
from veche.api.pagination import Pagination
from veche.api.schemas import Id, InputSchema, Text, errors
from veche.territory.models import Municipality

from . import selectors, services
from .models import MAX_TEXT_ANSWER, Phase, Poll
from .throttle import ballot_slot

router = Router(tags=["polls"])


def domain_errors(slot):
    """A second ballot is a 409; a question's error sits at ["body", "answers", "<id>"]."""
    return service_errors(slot, location=_location, conflicts=("already_voted",))


def _location(field: str) -> list[str]:
    """`question_12` → ["answers", "12"]: the question's id, as the ballot names it."""
    if field.startswith("question_"):
        return ["answers", field.removeprefix("question_")]
    return [field]


# --- Schemas ----------------------------------------------------------------------------------


class PollOut(Schema):
    id: int
    title: str
    description: str
    municipality_id: int | None
    municipality: str | None = Field(None, description="the territory's name; null: the region")
    opens_at: datetime
    closes_at: datetime
    phase: str = Field(description="upcoming, open or closed")
    eligibility: str = Field(description="registered, verified or residents")
    results_visibility: str = Field(description="live, after_closing or on_publication")
    ballot_count: int
    url: str

    @staticmethod
    def resolve_municipality(poll: Poll) -> str | None:
        return poll.municipality.name if poll.municipality else None

    @staticmethod
    def resolve_phase(poll: Poll) -> str:
        return str(poll.phase)

    @staticmethod
    def resolve_url(poll: Poll) -> str:
        return poll.get_absolute_url()


class PollOptionOut(Schema):
    id: int
    text: str
    is_other: bool
    value: int | None
    image: str | None

    @staticmethod
    def resolve_text(option) -> str:
        return selectors.option_label(option)

    @staticmethod
    def resolve_image(option) -> str | None:
        return option.image.url if option.image else None


class PollQuestionOut(Schema):
    id: int
    text: str
    hint: str
    kind: str = Field(description="single, multiple, scale, ranking or text")
    is_required: bool
    max_choices: int | None
    scale_min_label: str
    scale_max_label: str
    allows_other: bool
    shown_if_option_id: int | None = Field(
        None, description="asked only when this option (of an earlier question) is chosen"
    )
    options: list[PollOptionOut]

    @staticmethod
    def resolve_shown_if_option_id(question) -> int | None:
        return question.shown_if_id

    @staticmethod
    def resolve_options(question) -> list:
        return list(question.options.all())


class PollDetailOut(PollOut):
    asks_demographics: bool
    questions: list[PollQuestionOut]
    can_vote: bool
    refusal: str | None = Field(None, description="why this user may not vote now, in words")
    voted_at: datetime | None = None

    @staticmethod
    def resolve_questions(poll: Poll) -> list:
        return list(poll.questions.all())


class PollAnswerIn(InputSchema):
    question_id: Id
    option_ids: list[Id] = Field(
        default_factory=list,
        max_length=50,
        description="the chosen options; for a ranking all of them, best first",
    )
    text: Text(MAX_TEXT_ANSWER) = Field(
        "", description="a free-text answer, or the words of «other»"
    )


class PollDemographicsIn(InputSchema):
    age_group: Text(10) = ""
    sex: Text(1) = ""
    settlement_kind: Text(20) = ""


class PollBallotIn(InputSchema):
    answers: list[PollAnswerIn] = Field(max_length=200)
    demographics: PollDemographicsIn | None = None


class PollBallotOut(Schema):
    poll_id: int
    cast_at: datetime
    channel: str


class PollRowOut(Schema):
    option_id: int
    label: str
    count: int
    share: float = Field(description="of the question's answers, 0..1")
    points: int = Field(description="Borda points (ranking questions)")


class PollQuestionResultOut(Schema):
    question_id: int
    text: str
    kind: str
    answered: int
    rows: list[PollRowOut]
    texts: list[str] = Field(description="approved free-text words (the latest)")


class PollResultsOut(Schema):
    poll_id: int
    ballot_count: int
    paper_ballot_count: int
    questions: list[PollQuestionResultOut]


# --- Operations -------------------------------------------------------------------------------


def _visible(request, poll_id: int, *, read=selectors.poll_detail) -> Poll:
    try:
        poll = read(poll_id)
    except Poll.DoesNotExist as error:
        raise HttpError(404, _("Poll not found.")) from error
    if not request.user.has_perm("polls.view_poll", poll):
        raise HttpError(404, _("Poll not found."))
    return poll


@router.get("/", response={200: list[PollOut], **errors(400, 422)}, auth=None)
@paginate(Pagination)
def poll_list(request, phase: Phase | None = None, municipality: Id = None):
    """Published polls: open ones by default ordered by closing, or `phase`; `municipality`
    includes the region-wide polls."""
    place = Municipality.objects.filter(pk=municipality).first() if municipality else None
    if municipality and place is None:
        return Poll.objects.none()
    return selectors.poll_list(phase=phase or Phase.OPEN, municipality=place)


@router.get(
    "/{poll_id}", response={200: PollDetailOut, **errors(401, 404, 422)}, auth=optional_user
)
def poll_detail(request, poll_id: Id):
    """A poll with its questions and options, and whether this user may vote now."""
    poll = _visible(request, poll_id)
    ballot = selectors.my_ballot(request.user, poll)
    refusal = (
        services.ballots.already_voted() if ballot else services.vote_refusal(request.user, poll)
    )
    poll.can_vote = refusal is None
    poll.refusal = refusal
    poll.voted_at = ballot.cast_at if ballot else None
    return poll


@router.post(
    "/{poll_id}/ballot",
    response={201: PollBallotOut, **errors(400, 401, 403, 404, 409, 422, 429)},
    auth=token_or_session,
)
def ballot_cast(request, poll_id: Id, payload: PollBallotIn):
    """Cast the user's ballot: every answer in one request, counted as a whole or not at all.
    A second ballot is a 409; an answer that does not fit its question a 422 naming it."""
    answers = {
        answer.question_id: services.Response(options=answer.option_ids, text=answer.text)
        for answer in payload.answers
    }
    given = payload.demographics
    try:
        with domain_errors(ballot_slot(request.user)):
            # The poll is read once, under its lock: one it does not show this user is a 404.
            ballot = services.ballot_cast(
                voter=request.user,
                poll=poll_id,
                answers=answers,
                demographics=services.Demographics(**given.model_dump()) if given else None,
                unseen_as_missing=True,
            )
    except Poll.DoesNotExist as error:
        raise HttpError(404, _("Poll not found.")) from error
    return Status(201, {"poll_id": poll_id, "cast_at": ballot.cast_at, "channel": ballot.channel})


@router.get(
    "/{poll_id}/results",
    response={200: PollResultsOut, **errors(401, 403, 404, 422)},
    auth=optional_user,
)
def poll_results(request, poll_id: Id):
    """Counts and shares per question (a ranking by its Borda points), when the poll's
    visibility rule shows them (403 with when, otherwise)."""
    poll = _visible(request, poll_id, read=selectors.poll_row)
    if not request.user.has_perm("polls.view_results", poll):
        raise HttpError(403, _("The results of this poll are not shown yet."))
    return {
        "poll_id": poll.pk,
        "ballot_count": poll.ballot_count,
        "paper_ballot_count": poll.paper_ballot_count,
        "questions": [
            {
                "question_id": result.question.pk,
                "text": result.question.text,
                "kind": result.question.kind,
                "answered": result.answered,
                "rows": [
                    {
                        "option_id": row.option.pk,
                        "label": row.label,
                        "count": row.count,
                        "share": row.share,
                        "points": row.points,
                    }
                    for row in result.rows
                ],
                "texts": result.texts,
            }
            for result in selectors.results(poll)
        ],
    }
