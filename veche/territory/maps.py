"""What every map of the portal needs from the territory: the tiles and the boundaries layer it
draws, the bounds it opens on, and a bounding box read from a query string."""

from django.conf import settings
from django.urls import reverse

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
