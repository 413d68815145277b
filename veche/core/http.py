"""Where to send the user back to after a POST: the one check of a `next` address."""

from django.http import HttpRequest
from django.shortcuts import resolve_url
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
