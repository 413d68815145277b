"""Where to send the user back to after a POST (the one check of a `next` address), and a public
response a repeated request gets as a 304."""

import hashlib

from django.http import HttpRequest, HttpResponse
from django.shortcuts import resolve_url
from django.utils.cache import patch_cache_control
from django.utils.http import url_has_allowed_host_and_scheme


def safe_next(request: HttpRequest, fallback: str) -> str:
    """The `next` address the request carries (POST, then the query string) when it stays on
    this site, with https kept when the request came over https; otherwise `fallback`, a path
    or a URL name. An empty fallback means "no address": the caller decides."""
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return resolve_url(fallback) if fallback else ""


def cacheable(request: HttpRequest, body: bytes, content_type: str, max_age: int) -> HttpResponse:
    """A public response with an ETag: a repeated request for the same body costs a 304."""
    etag = '"' + hashlib.md5(body, usedforsecurity=False).hexdigest() + '"'
    if etag in request.headers.get("If-None-Match", ""):
        response = HttpResponse(status=304)
    else:
        response = HttpResponse(body, content_type=content_type)
    response["ETag"] = etag
    patch_cache_control(response, public=True, max_age=max_age)
    return response
