"""Plain-Python geometry on GeoJSON (WGS 84, [lon, lat] positions): bounding boxes,
point-in-polygon (even-odd rule) and the half-plane clipping that builds the demo polygons.
"""

import math


def _rings(geometry: dict) -> list[list[list[list[float]]]]:
    """Polygons of a Polygon or MultiPolygon, each a list of rings of [lon, lat] positions."""
    if geometry["type"] == "Polygon":
        return [geometry["coordinates"]]
    if geometry["type"] == "MultiPolygon":
        return geometry["coordinates"]
    raise ValueError(f"Unsupported geometry type: {geometry['type']}")


def bbox(geometry: dict) -> tuple[float, float, float, float]:
    """(min_lon, min_lat, max_lon, max_lat) of the geometry."""
    points = [pt for polygon in _rings(geometry) for ring in polygon for pt in ring]
    lons = [p[0] for p in points]
    lats = [p[1] for p in points]
    return min(lons), min(lats), max(lons), max(lats)


def _in_ring(lon: float, lat: float, ring: list[list[float]]) -> bool:
    inside = False
    j = len(ring) - 1
    for i in range(len(ring)):
        xi, yi = ring[i][0], ring[i][1]
        xj, yj = ring[j][0], ring[j][1]
        if (yi > lat) != (yj > lat) and lon < (xj - xi) * (lat - yi) / (yj - yi) + xi:
            inside = not inside
        j = i
    return inside


def contains(geometry: dict, lat: float, lon: float) -> bool:
    """True when the point lies inside the polygon(s), outside every hole."""
    for polygon in _rings(geometry):
        outer, *holes = polygon
        if _in_ring(lon, lat, outer) and not any(_in_ring(lon, lat, h) for h in holes):
            return True
    return False


# --- Building approximate polygons (demo data): rings here are open lists of [lon, lat]. ---

KM_PER_DEGREE = 111.2


def close(ring: list[list[float]]) -> list[list[float]]:
    """The ring with its first position repeated at the end, as GeoJSON wants."""
    return [list(p) for p in ring] + [list(ring[0])]


def clip(ring: list[list[float]], a: float, b: float, c: float) -> list[list[float]]:
    """The part of an open ring where a·lon + b·lat ≤ c (Sutherland–Hodgman, one half-plane)."""
    out: list[list[float]] = []
    for i, p in enumerate(ring):
        q = ring[(i + 1) % len(ring)]
        fp = a * p[0] + b * p[1] - c
        fq = a * q[0] + b * q[1] - c
        if fp <= 0:
            out.append(p)
        if (fp < 0 < fq) or (fq < 0 < fp):
            t = fp / (fp - fq)
            out.append([p[0] + t * (q[0] - p[0]), p[1] + t * (q[1] - p[1])])
    return out


def clip_to_convex(ring: list[list[float]], convex: list[list[float]]) -> list[list[float]]:
    """The part of an open ring inside a convex, counter-clockwise open ring."""
    for i, p in enumerate(convex):
        q = convex[(i + 1) % len(convex)]
        dx, dy = q[0] - p[0], q[1] - p[1]
        ring = clip(ring, dy, -dx, dy * p[0] - dx * p[1])
        if not ring:
            break
    return ring


def voronoi_cell(
    seed: tuple[float, float],
    others: list[tuple[float, float]],
    outline: list[list[float]],
    ref_lat: float,
) -> list[list[float]]:
    """The part of `outline` nearer to `seed` (lat, lon) than to any of `others`.

    Distances are measured in an equirectangular projection true at `ref_lat` (a degree of
    longitude shrunk by its cosine), so that cells are not stretched east–west in the north.
    Neighbouring cells share their edges only if they are built with the same `ref_lat`.
    """
    k2 = math.cos(math.radians(ref_lat)) ** 2
    plat, plon = seed
    cell = outline
    for qlat, qlon in others:
        a = 2 * k2 * (qlon - plon)
        b = 2 * (qlat - plat)
        c = k2 * (qlon**2 - plon**2) + (qlat**2 - plat**2)
        cell = clip(cell, a, b, c)
    return cell


def regular_polygon(lat: float, lon: float, radius_km: float, sides: int = 8) -> list[list[float]]:
    """An open counter-clockwise ring of `sides` vertices `radius_km` around (lat, lon)."""
    dlat = radius_km / KM_PER_DEGREE
    dlon = dlat / math.cos(math.radians(lat))
    angles = (2 * math.pi * i / sides for i in range(sides))
    return [[lon + dlon * math.cos(t), lat + dlat * math.sin(t)] for t in angles]


def signed_area(ring: list[list[float]]) -> float:
    """Shoelace area of a ring in square degrees; positive when counter-clockwise."""
    return (
        sum(p[0] * q[1] - q[0] * p[1] for p, q in zip(ring, ring[1:] + ring[:1], strict=True)) / 2
    )


def _key(p: list[float]) -> tuple[float, float]:
    return (round(p[0], 7), round(p[1], 7))


def _walk_rings(edges: dict[tuple, list[tuple]]) -> list[list[list[float]]] | None:
    """Closed rings traced through directed edges; None when an edge leads nowhere."""
    rings = []
    while edges:
        start = next(iter(edges))
        ring, point = [], start
        while True:
            ring.append(list(point))
            nexts = edges.get(point)
            if not nexts:
                return None
            following = nexts.pop()
            if not nexts:
                del edges[point]
            point = following
            if point == start:
                break
        rings.append(ring)
    return rings


def union_of_cells(cells: list[list[list[float]]]) -> dict:
    """One geometry covering convex cells that meet along whole shared edges (the Voronoi cells
    of one municipality's seeds). Shared edges cancel and what is left is traced into rings;
    should that fail, the cells are returned as they are, as a MultiPolygon."""
    cells = [c if signed_area(c) > 0 else c[::-1] for c in cells if len(c) >= 3]
    counts: dict[tuple, int] = {}
    for ring in cells:
        for p, q in zip(ring, ring[1:] + ring[:1], strict=True):
            a, b = _key(p), _key(q)
            if a == b:
                continue
            if counts.get((b, a)):
                counts[(b, a)] -= 1
            else:
                counts[(a, b)] = counts.get((a, b), 0) + 1
    edges: dict[tuple, list[tuple]] = {}
    for (a, b), n in counts.items():
        if n:
            edges.setdefault(a, []).extend([b] * n)
    rings = _walk_rings(edges)
    if rings is None:
        return {"type": "MultiPolygon", "coordinates": [[close(c)] for c in cells]}
    outers = sorted((r for r in rings if signed_area(r) > 0), key=signed_area)
    polygons: list[list[list[list[float]]]] = [[r] for r in outers]
    for hole in (r for r in rings if signed_area(r) < 0):
        host = next((p for p in polygons if _in_ring(*hole[0], p[0])), None)
        if host is not None:
            host.append(hole)
    coordinates = [[close(r) for r in polygon] for polygon in polygons]
    if len(coordinates) == 1:
        return {"type": "Polygon", "coordinates": coordinates[0]}
    return {"type": "MultiPolygon", "coordinates": coordinates}


def _centroid(ring: list[list[float]]) -> tuple[float, float] | None:
    area = signed_area(ring)
    if not area:
        return None
    edges = list(zip(ring, ring[1:] + ring[:1], strict=True))
    cx = sum((p[0] + q[0]) * (p[0] * q[1] - q[0] * p[1]) for p, q in edges) / (6 * area)
    cy = sum((p[1] + q[1]) * (p[0] * q[1] - q[0] * p[1]) for p, q in edges) / (6 * area)
    return cx, cy


def interior_point(geometry: dict) -> tuple[float, float]:
    """(lat, lon) of a point inside the geometry's largest polygon: its centroid when that is
    inside, else the middle of the widest inside span of the horizontal line through it."""
    polygon = max(_rings(geometry), key=lambda p: abs(signed_area(p[0])))
    centroid = _centroid(polygon[0])
    if centroid is None:
        return polygon[0][0][1], polygon[0][0][0]
    cx, cy = centroid
    if contains({"type": "Polygon", "coordinates": polygon}, cy, cx):
        return cy, cx
    xs = sorted(
        p[0] + (cy - p[1]) * (q[0] - p[0]) / (q[1] - p[1])
        for ring in polygon
        for p, q in zip(ring, ring[1:] + ring[:1], strict=True)
        if (p[1] > cy) != (q[1] > cy)
    )
    spans = list(zip(xs[::2], xs[1::2], strict=False)) or [(cx, cx)]
    left, right = max(spans, key=lambda s: s[1] - s[0])
    return cy, (left + right) / 2
