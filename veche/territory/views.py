"""The territory's one public page: the municipalities' boundaries as GeoJSON, the layer every
map draws under its markers so that it is never a grey box when the tile server cannot be reached
(static/territory/boundaries.js)."""

import json

from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.views.decorators.http import require_GET

from veche.core.http import cacheable

from .models import Municipality

CACHE_KEY = "territory:boundaries"
# Boundaries change when an administrator imports new ones: a few minutes late is harmless.
CACHE_SECONDS = 600


def boundaries_body() -> bytes:
    """Every municipality with a boundary as one GeoJSON FeatureCollection (id, name, kind)."""
    rows = (
        Municipality.objects.exclude(boundary__isnull=True)
        .order_by("pk")
        .values_list("pk", "name", "kind", "boundary")
    )
    features = [
        {
            "type": "Feature",
            "geometry": boundary,
            "properties": {"id": pk, "name": name, "kind": kind},
        }
        for pk, name, kind, boundary in rows
        if boundary
    ]
    collection = {"type": "FeatureCollection", "features": features}
    return json.dumps(collection, ensure_ascii=False, separators=(",", ":")).encode()


@require_GET
def boundaries(request: HttpRequest) -> HttpResponse:
    """The boundaries, built once per CACHE_SECONDS, with an ETag (a 304 when unchanged)."""
    body = cache.get(CACHE_KEY)
    if body is None:
        body = boundaries_body()
        cache.set(CACHE_KEY, body, CACHE_SECONDS)
    return cacheable(request, body, "application/geo+json", CACHE_SECONDS)
