"""Schemas every part of the API shares: error bodies, bounded ids and texts, and the API's own
out-schemas (health, me).

The OpenAPI schema is a contract (docs/api.md): each operation declares the errors it can answer
with `errors(...)`, and each input declares the bounds the server enforces, so a client generated
from the schema (or schemathesis) never meets an undocumented status or refusal.
"""

import re
from datetime import date
from typing import Annotated, Any, Literal

from ninja import Field, Schema
from pydantic import BaseModel, BeforeValidator, ConfigDict
from pydantic_core import PydanticCustomError

# --- Inputs -----------------------------------------------------------------------------------
# An optional input is declared with its type and a default (`category: Id = None`), never as
# nullable: a query or form field cannot carry a JSON null, so the schema does not offer one.

MAX_ID = 2**63 - 1  # the database's bigint: a larger id could not be looked up at all

Id = Annotated[int, Field(ge=1, le=MAX_ID)]

# Characters str.strip() removes (str.isspace) plus the C0 controls: a text with nothing but
# these is blank to the services. NUL is refused everywhere (veche/api/input.py).
_SPACE = "\\x00-\\x20\\x7f\\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000"
NO_NUL = "^[^\\x00]*$"
NOT_BLANK = f"^[^\\x00]*[^{_SPACE}][^\\x00]*$"


def Text(max_length: int | None = None, *, blank: bool = True, **extra: Any) -> Any:
    """A text input: never a NUL, at most `max_length` characters, and with `blank=False` at
    least one visible character. Blankness is checked by the service (with its own message);
    the schema declares it as a pattern."""
    pattern = NO_NUL if blank else NOT_BLANK
    if not blank:
        extra.setdefault("min_length", 1)
    field = Field(max_length=max_length, json_schema_extra={"pattern": pattern}, **extra)
    return Annotated[str, field]


def _iso_date_only(value: Any) -> Any:
    # pydantic would also take a number (a Unix time) or a datetime; the schema says a date.
    if not isinstance(value, str) or not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        raise PydanticCustomError("date_parsing", "Input should be a valid date")
    return value


IsoDate = Annotated[date, BeforeValidator(_iso_date_only)]
CLOSED = ConfigDict(json_schema_extra={"additionalProperties": False})


class InputSchema(BaseModel):
    """An input body: the schema lists every field it reads (others are ignored, and not part of
    the contract). A plain pydantic model, not ninja's `Schema`: that one reads every object
    through a wrapper made for Django models (`DjangoGetter`), one Python call per field, which
    a JSON body does not need (a ballot of five answers: seven models, seventeen calls)."""

    model_config = CLOSED


# --- Errors -----------------------------------------------------------------------------------


class ErrorOut(Schema):
    detail: str = Field(description="what went wrong, in the request's language")


class ValidationItem(Schema):
    type: str = Field(description="a stable code: pydantic's error type, or `invalid`")
    loc: list[str | int] = Field(description="where: body, query, path, form or file, then names")
    msg: str = Field(description="for people, in the request's language")
    ctx: dict[str, Any] | None = None


class ValidationErrorOut(Schema):
    detail: list[ValidationItem]


ERROR_SCHEMAS = {
    400: ErrorOut,  # a body that cannot be read (e.g. multipart without a boundary)
    401: ErrorOut,
    403: ErrorOut,
    404: ErrorOut,
    409: ErrorOut,
    422: ValidationErrorOut,
    429: ErrorOut,
}


def errors(*codes: int) -> dict[int, type[Schema]]:
    """Response declarations for the error statuses an operation can answer with."""
    return {code: ERROR_SCHEMAS[code] for code in codes}


# --- The API's own endpoints ------------------------------------------------------------------


class HealthOut(Schema):
    status: Literal["ok", "error"]
    database: Literal["ok", "error"]


class RoleOut(Schema):
    role: str
    name: str
    municipality_id: int | None
    agency_id: int | None


class MeOut(Schema):
    id: int
    public_name: str
    is_verified: bool
    roles: list[RoleOut]
