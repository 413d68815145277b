"""Guests' pages kept whole for a little while: the busiest public pages (the ideas' list and
page) cost 8–12 ms of rendering, and most of their readers are not signed in.

A page a guest sees — no session cookie, no message waiting, not an HTMX request, a GET — depends
only on its address, the language, the low-vision settings and the data. Its HTML is cached under
those and a *version of the data* the view names (the ideas use the event log's last id: every
change of the portal records an event, so the next guest after any change gets a fresh page, on
every server and worker alike). GUEST_PAGE_CACHE_SECONDS caps the age for what changes without
an event (a name, a date that passes); 0 turns the cache off.

The CSRF token is the one thing of one visitor in such a page (the language switch, the
low-vision form, HTMX's header): it is stored as a placeholder, and every guest gets his own.
"""

import re
from collections.abc import Callable
from functools import wraps

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.middleware.csrf import get_token

from .low_vision import ACCESSIBILITY_COOKIE

_TOKEN = re.compile(rb'name="csrfmiddlewaretoken" value="([^"]+)"|"X-CSRFToken": "([^"]+)"')
_PLACEHOLDER = b"\x00csrf\x00"
MAX_QUERY = 300  # characters of a query string worth caching a page for


def guest_page(version: Callable[[], object]):
    """View decorator: serve guests the page cached for the current `version()`; render and
    cache it when there is none. Anyone else goes straight to the view."""

    def decorator(view):
        @wraps(view)
        def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
            seconds = getattr(settings, "GUEST_PAGE_CACHE_SECONDS", 0)
            if not seconds or not is_plain_guest(request):
                return view(request, *args, **kwargs)
            key = _key(request, version())
            if (body := cache.get(key)) is not None:
                return _served(request, body)
            response = view(request, *args, **kwargs)
            if _storable(response):
                cache.set(key, _with_placeholder(response.content), seconds)
            return response

        return wrapper

    return decorator


def is_plain_guest(request: HttpRequest) -> bool:
    """Nothing about this visitor but his language and low-vision choice reaches the page (and
    the address is an ordinary one: endless made-up query strings would only fill the cache)."""
    cookies = request.COOKIES
    return (
        request.method == "GET"
        and len(request.META.get("QUERY_STRING", "")) <= MAX_QUERY
        and settings.SESSION_COOKIE_NAME not in cookies
        and "messages" not in cookies  # django.contrib.messages' cookie storage
        and "HX-Request" not in request.headers
    )


def _key(request: HttpRequest, version: object) -> str:
    low_vision = request.COOKIES.get(ACCESSIBILITY_COOKIE, "")
    parts = (version, request.LANGUAGE_CODE, low_vision, request.get_full_path())
    return "veche:guest-page:" + "|".join(map(str, parts))


def _storable(response: HttpResponse) -> bool:
    return (
        response.status_code == 200
        and not response.streaming
        and not response.cookies  # the view set something of this visitor's
        and response.get("Content-Type", "").startswith("text/html")
    )


def _with_placeholder(content: bytes) -> bytes:
    found = _TOKEN.search(content)
    if not found:
        return content
    return content.replace(found.group(1) or found.group(2), _PLACEHOLDER)


def _served(request: HttpRequest, body: bytes) -> HttpResponse:
    if _PLACEHOLDER in body:
        # get_token also has the CSRF middleware send the cookie the token belongs to.
        body = body.replace(_PLACEHOLDER, get_token(request).encode())
    return HttpResponse(body, content_type="text/html; charset=utf-8")
