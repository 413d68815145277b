"""An object's geometry: a GeoJSON Point, LineString/MultiLineString (a road) or
Polygon/MultiPolygon (a park), in WGS 84 with [lon, lat] positions. Checked, measured (bounding
box, representative point, vertices) and simplified for the map, in plain Python on top of
`veche.territory.geometry` — the project keeps no GIS extension."""

import math
from dataclasses import dataclass

from django.utils.translation import gettext as _

from veche.territory import geometry as territory_geometry

SHAPES = {
    "Point": "point",
    "LineString": "line",
    "MultiLineString": "line",
    "Polygon": "polygon",
    "MultiPolygon": "polygon",
}
MAX_VERTICES = 5000


@dataclass(frozen=True)
class Measured:
    geometry: dict
    shape: str
    lat: float
    lon: float
    bbox: tuple[float, float, float, float]  # min_lon, min_lat, max_lon, max_lat


def _position(value) -> list[float]:
    if (
        not isinstance(value, list | tuple)
        or len(value) not in (2, 3)
        or not all(isinstance(v, int | float) and not isinstance(v, bool) for v in value)
    ):
        raise ValueError(_("Every position must be a [longitude, latitude] pair of numbers."))
    lon, lat = float(value[0]), float(value[1])
    if not (-180 <= lon <= 180 and -90 <= lat <= 90 and math.isfinite(lon + lat)):
        raise ValueError(
            _("A position is out of range: [%(lon)s, %(lat)s].") % {"lon": lon, "lat": lat}
        )
    return [round(lon, 7), round(lat, 7)]


def _line(value, minimum: int) -> list[list[float]]:
    if not isinstance(value, list) or len(value) < minimum:
        raise ValueError(_("A line needs at least two points, a ring four."))
    return [_position(p) for p in value]


def normalize(geometry) -> dict:
    """The geometry checked and rounded to 7 decimals; ValueError with the reason otherwise."""
    if not isinstance(geometry, dict) or geometry.get("type") not in SHAPES:
        raise ValueError(
            _("The geometry must be a GeoJSON Point, LineString or Polygon (or their Multi-).")
        )
    kind, coordinates = geometry["type"], geometry.get("coordinates")
    if kind == "Point":
        coordinates = _position(coordinates)
    elif kind == "LineString":
        coordinates = _line(coordinates, 2)
    elif kind == "MultiLineString":
        coordinates = [_line(part, 2) for part in _parts(coordinates)]
    elif kind == "Polygon":
        coordinates = [_ring(ring) for ring in _parts(coordinates)]
    else:
        coordinates = [[_ring(ring) for ring in _parts(poly)] for poly in _parts(coordinates)]
    result = {"type": kind, "coordinates": coordinates}
    if len(vertices(result)) > MAX_VERTICES:
        raise ValueError(_("The geometry has more than %(max)d points.") % {"max": MAX_VERTICES})
    return result


def _parts(value) -> list:
    if not isinstance(value, list) or not value:
        raise ValueError(_("The geometry has no coordinates."))
    return value


def _ring(value) -> list[list[float]]:
    ring = _line(value, 4)
    if ring[0] != ring[-1]:
        raise ValueError(_("A polygon's ring must end where it starts."))
    return ring


def vertices(geometry: dict) -> list[list[float]]:
    coordinates = geometry["coordinates"]
    kind = geometry["type"]
    if kind == "Point":
        return [coordinates]
    if kind in ("LineString",):
        return coordinates
    if kind in ("MultiLineString", "Polygon"):
        return [p for part in coordinates for p in part]
    return [p for poly in coordinates for ring in poly for p in ring]


def measure(geometry) -> Measured:
    """The geometry checked, with its shape, representative point and bounding box."""
    geometry = normalize(geometry)
    points = vertices(geometry)
    lons = [p[0] for p in points]
    lats = [p[1] for p in points]
    shape = SHAPES[geometry["type"]]
    if shape == "point":
        lon, lat = points[0]
    elif shape == "line":
        # The middle vertex lies on the road, which a bbox's centre may not.
        lines = geometry["coordinates"] if geometry["type"] == "MultiLineString" else [points]
        longest = max(lines, key=len)
        lon, lat = longest[len(longest) // 2]
    else:
        lat, lon = territory_geometry.interior_point(geometry)
    return Measured(geometry, shape, lat, lon, (min(lons), min(lats), max(lons), max(lats)))


def point(lat: float, lon: float) -> dict:
    return {"type": "Point", "coordinates": [round(lon, 7), round(lat, 7)]}


# --- Simplification for the map (Douglas–Peucker on degrees; tolerance from the zoom). ---


def tolerance(zoom: int) -> float:
    """Degrees one screen pixel spans at this zoom (256-pixel tiles), halved."""
    return 360 / (256 * 2**zoom) / 2


def _simplify_line(points: list[list[float]], epsilon: float) -> list[list[float]]:
    if len(points) < 3:
        return points
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        first, last = stack.pop()
        (x1, y1), (x2, y2) = points[first][:2], points[last][:2]
        dx, dy = x2 - x1, y2 - y1
        norm = math.hypot(dx, dy) or 1e-12
        farthest, index = 0.0, None
        for i in range(first + 1, last):
            x, y = points[i][:2]
            distance = abs(dy * x - dx * y + x2 * y1 - y2 * x1) / norm
            if distance > farthest:
                farthest, index = distance, i
        if index is not None and farthest > epsilon:
            keep[index] = True
            stack += [(first, index), (index, last)]
    return [p for p, kept in zip(points, keep, strict=True) if kept]


def _simplify_ring(ring: list[list[float]], epsilon: float) -> list[list[float]]:
    simple = _simplify_line(ring, epsilon)
    return simple if len(simple) >= 4 else ring


def simplify(geometry: dict, zoom: int) -> dict:
    """The geometry with the vertices a screen at this zoom would not show left out."""
    epsilon = tolerance(zoom)
    kind, coordinates = geometry["type"], geometry["coordinates"]
    if kind == "LineString":
        coordinates = _simplify_line(coordinates, epsilon)
    elif kind == "MultiLineString":
        coordinates = [_simplify_line(part, epsilon) for part in coordinates]
    elif kind == "Polygon":
        coordinates = [_simplify_ring(ring, epsilon) for ring in coordinates]
    elif kind == "MultiPolygon":
        coordinates = [[_simplify_ring(r, epsilon) for r in poly] for poly in coordinates]
    return {"type": kind, "coordinates": coordinates}
