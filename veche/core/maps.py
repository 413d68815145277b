"""The one map mechanism every map of the portal shares (issue 17): the server groups what a view
shows into grid cells counted by the database, so a view of the region or of a municipality gets
at most a few hundred features whatever the data's size, and the items themselves only when
zoomed in enough (past CLUSTER_MAX_ZOOM) and few enough (POINT_LIMIT).

A domain app passes its filtered queryset (published reports, ideas, objects — with their `lat`
and `lon`) and a function reading its items' rows; it gets back a `MapView`: the items to draw as
points, and the cells to draw as clusters (`count` items around their mean point). A cell of one
item is that item, read in one more query. Every view costs at most three queries.

Counting at read time groups every matching row in the view; at 1,000,000 reports a region's view
took 1.5–1.9 s on the loaded bench machine (bench/maps.py, docs/benchmarks.md). So a view's cells
are kept in the cache for `MAP_CELLS_CACHE_SECONDS`, keyed by the SQL that counts them — the
filters and the view snapped outward to a block of the grid — so every visitor with the same
filters and a similar view shares one count (docs/architecture.md, "Maps"). The counts may lag that
long behind the data, as the lists' page numbers do (core/paging.py); past that, one request counts
again while the others get the kept cells. The points are always read fresh.

This module imports no domain app.
"""

import hashlib
import math
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import EmptyResultSet
from django.db.models import Avg, Count, F, FloatField, Func, IntegerField, Min, QuerySet

# Up to this zoom a view gets clusters; from the next one its items (when few enough).
CLUSTER_MAX_ZOOM = 12
# A cluster cell is about 64 pixels (of 256-pixel tiles) wide at the view's zoom.
CELL_PIXELS = 64
# The most cells a view may span; a wider view gets a coarser grid. With a screen's view at its
# zoom about 20 × 12 cells.
MAX_CELLS = 400
# The most items a zoomed-in view draws as points; more get clustered on a finer grid.
POINT_LIMIT = 500
# The view's box is snapped outward to this many cells, so views that differ by a pan share counts.
SNAP_CELLS = 8
WORLD = (-180.0, -90.0, 180.0, 90.0)
# Expired cells are served this many times their freshness while one request counts them again.
STALE_TIMES = 10

Bbox = tuple[float, float, float, float]


@dataclass(frozen=True)
class Cell:
    """One grid cell's items: how many, their mean point and the smallest primary key (the item
    itself when it is alone)."""

    count: int
    lat: float
    lon: float
    first: int


@dataclass
class MapView:
    """What a view draws: `points` (the domain's rows) and `cells` with more than one item.
    `clustered` tells whether the items were grouped (then `points` holds the lone ones)."""

    clustered: bool
    points: list = field(default_factory=list)
    cells: list[Cell] = field(default_factory=list)


def cell_size(zoom: int) -> float:
    """A cell's side in degrees at `zoom` (CELL_PIXELS of a 256-pixel tile)."""
    return 360 / 2**zoom * CELL_PIXELS / 256


def grid(bbox: Bbox | None, zoom: int) -> tuple[float, Bbox]:
    """The cell size for the view and its box snapped outward to SNAP_CELLS cells: the zoom's
    cells, doubled until the box spans at most MAX_CELLS of them."""
    min_lon, min_lat, max_lon, max_lat = bbox or WORLD
    size = cell_size(zoom)
    while True:
        block = size * SNAP_CELLS
        snapped = (
            math.floor((min_lon + 180) / block) * block - 180,
            math.floor((min_lat + 90) / block) * block - 90,
            math.ceil((max_lon + 180) / block) * block - 180,
            math.ceil((max_lat + 90) / block) * block - 90,
        )
        across = (snapped[2] - snapped[0]) / size
        down = (snapped[3] - snapped[1]) / size
        if across * down <= MAX_CELLS or size >= 360:
            return size, snapped
        size *= 2


def parse_zoom(raw: str) -> int:
    """A map's zoom from a query string, a whole number from 0 to 22, or ValueError."""
    zoom = int(raw)
    if not 0 <= zoom <= 22:
        raise ValueError
    return zoom


def in_box(found: QuerySet, bbox: Bbox | None) -> QuerySet:
    """The items whose point lies inside bbox (min_lon, min_lat, max_lon, max_lat)."""
    if bbox is None:
        return found
    min_lon, min_lat, max_lon, max_lat = bbox
    return found.filter(lat__range=(min_lat, max_lat), lon__range=(min_lon, max_lon))


def read(
    found: QuerySet,
    *,
    bbox: Bbox | None,
    zoom: int,
    points: Callable[[QuerySet, int], list],
    singles: Callable[[QuerySet, int], list] | None = None,
    box: Callable[[QuerySet, Bbox | None], QuerySet] = in_box,
) -> MapView:
    """The view of `found` (a queryset with `lat` and `lon`) in bbox at zoom.

    `points(queryset, limit)` reads at most `limit` rows of the domain's items in the order they
    should be drawn, the primary key first in each row; `singles` reads the lone items of cells
    (default: `points`); `box` filters the items for the points (default: their point in the
    box; a domain with lines may test their extent instead)."""
    if zoom > CLUSTER_MAX_ZOOM:
        rows = points(box(found, bbox), POINT_LIMIT + 1)
        if len(rows) <= POINT_LIMIT:
            return MapView(clustered=False, points=rows)
    cells = cells_of(found, bbox=bbox, zoom=zoom)
    lone = [cell.first for cell in cells if cell.count == 1]
    rows = (singles or points)(found.filter(pk__in=lone), len(lone)) if lone else []
    drawn = {row[0] for row in rows}
    shown = [cell for cell in cells if not (cell.count == 1 and cell.first in drawn)]
    return MapView(clustered=True, points=rows, cells=shown)


class _Cell(Func):
    """A coordinate's grid cell number: FLOOR on PostgreSQL; on SQLite a native CAST (its FLOOR
    is a Python function Django registers, 40 times slower), which truncates — the same for the
    positive, shifted coordinates given here."""

    function = "FLOOR"
    output_field = IntegerField()

    def as_postgresql(self, compiler, connection, **extra):
        sql, params = self.as_sql(compiler, connection, **extra)
        return f"{sql}::integer", params

    def as_sqlite(self, compiler, connection, **extra):
        return self.as_sql(compiler, connection, template="CAST(%(expressions)s AS INTEGER)")


def cells_of(found: QuerySet, *, bbox: Bbox | None, zoom: int) -> list[Cell]:
    """The view's cells with items, counted by the database (one query), from the cache when the
    same filters and view were counted lately."""
    size, snapped = grid(bbox, zoom)
    grouped = (
        in_box(found.order_by(), snapped)
        .annotate(
            gx=_Cell((F("lon") + 180) / size, output_field=FloatField()),
            gy=_Cell((F("lat") + 90) / size, output_field=FloatField()),
        )
        .values("gx", "gy")
        .annotate(count=Count("pk"), mean_lat=Avg("lat"), mean_lon=Avg("lon"), first=Min("pk"))
        .values_list("count", "mean_lat", "mean_lon", "first")
    )
    return _cached(grouped, lambda: [Cell(*row) for row in grouped])


def _cached(queryset: QuerySet, compute: Callable[[], list]) -> list:
    """`compute()`, kept for MAP_CELLS_CACHE_SECONDS under the SQL of `queryset`. Past that, one
    request counts again while the others get the kept cells (for up to STALE_TIMES as long), so
    a busy view's expiry costs one count, not one per request meanwhile."""
    seconds = settings.MAP_CELLS_CACHE_SECONDS
    if not seconds:
        return compute()
    try:
        key = _key(queryset)
    except EmptyResultSet:
        return []
    kept = cache.get(key)  # (fresh until, cells)
    if kept is not None and (kept[0] > _now() or not cache.add(f"{key}:counting", 1, seconds)):
        return kept[1]
    found = compute()
    cache.set(key, (_now() + seconds, found), seconds * STALE_TIMES)
    return found


def _key(queryset: QuerySet) -> str:
    sql, params = queryset.query.sql_with_params()
    text = f"{queryset.db}\n{sql}\n{params!r}"
    return "map-cells:" + hashlib.sha256(text.encode()).hexdigest()


def _now() -> float:
    return time.time()


# A cluster as GeoJSON text, for feeds that write their features as text.
CLUSTER_FEATURE = (
    '{"type":"Feature","geometry":{"type":"Point","coordinates":[%.6f,%.6f]},'
    '"properties":{"cluster":true,"count":%d}}'
)


def cluster_json(cell: Cell) -> str:
    return CLUSTER_FEATURE % (cell.lon, cell.lat, cell.count)


def cluster_feature(cell: Cell) -> dict:
    return {
        "type": "Feature",
        "geometry": {"type": "Point", "coordinates": [round(cell.lon, 6), round(cell.lat, 6)]},
        "properties": {"cluster": True, "count": cell.count},
    }
