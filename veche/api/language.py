"""The language of API responses: the portal's language cookie, else the client's
Accept-Language, else Russian.

Web pages ignore Accept-Language (Russian unless the visitor switches); an app has no language
switch, so for the API the header is how it asks for English.
"""

from collections.abc import Callable
from functools import wraps

from django.http import HttpRequest, HttpResponse
from django.utils import translation


def request_language(request: HttpRequest) -> str:
    return translation.get_language_from_request(request, check_path=False)


def in_request_language(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    @wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        with translation.override(request_language(request)):
            return view(request, *args, **kwargs)

    return wrapper
