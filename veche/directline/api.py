"""REST API of the direct line (/api/v1/directline/): the lines and their public questions with
answers (for everybody), a resident's text question and support, and the staff's answer and
closing. Each operation calls one service; refusals are the API's errors (docs/directline.md)."""

from datetime import datetime

from django.shortcuts import get_object_or_404
from ninja import Field, Router, Schema, Status
from ninja.pagination import paginate

from veche.api.auth import token_or_session
from veche.api.errors import service_errors
from veche.api.pagination import Pagination
from veche.api.schemas import Id, InputSchema, Text, errors

from . import selectors, services
from .models import Campaign, Question
from .services import MAX_TEXT
from .throttle import ask_slot, staff_slot, support_slot

router = Router(tags=["directline"])


class LineFiguresOut(Schema):
    total: int = Field(description="questions not rejected")
    through_portal: int = Field(description="text and video through the portal")
    by_channel: dict[str, int] = Field(description="portal, video, phone, letter")
    answered: int


class LineCampaignOut(Schema):
    id: int
    title: str
    description: str
    municipality_id: int | None = Field(description="none: the whole region")
    event_at: datetime
    recording_url: str
    closed_at: datetime | None


class LineCampaignDetailOut(LineCampaignOut):
    figures: LineFiguresOut


class LineQuestionOut(Schema):
    id: int
    channel: str = Field(description="portal, video, phone or letter")
    text: str
    video_url: str | None
    support_count: int
    answer_text: str
    answer_at_seconds: int | None = Field(description="the answer's moment in the recording")
    answered_at: datetime | None

    @staticmethod
    def resolve_video_url(question: Question) -> str | None:
        return question.video.url if question.video else None


class LineAskIn(InputSchema):
    text: Text(MAX_TEXT, blank=False)


class LineAnswerIn(InputSchema):
    text: Text(5000) = ""
    at_seconds: int | None = Field(None, ge=0, le=86400)


class LineSupportOut(Schema):
    support_count: int


def _campaign(campaign_id: Id) -> Campaign:
    return get_object_or_404(Campaign, pk=campaign_id)


@router.get("/campaigns", response={200: list[LineCampaignOut], **errors(400, 422)}, auth=None)
@paginate(Pagination)
def campaigns(request):
    return selectors.campaigns()


@router.get(
    "/campaigns/{campaign_id}", response={200: LineCampaignDetailOut, **errors(404, 422)}, auth=None
)
def campaign(request, campaign_id: Id):
    line = _campaign(campaign_id)
    line.figures = selectors.figures(line)
    return line


@router.get(
    "/campaigns/{campaign_id}/questions",
    response={200: list[LineQuestionOut], **errors(400, 404, 422)},
    auth=None,
)
@paginate(Pagination)
def questions(request, campaign_id: Id):
    return selectors.public_questions(_campaign(campaign_id))


@router.post(
    "/campaigns/{campaign_id}/questions",
    response={201: LineQuestionOut, **errors(400, 401, 403, 404, 422, 429)},
    auth=token_or_session,
)
def ask(request, campaign_id: Id, payload: LineAskIn):
    line = _campaign(campaign_id)
    with service_errors(ask_slot(request.user)):
        question = services.question_ask(user=request.user, campaign=line, text=payload.text)
    return Status(201, question)


@router.post(
    "/questions/{question_id}/support",
    response={200: LineSupportOut, **errors(400, 401, 403, 404, 422, 429)},
    auth=token_or_session,
)
def support(request, question_id: Id):
    question = get_object_or_404(Question.objects.select_related("campaign"), pk=question_id)
    with service_errors(support_slot(request.user)):
        count = services.question_support(user=request.user, question=question)
    return {"support_count": count}


@router.post(
    "/questions/{question_id}/answer",
    response={200: LineQuestionOut, **errors(400, 401, 403, 404, 422, 429)},
    auth=token_or_session,
)
def answer(request, question_id: Id, payload: LineAnswerIn):
    question = get_object_or_404(Question.objects.select_related("campaign"), pk=question_id)
    with service_errors(staff_slot(request.user)):
        return services.question_answer(
            user=request.user, question=question, text=payload.text, at_seconds=payload.at_seconds
        )


@router.post(
    "/campaigns/{campaign_id}/close",
    response={200: LineCampaignOut, **errors(400, 401, 403, 404, 409, 422, 429)},
    auth=token_or_session,
)
def close(request, campaign_id: Id):
    line = _campaign(campaign_id)
    with service_errors(staff_slot(request.user), conflicts=("unanswered", "closed")):
        return services.campaign_close(user=request.user, campaign=line)
