"""Error responses of the API: always JSON `{"detail": ...}`, messages in the user's language.

422 keeps ninja's shape (a list of {type, loc, msg, ctx}); `loc` names the field and `type` is a
stable code for programs, while `msg` is translated for the common pydantic error types.
"""

from collections.abc import Callable, Iterable, Iterator
from contextlib import AbstractContextManager, contextmanager, nullcontext

from django.core.exceptions import PermissionDenied, SuspiciousOperation
from django.core.exceptions import ValidationError as DomainError
from django.http import Http404, HttpRequest, HttpResponse, UnreadablePostError
from django.http.multipartparser import MultiPartParserError
from django.utils.translation import gettext_lazy as _
from ninja import NinjaAPI
from ninja.errors import (
    AuthenticationError,
    AuthorizationError,
    HttpError,
    Throttled,
    ValidationError,
)

from veche.core import ratelimit

# Pydantic error type → a translated message; placeholders come from the error's ctx.
VALIDATION_MESSAGES = {
    "missing": _("This field is required."),
    "string_type": _("Enter a text value."),
    "string_too_short": _("Enter at least %(min_length)s characters."),
    "string_too_long": _("Enter at most %(max_length)s characters."),
    "string_pattern_mismatch": _("The value has the wrong format."),
    "int_type": _("Enter a whole number."),
    "int_parsing": _("Enter a whole number."),
    "float_type": _("Enter a number."),
    "float_parsing": _("Enter a number."),
    "bool_type": _("Enter true or false."),
    "bool_parsing": _("Enter true or false."),
    "greater_than": _("The value must be greater than %(gt)s."),
    "greater_than_equal": _("The value must be at least %(ge)s."),
    "less_than": _("The value must be less than %(lt)s."),
    "less_than_equal": _("The value must be at most %(le)s."),
    "date_parsing": _("Enter a date as YYYY-MM-DD."),
    "date_from_datetime_parsing": _("Enter a date as YYYY-MM-DD."),
    "datetime_parsing": _("Enter a date and time in ISO 8601 format."),
    "datetime_from_date_parsing": _("Enter a date and time in ISO 8601 format."),
    "enum": _("Choose one of: %(expected)s."),
    "literal_error": _("Choose one of: %(expected)s."),
    "list_type": _("Enter a list."),
    "too_short": _("Give at least %(min_length)s items."),
    "too_long": _("Give at most %(max_length)s items."),
    "uuid_parsing": _("Enter a valid UUID."),
    "url_parsing": _("Enter a valid URL."),
    "json_invalid": _("The request body is not valid JSON."),
    "model_attributes_type": _("Enter an object."),
    "dict_type": _("Enter an object."),
}


def _translated(error: dict) -> dict:
    message = VALIDATION_MESSAGES.get(error.get("type"))
    if message is None:
        return error
    try:
        text = str(message) % error.get("ctx", {})
    except (KeyError, TypeError, ValueError):
        return error
    return {**error, "msg": text}


def install_error_handlers(api: NinjaAPI) -> None:
    def detail(request: HttpRequest, message, status: int) -> HttpResponse:
        return api.create_response(request, {"detail": str(message)}, status=status)

    @api.exception_handler(AuthenticationError)
    def unauthenticated(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
        message = exc.message
        if message == AuthenticationError().message:  # ninja's default: no credentials at all
            message = _("Authentication credentials were not provided.")
        response = detail(request, message, exc.status_code)
        response["WWW-Authenticate"] = 'Bearer realm="api"'
        return response

    @api.exception_handler(Throttled)
    def throttled(request: HttpRequest, exc: Throttled) -> HttpResponse:
        return detail(request, _("Too many requests; try again later."), 429)

    @api.exception_handler(Http404)
    def not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
        return detail(request, _("Not found."), 404)

    @api.exception_handler(AuthorizationError)
    def forbidden(request: HttpRequest, exc: AuthorizationError) -> HttpResponse:
        message = exc.message
        if message == AuthorizationError().message:
            message = _("You do not have permission to do this.")
        return detail(request, message, exc.status_code)

    @api.exception_handler(HttpError)
    def http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
        return detail(request, exc.message, exc.status_code)

    def unreadable(request: HttpRequest, exc: Exception) -> HttpResponse:
        # Django answers these 400 itself, but as HTML (and ninja in DEBUG as a 500 traceback).
        message = _(
            "The request body cannot be read: it is malformed (a multipart body needs its "
            "boundary) or too large."
        )
        return detail(request, message, 400)

    for unreadable_error in (MultiPartParserError, SuspiciousOperation, UnreadablePostError):
        api.add_exception_handler(unreadable_error, unreadable)

    @api.exception_handler(ValidationError)
    def invalid(request: HttpRequest, exc: ValidationError) -> HttpResponse:
        errors = [_translated(error) for error in exc.errors]
        return api.create_response(request, {"detail": errors}, status=422)


@contextmanager
def service_errors(
    slot: AbstractContextManager | None = None,
    *,
    location: Callable[[str], list[str]] = lambda field: [field],
    conflicts: Iterable[str] = (),
) -> Iterator[None]:
    """Run a domain service (inside a rate-limit slot, if given); its refusals become the API's
    errors: a rate limit → 429, `PermissionDenied` → 403, a `ValidationError` whose code is in
    `conflicts` (e.g. "already_voted") → 409, any other → 422 with each message at
    `["body", *location(field)]` (errors without a field under `__all__`). The one mapping every
    domain app's router uses."""
    try:
        with slot or nullcontext():
            yield
    except ratelimit.Limited as limited:
        raise Throttled(limited.retry_after) from limited
    except PermissionDenied as error:
        raise HttpError(403, str(error)) from error
    except DomainError as error:
        if getattr(error, "code", None) in conflicts:
            raise HttpError(409, error.messages[0]) from error
        fields = error.message_dict if hasattr(error, "error_dict") else {"__all__": error.messages}
        raise ValidationError(
            [
                {"type": "invalid", "loc": ["body", *location(field)], "msg": message}
                for field, messages in fields.items()
                for message in messages
            ]
        ) from error
