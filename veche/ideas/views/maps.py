"""Map plumbing of the idea pages: a cacheable GeoJSON answer (the tiles, boundaries, bounds and
bounding boxes every map shares are `veche.territory.maps`)."""

import hashlib

from django.http import HttpRequest, HttpResponse
from django.utils.cache import patch_cache_control

MAX_AGE = 60  # seconds browsers and proxies may keep a map's points


def cacheable(request: HttpRequest, body: bytes, content_type: str) -> HttpResponse:
    """A public response with an ETag: a repeated request for the same points costs a 304."""
    etag = '"' + hashlib.md5(body, usedforsecurity=False).hexdigest() + '"'
    if etag in request.headers.get("If-None-Match", ""):
        response = HttpResponse(status=304)
    else:
        response = HttpResponse(body, content_type=content_type)
    response["ETag"] = etag
    patch_cache_control(response, public=True, max_age=MAX_AGE)
    return response
