"""The request and response schemas of /api/v1/reports (veche/reports/api.py).

Each input declares what the services check and JSON Schema can say (docs/api.md, "The schema
is the contract"); rules that depend on stored data stay with the services.
"""

from datetime import datetime
from typing import Annotated, Any, Literal

from ninja import Field, Schema
from pydantic import ConfigDict

from veche.api.schemas import NO_NUL, NOT_BLANK, Id, InputSchema, IsoDate, Text, errors

from .forms import PUBLIC_STATUSES
from .models import Answer, RejectionReason, Report
from .services.filing import MAX_TEXT

# The errors of an operation that acts on a report as a signed-in user: no or a bad key (401),
# not allowed (403), no such report (404), a body that cannot be read (400), invalid input (422).
WRITE_ERRORS = errors(400, 401, 403, 404, 422)
Latitude = Annotated[float, Field(ge=-90, le=90, allow_inf_nan=False, description="WGS 84")]
Longitude = Annotated[float, Field(ge=-180, le=180, allow_inf_nan=False, description="WGS 84")]
_LON = r"-?(180(\.0+)?|(1[0-7][0-9]|[0-9]{1,2})(\.[0-9]+)?)"
_LAT = r"-?(90(\.0+)?|[0-8]?[0-9](\.[0-9]+)?)"
BBOX_PATTERN = f"^{_LON},{_LAT},{_LON},{_LAT}$"
# ninja builds a form's schema afresh, so a form operation closes it here (see InputSchema).
CLOSED_FORM = {"additionalProperties": False}
FILING_FORM = {
    **CLOSED_FORM,
    # The topic's questions (catalogue), as in Open311: attribute[code], attribute[code][].
    "patternProperties": {
        "^attribute\\[[^\\]\\x00]+\\](\\[\\])?$": {"type": "string", "pattern": NO_NUL}
    },
}


def form_body(schema: dict) -> dict:
    return {"requestBody": {"content": {"multipart/form-data": {"schema": schema}}}}


PublicStatus = Literal[tuple(value for value, _label in PUBLIC_STATUSES)]


class TopicOut(Schema):
    id: int
    name: str
    service_code: str
    deadline_days: int
    deadline_kind: str
    photos_required: bool


class CategoryOut(Schema):
    id: int
    name: str
    topics: list[TopicOut]


class ReportOut(Schema):
    id: int
    status: str
    status_name: str
    topic_id: int
    topic: str
    text: str
    municipality: str
    address: str
    lat: float
    lon: float
    agency: str | None
    due_at: datetime | None
    support_count: int
    created_at: datetime
    author: str

    @staticmethod
    def resolve_status_name(report: Report) -> str:
        return str(report.get_status_display())

    @staticmethod
    def resolve_topic(report: Report) -> str:
        return report.topic.name

    @staticmethod
    def resolve_municipality(report: Report) -> str:
        return report.municipality.name

    @staticmethod
    def resolve_agency(report: Report) -> str | None:
        return report.agency.name if report.agency_id else None

    @staticmethod
    def resolve_author(report: Report) -> str:
        return report.author.public_name  # never the full name, phone or e-mail


class ReportIn(InputSchema):
    topic_id: Id
    text: Text(MAX_TEXT, blank=False)
    lat: Latitude = Field(description="inside a municipality of the portal")
    lon: Longitude = Field(description="inside a municipality of the portal")
    address: Text(description="kept up to 300 characters") = ""
    client_token: Text(64, description="a retry with the same token files once") = ""


class AnswerIn(InputSchema):
    kind: Answer.Kind
    text: Text(blank=False)
    planned_date: IsoDate = Field(None, description="for `scheduled`: today or later")


class ReviewIn(InputSchema):
    confirm: bool
    rating: int = Field(ge=1, le=5)
    reason: Text(description="why the answer is disputed: needed when `confirm` is false") = ""

    # A dispute needs its reason: the rule the service checks, written for generated clients.
    model_config = ConfigDict(
        json_schema_extra={
            "additionalProperties": False,
            "if": {"properties": {"confirm": {"const": False}}},
            "then": {
                "required": ["reason"],
                "properties": {"reason": {"minLength": 1, "pattern": NOT_BLANK}},
            },
        }
    )


class SupportOut(Schema):
    support_count: int
    created: bool


class ReasonOut(Schema):
    code: str
    text: str


class MapFilters(InputSchema):
    bbox: str = Field(
        "",
        pattern=f"{BBOX_PATTERN}|^$",
        description="min_lon,min_lat,max_lon,max_lat in degrees (WGS 84)",
    )
    q: Text(200) = ""
    category: Id = None
    topic: Id = None
    status: PublicStatus | None = None
    municipality: Id = None
    since: IsoDate = Field(None, description="filed on or after this day")
    until: IsoDate = Field(None, description="filed on or before this day")
    zoom: int | None = Field(
        None,
        ge=0,
        le=22,
        description="the map's zoom: with it the reports are clustered on the server where "
        "many are in view (`cluster` features with their `count`), sent themselves when zoomed "
        "in; without it, the points",
    )


# GeoJSON written out (the feed's body is built as text, veche/reports/views/public.py).
_POINT = {
    "type": "object",
    "required": ["type", "coordinates"],
    "properties": {
        "type": {"const": "Point"},
        "coordinates": {"type": "array", "items": {"type": "number"}, "description": "[lon, lat]"},
    },
}
_FEATURE = {
    "type": "object",
    "required": ["type", "geometry", "properties"],
    "properties": {
        "type": {"const": "Feature"},
        "geometry": _POINT,
        "properties": {
            "oneOf": [
                {
                    "type": "object",
                    "required": ["id", "status", "topic", "support_count", "url"],
                    "properties": {
                        "id": {"type": "integer"},
                        "status": {"type": "string"},
                        "topic": {"type": "string"},
                        "support_count": {"type": "integer"},
                        "url": {"type": "string", "description": "the report's page"},
                    },
                },
                {
                    "type": "object",
                    "description": "a cluster (only with `zoom`): this many reports around "
                    "their mean point",
                    "required": ["cluster", "count"],
                    "properties": {
                        "cluster": {"const": True},
                        "count": {"type": "integer"},
                    },
                },
            ]
        },
    },
}
FEATURE_COLLECTION = {
    "type": "object",
    "required": ["type", "features", "truncated"],
    "properties": {
        "type": {"const": "FeatureCollection"},
        "features": {"type": "array", "items": _FEATURE},
        "truncated": {"type": "boolean", "description": "more reports match than are sent"},
    },
}
MAP_RESPONSES = {
    "responses": {
        200: {"content": {"application/geo+json": {"schema": FEATURE_COLLECTION}}},
        304: {"description": "Not Modified: the ETag sent in If-None-Match still holds"},
    }
}


def _reason_codes(schema: dict[str, Any]) -> None:
    # The codes in use when the schema is read: the moderators' list is data, not code.
    codes = RejectionReason.objects.filter(is_active=True).values_list("code", flat=True)
    schema["enum"] = sorted(codes)


class RejectIn(InputSchema):
    reason: str = Field(
        description="a code of /reports/rejection-reasons", json_schema_extra=_reason_codes
    )
    comment: Text() = ""
