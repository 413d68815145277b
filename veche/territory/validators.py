"""Validation of GeoJSON boundaries typed into the admin or read from an imported file."""

from numbers import Real

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

BOUNDARY_TYPES = ("Polygon", "MultiPolygon")


def _is_number(value) -> bool:
    return isinstance(value, Real) and not isinstance(value, bool)


def _check_position(position, ring_no: int) -> None:
    if not isinstance(position, list | tuple) or len(position) not in (2, 3):
        raise ValidationError(
            _("Ring %(ring)s: every point must be a [longitude, latitude] pair of numbers."),
            code="position",
            params={"ring": ring_no},
        )
    lon, lat = position[0], position[1]
    if not (_is_number(lon) and _is_number(lat)):
        raise ValidationError(
            _("Ring %(ring)s: every point must be a [longitude, latitude] pair of numbers."),
            code="position",
            params={"ring": ring_no},
        )
    if not (-180 <= lon <= 180 and -90 <= lat <= 90):
        raise ValidationError(
            _(
                "Ring %(ring)s: point [%(lon)s, %(lat)s] is out of range: longitude must lie "
                "between -180 and 180, latitude between -90 and 90 (longitude comes first)."
            ),
            code="range",
            params={"ring": ring_no, "lon": lon, "lat": lat},
        )


def _check_ring(ring, ring_no: int) -> None:
    if not isinstance(ring, list) or len(ring) < 4:
        raise ValidationError(
            _("Ring %(ring)s must have at least four points (the last repeating the first)."),
            code="ring",
            params={"ring": ring_no},
        )
    for position in ring:
        _check_position(position, ring_no)
    if list(ring[0][:2]) != list(ring[-1][:2]):
        raise ValidationError(
            _("Ring %(ring)s is not closed: its last point must repeat the first."),
            code="closed",
            params={"ring": ring_no},
        )


def validate_boundary(value) -> None:
    """A GeoJSON Polygon or MultiPolygon in WGS 84 with closed rings; empty is allowed."""
    if value in (None, "", {}):
        return
    if not isinstance(value, dict) or value.get("type") not in BOUNDARY_TYPES:
        raise ValidationError(
            _(
                "The boundary must be a GeoJSON geometry of type Polygon or MultiPolygon, "
                'for example {"type": "Polygon", "coordinates": [[[69.0, 61.0], …]]}.'
            ),
            code="type",
        )
    coordinates = value.get("coordinates")
    polygons = [coordinates] if value["type"] == "Polygon" else coordinates
    if not isinstance(polygons, list) or not polygons:
        raise ValidationError(_("The boundary has no coordinates."), code="empty")
    ring_no = 0
    for polygon in polygons:
        if not isinstance(polygon, list) or not polygon:
            raise ValidationError(_("Every polygon must have an outer ring."), code="empty")
        for ring in polygon:
            ring_no += 1
            _check_ring(ring, ring_no)
