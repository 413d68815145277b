"""The request and response schemas of /api/v1/ideas (veche/ideas/api.py). Each input declares
what the services check and JSON Schema can say (docs/api.md, "The schema is the contract");
rules that depend on stored data or the day stay with the services (a 422 of type `invalid`)."""

from datetime import date, datetime
from typing import Annotated, Literal

from django.urls import reverse
from ninja import Field, Schema

from veche.api.schemas import Id, InputSchema, IsoDate, Text, errors

from .forms import PUBLIC_STATUSES
from .models import Idea, IdeaPhoto, IdeaProgress, IdeaTimelineEntry
from .services.decisions import MAX_TEXT as MAX_DECISION
from .services.filing import MAX_TEXT, MAX_TITLE

# Acting on an idea as a signed-in user: no or a bad key (401), not allowed (403), no such idea
# (404), an unreadable body (400), invalid input (422), too many writes (429).
WRITE_ERRORS = errors(400, 401, 403, 404, 422, 429)
CLOSED_FORM = {"additionalProperties": False}
PublicStatus = Literal[tuple(value for value, _label in PUBLIC_STATUSES)]
Order = Literal["new", "support", "discussed"]
Latitude = Annotated[float, Field(ge=-90, le=90, allow_inf_nan=False, description="WGS 84")]
Longitude = Annotated[float, Field(ge=-180, le=180, allow_inf_nan=False, description="WGS 84")]


def form_body(schema: dict) -> dict:
    return {"requestBody": {"content": {"multipart/form-data": {"schema": schema}}}}


class IdeaPhotoOut(Schema):
    url: str
    thumbnail_url: str

    @staticmethod
    def resolve_url(photo: IdeaPhoto) -> str:
        return photo.file.url

    @staticmethod
    def resolve_thumbnail_url(photo: IdeaPhoto) -> str:
        return photo.thumbnail.url if photo.thumbnail else photo.file.url


class IdeaOut(Schema):
    id: int
    url: str
    status: str
    status_name: str
    title: str
    text: str
    category_id: int
    category: str
    municipality_id: int
    municipality: str
    lat: float | None
    lon: float | None
    support_count: int
    comment_count: int
    campaign_id: int | None = Field(description="the crowdsourcing campaign it was filed into")
    author: str = Field(description="«Имя Ф.»: never the full name, phone or e-mail")
    agency: str | None
    planned_date: date | None
    answer: str
    decline_reason: str
    final_note: str
    created_at: datetime
    published_at: datetime | None

    @staticmethod
    def resolve_url(idea: Idea) -> str:
        return reverse("ideas:detail", args=[idea.pk])

    @staticmethod
    def resolve_status_name(idea: Idea) -> str:
        return str(idea.get_status_display())

    @staticmethod
    def resolve_category(idea: Idea) -> str:
        return idea.category.name

    @staticmethod
    def resolve_municipality(idea: Idea) -> str:
        return idea.municipality.name

    @staticmethod
    def resolve_author(idea: Idea) -> str:
        return idea.author.public_name

    @staticmethod
    def resolve_agency(idea: Idea) -> str | None:
        return idea.agency.name if idea.agency_id else None


class IdeaProgressOut(Schema):
    text: str
    agency: str
    created_at: datetime
    photos: list[IdeaPhotoOut]

    @staticmethod
    def resolve_agency(update: IdeaProgress) -> str:
        return update.agency.name

    @staticmethod
    def resolve_photos(update: IdeaProgress) -> list[IdeaPhoto]:
        return list(update.photos.all())


class IdeaTimelineOut(Schema):
    kind: str
    status: str
    text: str
    created_at: datetime

    @staticmethod
    def resolve_status(entry: IdeaTimelineEntry) -> str:
        return entry.status_to

    @staticmethod
    def resolve_text(entry: IdeaTimelineEntry) -> str:
        return entry.display_text


class IdeaDetailOut(IdeaOut):
    photos: list[IdeaPhotoOut]
    progress: list[IdeaProgressOut]
    timeline: list[IdeaTimelineOut]

    @staticmethod
    def resolve_photos(idea: Idea) -> list[IdeaPhoto]:
        return idea.own_photos

    @staticmethod
    def resolve_progress(idea: Idea) -> list[IdeaProgress]:
        return idea.updates

    @staticmethod
    def resolve_timeline(idea: Idea) -> list[IdeaTimelineEntry]:
        return list(idea.timeline.all())


class IdeaIn(InputSchema):
    title: Text(MAX_TITLE, blank=False)
    text: Text(MAX_TEXT, blank=False)
    category_id: Id = Field(description="a sphere of /reports/catalogue")
    municipality_id: Id = Field(None, description="needed unless lat and lon name it")
    lat: Latitude = Field(None, description="with lon: a point inside the municipality")
    lon: Longitude = Field(None, description="with lat")
    client_token: Text(64, description="a retry with the same token files once") = ""
    campaign_id: Id = Field(None, description="a campaign collecting ideas now")


class IdeaSupportOut(Schema):
    support_count: int
    changed: bool = Field(description="a support was added (or withdrawn) by this request")


class IdeaReasonOut(Schema):
    code: str
    text: str


class IdeaRejectIn(InputSchema):
    reason: Text(64, blank=False, description="a code of /ideas/rejection-reasons")
    note: Text(2000) = ""


class IdeaEditIn(InputSchema):
    title: Text(MAX_TITLE, blank=False)
    text: Text(MAX_TEXT, blank=False)


class IdeaMergeIn(InputSchema):
    into_id: Id = Field(description="the open idea the duplicate joins")


class IdeaTakeIn(InputSchema):
    agency_id: Id = Field(description="an agency serving the idea's municipality")
    planned_date: IsoDate = Field(description="today or later")
    answer: Text(MAX_DECISION, blank=False)


class IdeaDeclineIn(InputSchema):
    reason: Text(MAX_DECISION, blank=False)


class IdeaProgressIn(InputSchema):
    text: Text(MAX_DECISION, blank=False)


class IdeaImplementIn(InputSchema):
    note: Text(MAX_DECISION, blank=False)


class IdeaFromReportIn(InputSchema):
    report_id: Id
    title: Text(MAX_TITLE, description="the report's topic when empty") = ""
