"""What the API refuses before any parameter is parsed: a NUL character in any text.

No database stores NUL in a text (PostgreSQL refuses it with an error, and XML cannot carry
it), so a NUL anywhere — a path segment, a query or form field (name or value), an uploaded
file's name, a string inside a JSON body — is a 422 naming where it was, in the API's error
shape. One check here covers every operation; the schema declares it in each text's pattern
(veche/api/schemas.py `Text`).
"""

import json
from collections.abc import Callable, Iterator
from functools import wraps

from django.core.exceptions import SuspiciousOperation
from django.http import HttpRequest, HttpResponse, UnreadablePostError
from django.http.multipartparser import MultiPartParserError
from django.utils.translation import gettext as _
from ninja import NinjaAPI
from ninja.errors import ValidationError

NUL = "\x00"
# A body Django cannot read: too many fields, too big, a broken multipart (veche/api/errors.py).
UNREADABLE = (MultiPartParserError, SuspiciousOperation, UnreadablePostError)
FORM_TYPES = ("multipart/form-data", "application/x-www-form-urlencoded")


def _in_querydict(source: str, data) -> Iterator[list]:
    for name, values in data.lists():
        if NUL in name or any(NUL in str(value) for value in values):
            yield [source, name]


def _in_json(value, loc: list) -> Iterator[list]:
    if isinstance(value, str):
        if NUL in value:
            yield loc
    elif isinstance(value, dict):
        for key, item in value.items():
            if NUL in key:
                yield [*loc, key]
            yield from _in_json(item, [*loc, key])
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _in_json(item, [*loc, index])


def _in_body(request: HttpRequest) -> Iterator[list]:
    if request.content_type in FORM_TYPES:
        yield from _in_querydict("form", request.POST)  # a malformed multipart raises here
        for name, files in request.FILES.lists():
            if any(NUL in (upload.name or "") for upload in files):
                yield ["file", name]
    elif b"\\u0000" in request.body:  # JSON spells NUL so; a raw NUL is invalid JSON already
        try:
            data = json.loads(request.body)
        except ValueError:
            return  # the operation answers with its own parse error
        yield from _in_json(data, ["body"])


def nul_locations(request: HttpRequest, path_params: dict) -> list[list]:
    """Where the request carries a NUL character: a list of `loc`s, empty when nowhere."""
    found = [["path", name] for name, value in path_params.items() if NUL in str(value)]
    found += _in_querydict("query", request.GET)
    if request.method not in ("GET", "HEAD", "OPTIONS"):
        found += _in_body(request)
    return found


def refusing_nul(api: NinjaAPI) -> Callable:
    """A view decorator (ninja's "view" mode, before parsing) answering 422 on a NUL anywhere."""

    def decorator(run: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        @wraps(run)
        def wrapper(request: HttpRequest, **path_params) -> HttpResponse:
            try:
                found = nul_locations(request, path_params)
            except UNREADABLE as error:  # e.g. multipart without a boundary: a 400
                return api.on_exception(request, error)
            if found:
                message = _("The text contains the NUL character, which is not allowed.")
                items = [{"type": "string_nul", "loc": loc, "msg": message} for loc in found]
                return api.on_exception(request, ValidationError(items))
            return run(request, **path_params)

        return wrapper

    return decorator
