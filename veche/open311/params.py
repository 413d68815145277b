"""Reading GeoReport v2 parameters the way clients in use send them: query string, form body and
multipart merged; an empty value is the same as an absent one; dates parsed leniently."""

from datetime import date, datetime, time, timedelta

from django.http import HttpRequest
from django.utils import timezone

MAX_RANGE = timedelta(days=90)


class BadRequest(Exception):
    """A 400 with a description for the client."""


def merged(request: HttpRequest) -> dict[str, list[str]]:
    params: dict[str, list[str]] = {}
    for source in (request.GET, request.POST):
        for key in source:
            values = [v for v in source.getlist(key) if v.strip() != ""]
            if values:
                params[key] = values
    return params


def one(params: dict, name: str) -> str | None:
    values = params.get(name)
    return values[-1].strip() if values else None


def comma_list(params: dict, name: str) -> list[str]:
    value = one(params, name)
    return [item.strip() for item in value.split(",") if item.strip()] if value else []


def moment(params: dict, name: str) -> datetime | None:
    """`…Z`, an offset, a naive time (the region's zone) or a bare date."""
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
    if not value.isdigit() or int(value) < 1:
        raise BadRequest(f"{name} must be a positive whole number")
    return min(int(value), maximum)
