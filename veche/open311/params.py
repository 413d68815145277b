"""Reading GeoReport v2 parameters the way clients in use send them: query string, form body and
multipart merged; an empty value is the same as an absent one; dates parsed leniently. Whatever a
client sends, a bad value is a `BadRequest` (400), never an exception the server did not expect."""

import math
import re
from datetime import date, datetime, time, timedelta

from django.core.exceptions import RequestDataTooBig, SuspiciousOperation
from django.http import HttpRequest
from django.http.multipartparser import MultiPartParserError
from django.utils import timezone

from veche.core.text import has_nul

MAX_RANGE = timedelta(days=90)
# Far enough for any real report, near enough that adding the 90-day window cannot overflow.
EARLIEST, LATEST = datetime(1900, 1, 1), datetime(2999, 12, 31, 23, 59, 59)
# ASCII digits only (Python's isdigit() also takes '١٢٣' and '１２'), and what a bigint holds.
WHOLE = re.compile(r"[0-9]{1,18}")
DECIMAL = re.compile(r"[-+]?[0-9]{1,3}(\.[0-9]{1,20})?")
MAX_EMAIL = 254  # RFC 5321's longest usable address
MAX_TOKEN = 64  # Report.client_token


class BadRequest(Exception):
    """A 400 with a description for the client."""


def merged(request: HttpRequest) -> dict[str, list[str]]:
    try:
        sources = (request.GET, request.POST)
    except (MultiPartParserError, RequestDataTooBig, SuspiciousOperation) as problem:
        raise BadRequest(f"the request body cannot be read: {problem}") from problem
    params: dict[str, list[str]] = {}
    for source in sources:
        for key in source:
            values = [v for v in source.getlist(key) if v.strip() != ""]
            if has_nul(key) or any(has_nul(v) for v in values):
                raise BadRequest(f"{key.replace(chr(0), '')}: a NUL character is not allowed")
            if values:
                params[key] = values
    return params


def one(params: dict, name: str) -> str | None:
    values = params.get(name)
    return values[-1].strip() if values else None


def comma_list(params: dict, name: str) -> list[str]:
    value = one(params, name)
    return [item.strip() for item in value.split(",") if item.strip()] if value else []


def whole_number(value: str) -> int | None:
    """A plain ASCII whole number a bigint can hold, or None."""
    return int(value) if WHOLE.fullmatch(value) else None


def request_ids(params: dict) -> list[int]:
    ids = [whole_number(item) for item in comma_list(params, "service_request_id")]
    if None in ids:
        raise BadRequest("service_request_id must be whole numbers separated by commas")
    return ids


def moment(params: dict, name: str) -> datetime | None:
    """`…Z`, an offset, a naive time (the region's zone) or a bare date, in years 1900–2999."""
    value = one(params, name)
    if value is None:
        return None
    try:
        parsed = datetime.fromisoformat(value.replace("Z", "+00:00").replace(" ", "+"))
    except ValueError:
        try:
            parsed = datetime.combine(date.fromisoformat(value), time())
        except ValueError as error:
            raise BadRequest(f"{name}: not a W3C date-time") from error
    if not EARLIEST <= parsed.replace(tzinfo=None) <= LATEST:
        raise BadRequest(f"{name}: must be between 1900 and 2999")
    return parsed if timezone.is_aware(parsed) else timezone.make_aware(parsed)


def date_range(params: dict) -> tuple[datetime, datetime]:
    """The requested window; the last 90 days by default, and never longer than 90 days."""
    start, end = moment(params, "start_date"), moment(params, "end_date")
    if start and end and end - start > MAX_RANGE:
        raise BadRequest("start_date and end_date may be at most 90 days apart")
    if start and end and end < start:
        raise BadRequest("end_date is before start_date")
    if end is None:
        end = start + MAX_RANGE if start else timezone.now()
    if start is None:
        start = end - MAX_RANGE
    return start, end


def attributes(params: dict) -> dict:
    """`attribute[code]=v`, and `attribute[code][]=v1&attribute[code][]=v2` for a multivaluelist."""
    answers: dict = {}
    for key, values in params.items():
        if key.startswith("attribute[") and "]" in key:
            code = key[len("attribute[") : key.index("]")]
            answers[code] = values if key.endswith("[]") else values[-1]
    return answers


def positive_int(params: dict, name: str, default: int, maximum: int) -> int:
    value = one(params, name)
    if value is None:
        return default
    number = whole_number(value)
    if number is None or number < 1:
        raise BadRequest(f"{name} must be a positive whole number")
    return min(number, maximum)


def coordinate(params: dict, name: str, limit: int) -> float:
    """A decimal degree in ASCII within ±limit (lat 90, long 180)."""
    value = one(params, name)
    if value is None:
        raise BadRequest("lat and long are required: this server does not geocode addresses")
    number = float(value) if DECIMAL.fullmatch(value) else math.nan
    if not -limit <= number <= limit:  # NaN fails both comparisons
        raise BadRequest(f"{name} must be a decimal degree between -{limit} and {limit}")
    return number


def email(params: dict) -> str | None:
    value = one(params, "email")
    if value is not None and len(value) > MAX_EMAIL:
        raise BadRequest(f"email is longer than {MAX_EMAIL} characters")
    return value


def idempotency_key(request: HttpRequest) -> str | None:
    value = request.headers.get("Idempotency-Key", "").strip()
    if len(value) > MAX_TOKEN or has_nul(value):
        raise BadRequest(f"Idempotency-Key must be at most {MAX_TOKEN} characters")
    return value or None
