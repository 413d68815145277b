"""Map plumbing of the idea pages: the tiles and boundaries every map draws, the bounds it opens
on, a bounding box from the query string, and a cacheable GeoJSON answer."""

import hashlib

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils.cache import patch_cache_control

from veche.territory.models import Municipality, Region

MAX_AGE = 60  # seconds browsers and proxies may keep a map's points


def map_settings() -> dict:
    return {
        "tiles": settings.MAP_TILE_URL,
        "attribution": getattr(settings, "MAP_TILE_ATTRIBUTION", "© OpenStreetMap contributors"),
        "boundaries": reverse("territory:boundaries"),
    }


def place_bounds(municipality_id: int | None) -> list[float] | None:
    """[min_lat, min_lon, max_lat, max_lon] of the municipality, else of the region."""
    columns = ("min_lat", "min_lon", "max_lat", "max_lon")
    bounds = None
    if municipality_id:
        bounds = Municipality.objects.filter(pk=municipality_id).values_list(*columns).first()
    bounds = bounds or Region.objects.order_by("pk").values_list(*columns).first()
    return None if bounds is None or bounds[0] is None else list(bounds)


def parse_bbox(raw: str) -> tuple[float, float, float, float]:
    """min_lon,min_lat,max_lon,max_lat → a tuple, or ValueError when malformed."""
    parts = [float(value) for value in raw.split(",")]
    if len(parts) != 4:
        raise ValueError
    min_lon, min_lat, max_lon, max_lat = parts
    if not (-180 <= min_lon <= max_lon <= 180 and -90 <= min_lat <= max_lat <= 90):
        raise ValueError
    return min_lon, min_lat, max_lon, max_lat


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
