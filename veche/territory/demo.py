"""Demo territory: Yugra, its 22 municipalities with approximate polygons, a few settlements each.

The polygons are made up from points, not surveyed: every municipality's CSV point and its
settlements' centres are seeds, a municipality gets the union of its seeds' Voronoi cells inside
a rough outline of the okrug, and a settlement an octagon around its centre cut down to its own
seed's cell. So every seed resolves to its own municipality and no two polygons overlap, but the
borders are only approximations: replace them with real ones (manage.py import_boundaries).
"""

import csv
import math
from pathlib import Path

from django.db import transaction

from . import geometry
from .demo_data import MUNICIPALITIES, REGION, REGION_OUTLINE, SETTLEMENTS
from .gazetteer import import_gazetteer, read_rows
from .models import Municipality, Region, Settlement

CSV_PATH = Path(__file__).parent / "data" / "yugra_municipalities.csv"
# A sample gazetteer made for the demo: streets of Surgut and Urai, approximate points.
GAZETTEER_PATH = Path(__file__).parent / "data" / "demo_gazetteer.csv"


def municipality_rows() -> list[dict]:
    """The 22 rows of the reference CSV (kind, name, admin_centre, point_lat, point_lon)."""
    with CSV_PATH.open(encoding="utf-8") as f:
        return list(csv.DictReader(f))


def _seeds(rows: list[dict]) -> list[tuple[str, float, float]]:
    """(municipality name, lat, lon) of every seed, each position once."""
    seeds, seen = [], set()
    for row in rows:
        points = [(float(row["point_lat"]), float(row["point_lon"]))]
        points += [(s[2], s[3]) for s in SETTLEMENTS[row["name"]]]
        for lat, lon in points:
            if (round(lat, 4), round(lon, 4)) not in seen:
                seen.add((round(lat, 4), round(lon, 4)))
                seeds.append((row["name"], lat, lon))
    return seeds


def _cells(seeds: list[tuple[str, float, float]]) -> dict[tuple[float, float], list]:
    """Each seed's Voronoi cell inside the region outline, keyed by (lat, lon)."""
    points = [(lat, lon) for _, lat, lon in seeds]
    ref_lat = REGION["centre"][0]
    return {
        p: geometry.voronoi_cell(p, [q for q in points if q != p], REGION_OUTLINE, ref_lat)
        for p in points
    }


def _settlement_radius_km(population: int) -> float:
    # A city of 400,000 gets about 5.7 km, a village of 1,000 about 1.7 km.
    return min(1.5 + math.sqrt(population) / 150, 6.0)


def _seed_region() -> Region:
    lat, lon = REGION["centre"]
    region, _ = Region.objects.update_or_create(
        slug=REGION["slug"],
        defaults={
            "name": REGION["name"],
            "timezone": REGION["timezone"],
            "centre_lat": lat,
            "centre_lon": lon,
            "boundary": {"type": "Polygon", "coordinates": [geometry.close(REGION_OUTLINE)]},
        },
    )
    return region


def _seed_municipality(region: Region, row: dict, cells: list) -> Municipality:
    population, slug, _genitive = MUNICIPALITIES[row["name"]]
    municipality, _ = Municipality.objects.update_or_create(
        region=region,
        name=row["name"],
        defaults={
            "kind": row["kind"],
            "slug": slug,
            "admin_centre": row["admin_centre"],
            "population": population,
            "centre_lat": float(row["point_lat"]),
            "centre_lon": float(row["point_lon"]),
            "boundary": geometry.union_of_cells(cells),
        },
    )
    return municipality


def _seed_settlement(municipality: Municipality, data: tuple, cell: list) -> Settlement:
    name, kind, lat, lon, population = data
    octagon = geometry.regular_polygon(lat, lon, _settlement_radius_km(population))
    ring = geometry.clip_to_convex(cell, octagon)
    settlement, _ = Settlement.objects.update_or_create(
        municipality=municipality,
        name=name,
        defaults={
            "kind": kind,
            "population": population,
            "centre_lat": lat,
            "centre_lon": lon,
            "boundary": {"type": "Polygon", "coordinates": [geometry.close(ring)]},
        },
    )
    return settlement


@transaction.atomic
def seed() -> Region:
    """Create or update the demo region, municipalities and settlements; returns the region."""
    region = _seed_region()
    rows = municipality_rows()
    seeds = _seeds(rows)
    cells = _cells(seeds)
    for row in rows:
        own = [cells[(lat, lon)] for name, lat, lon in seeds if name == row["name"]]
        municipality = _seed_municipality(region, row, own)
        for data in SETTLEMENTS[row["name"]]:
            _seed_settlement(municipality, data, cells[(data[2], data[3])])
    import_gazetteer(read_rows(GAZETTEER_PATH))
    return region
