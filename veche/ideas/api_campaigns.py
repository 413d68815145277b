"""REST API of crowdsourcing campaigns, mounted on the ideas router (/api/v1/ideas/): the list and
a campaign, a resident's rating of an idea and an expert's verdict. The same services and rule
names as the web pages; a refusal is a 403 in words, bad input a 422 naming the field, both in
the reader's language; writes count against RATE_LIMIT_IDEA_WRITES."""

from dataclasses import asdict
from datetime import datetime

from django.utils.translation import gettext as _
from ninja import Field, Router, Schema
from ninja.errors import HttpError
from ninja.errors import ValidationError as ApiValidationError
from ninja.pagination import paginate

from veche.api.auth import optional_user, token_or_session
from veche.api.errors import service_errors
from veche.api.pagination import Pagination
from veche.api.schemas import Id, InputSchema, Text, errors

from . import campaign_selectors as selectors
from . import services
from .models import Campaign, CampaignAward, Idea, Stage
from .services.ratings import MAX_COMMENT
from .throttle import write_slot

router = Router(tags=["ideas"])
WRITE_ERRORS = errors(400, 401, 403, 404, 422, 429)


def domain_errors(slot):
    return service_errors(slot)


def campaign_for_filing(campaign_id: int | None) -> Campaign | None:
    """The published campaign an idea is filed into through the API (`campaign_id`)."""
    if not campaign_id:
        return None
    campaign = Campaign.objects.filter(pk=campaign_id, is_published=True).first()
    if campaign is None:
        raise ApiValidationError(
            [
                {
                    "type": "invalid",
                    "loc": ["form", "campaign_id"],
                    "msg": _("There is no such campaign."),
                }
            ]
        )
    return campaign


# --- Schemas ----------------------------------------------------------------------------------


class StageOut(Schema):
    stage: str = Field(description="collecting, discussion, selection or results")
    name: str
    start: datetime
    end: datetime
    state: str = Field(description="done, current or upcoming")


class CampaignOut(Schema):
    id: int
    url: str
    title: str
    description: str
    municipality_id: int | None = Field(description="null: the whole region")
    municipality: str | None
    cover_url: str | None
    stage: str | None = Field(description="the stage open now; null before, between, after")
    stages: list[StageOut]
    results_published_at: datetime | None

    @staticmethod
    def resolve_url(campaign: Campaign) -> str:
        return campaign.get_absolute_url()

    @staticmethod
    def resolve_municipality(campaign: Campaign) -> str | None:
        return campaign.municipality.name if campaign.municipality_id else None

    @staticmethod
    def resolve_cover_url(campaign: Campaign) -> str | None:
        return campaign.cover.url if campaign.cover else None

    @staticmethod
    def resolve_stages(campaign: Campaign) -> list[dict]:
        return [
            {"stage": stage, "name": str(Stage(stage).label), "start": start, "end": end}
            | {"state": state}
            for stage, start, end, state in selectors.stage_progress(campaign)
        ]


class CampaignListOut(CampaignOut):
    idea_count: int = Field(description="its published ideas")

    @staticmethod
    def resolve_idea_count(campaign: Campaign) -> int:
        return campaign.idea_total


class CountersOut(Schema):
    participants: int = Field(description="distinct people who filed, commented or rated")
    ideas: int
    comments: int
    ratings: int


class AwardOut(Schema):
    idea_id: int
    title: str
    author: str
    award: str
    reason: str

    @staticmethod
    def resolve_title(award: CampaignAward) -> str:
        return award.idea.title

    @staticmethod
    def resolve_author(award: CampaignAward) -> str:
        return award.idea.author.public_name


class CampaignDetailOut(CampaignOut):
    """Read from a campaign the endpoint has given `figures`, `winners` and `may_file`."""

    counters: CountersOut
    awards: list[AwardOut]
    can_file: bool = Field(description="the user may file an idea into it now")

    @staticmethod
    def resolve_counters(campaign: Campaign) -> dict:
        return asdict(campaign.figures)

    @staticmethod
    def resolve_awards(campaign: Campaign) -> list[CampaignAward]:
        return campaign.winners

    @staticmethod
    def resolve_can_file(campaign: Campaign) -> bool:
        return campaign.may_file


class RatingIn(InputSchema):
    value: int = Field(ge=1, le=5, description="1 (weak) to 5 (excellent)")


class RatingOut(Schema):
    value: int
    changed: bool = Field(description="an earlier rating of this person was changed")
    average: float | None
    count: int


class VerdictIn(InputSchema):
    selected: bool
    comment: Text(MAX_COMMENT, blank=False)


class VerdictOut(Schema):
    selected: bool
    comment: str
    changed: bool = Field(description="an earlier verdict of this expert was changed")


# --- Endpoints --------------------------------------------------------------------------------


@router.get(
    "/campaigns/",
    response={200: list[CampaignListOut], **errors(400, 401, 422)},
    auth=optional_user,
)
@paginate(Pagination)
def campaign_list(request):
    """Published campaigns (and the drafts the user runs), the latest ending first."""
    return selectors.campaigns_for(request.user)


@router.get(
    "/campaigns/{campaign_id}",
    response={200: CampaignDetailOut, **errors(401, 404, 422)},
    auth=optional_user,
)
def campaign_detail(request, campaign_id: Id):
    """A campaign with its stages, counters and, once published, its results."""
    try:
        campaign = selectors.campaign_detail(campaign_id)
    except Campaign.DoesNotExist as error:
        raise HttpError(404, _("Campaign not found.")) from error
    if not request.user.has_perm("ideas.view_campaign", campaign):
        raise HttpError(404, _("Campaign not found."))
    campaign.figures = selectors.counters(campaign)
    campaign.winners = selectors.awards(campaign) if campaign.results_published_at else []
    campaign.may_file = request.user.has_perm("ideas.file_idea_in_campaign", campaign)
    return campaign


def _campaign_idea(idea_id: int) -> Idea:
    idea = Idea.objects.select_related("campaign__municipality").filter(pk=idea_id).first()
    if idea is None:
        raise HttpError(404, _("Idea not found."))
    return idea


@router.post("/{idea_id}/rating", response={200: RatingOut, **WRITE_ERRORS}, auth=token_or_session)
def idea_rating(request, idea_id: Id, payload: RatingIn):
    """Rate an idea of a campaign during its discussion stage; rating again changes it."""
    idea = _campaign_idea(idea_id)
    with domain_errors(write_slot(request.user)):
        rating, created = services.idea_rate(user=request.user, idea=idea, value=payload.value)
    figures = selectors.with_ratings(Idea.objects.filter(pk=idea.pk)).get()
    return {
        "value": rating.value,
        "changed": not created,
        "average": figures.rating_avg,
        "count": figures.rating_count,
    }


@router.post(
    "/{idea_id}/verdict", response={200: VerdictOut, **WRITE_ERRORS}, auth=token_or_session
)
def idea_verdict(request, idea_id: Id, payload: VerdictIn):
    """An expert of the idea's campaign marks it selected or not, with a comment, during the
    selection stage; judging again changes the verdict."""
    idea = _campaign_idea(idea_id)
    with domain_errors(write_slot(request.user)):
        verdict, created = services.idea_judge(
            user=request.user, idea=idea, selected=payload.selected, comment=payload.comment
        )
    return {"selected": verdict.selected, "comment": verdict.comment, "changed": not created}
