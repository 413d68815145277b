"""What every map of the portal needs from the territory: the tiles and the boundaries layer it
draws, the bounds it opens on, and the view (a bounding box and a zoom) read from a query string."""

from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext as _

from veche.core import maps

from .models import Municipality, Region


def map_settings() -> dict:
    return {
        "tiles": settings.MAP_TILE_URL,
        "attribution": getattr(settings, "MAP_TILE_ATTRIBUTION", "© OpenStreetMap contributors"),
        "boundaries": reverse("territory:boundaries"),
    }


def place_bounds(municipality_id: int | None) -> list[float] | None:
    """[min_lat, min_lon, max_lat, max_lon] of the municipality, else of the region."""
    # Only the four numbers: a place's boundary is large and list pages are hot paths.
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


def parse_view(query) -> tuple:
    """(bbox or None, zoom or None) of a map feed's query string; ValueError with the message
    when either is malformed."""
    try:
        bbox = parse_bbox(query["bbox"]) if query.get("bbox") else None
    except ValueError:
        raise ValueError(_("bbox must be min_lon,min_lat,max_lon,max_lat in degrees.")) from None
    try:
        zoom = maps.parse_zoom(query["zoom"]) if query.get("zoom") else None
    except ValueError:
        raise ValueError(_("zoom must be a whole number from 0 to 22.")) from None
    return bbox, zoom
