"""The infrastructure registry at 22,000 objects (issue 14): importing them from XLSX, the map's
GeoJSON feed and the object's page.

    python bench/infrastructure.py [--objects 22000] [--requests 200]
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/test_infra python bench/infrastructure.py

Builds a throw-away test database (migrations, the territory's and agencies' demo and the 32
categories; not timed), writes the workbook with the demo's generator (every category, over the
22 municipalities: points, roads as lines, parks as polygons), then times

- the first import (every row new) and a second one of the same file (every row unchanged),
  through the same service as the admin's upload and `import_objects`;
- the map feed, in process through Django's test client, one request after another: the
  busiest municipality's bounding box at the zoom a 1,000-pixel map shows it at (clusters), the
  whole region at zoom 6 (clusters; and with a category filter), one screen at zoom 14 (the
  objects, lines simplified) and, as a worst case, the whole municipality's box at zoom 14;
  the object page; the list page with a search.

Prints one line per figure, e.g. `db=sqlite map municipality z11: n=200 rps=150 p50_ms=6.1
p95_ms=8.0 features=38`. Targets (issue 14): the import under 60 s, the map's p95 under 50 ms.
Figures, not assertions: they depend on the machine (docs/benchmarks.md).
"""

import argparse
import io
import math
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "veche.settings.test")

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402
from django.test.utils import setup_test_environment  # noqa: E402
from openpyxl import Workbook  # noqa: E402


def workbook(objects: int) -> bytes:
    from veche.infrastructure import demo

    book = Workbook(write_only=True)
    sheet = book.create_sheet()
    for _line, cells in demo.table(objects, seed=22, prefix="BENCH"):
        sheet.append(cells)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def timed_requests(client, url: str, params: dict, count: int) -> tuple[list[float], int]:
    client.get(url, params)  # warm: the first request compiles templates and fills caches
    times = []
    size = 0
    for _ in range(count):
        start = time.perf_counter()
        response = client.get(url, params)
        times.append(time.perf_counter() - start)
        assert response.status_code == 200, response.status_code
        size = len(response.content)
    return times, size


def report(label: str, times: list[float], extra: str = "") -> None:
    ordered = sorted(times)
    p95 = ordered[max(0, int(len(ordered) * 0.95) - 1)]
    print(
        f"db={connection.vendor} {label}: n={len(times)} rps={len(times) / sum(times):.0f} "
        f"p50_ms={statistics.median(times) * 1000:.1f} p95_ms={p95 * 1000:.1f} {extra}".rstrip(),
        flush=True,
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--objects", type=int, default=22000)
    parser.add_argument("--requests", type=int, default=200)
    args = parser.parse_args()
    setup_test_environment()
    name = connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        from django.test import Client

        from veche.core.demo import demos_in_order
        from veche.infrastructure.demo import seed_categories
        from veche.infrastructure.models import Facility, HistoryEntry
        from veche.infrastructure.services import facilities_import
        from veche.staff.models import Role
        from veche.staff.tests.factories import RegionWideRoleFactory
        from veche.territory.models import Municipality, Region

        for entry in demos_in_order():
            if entry.app_label in ("territory", "agencies"):
                entry.seed()
        seed_categories()
        admin = RegionWideRoleFactory(role=Role.REGIONAL_ADMIN).user
        start = time.perf_counter()
        data = workbook(args.objects)
        print(f"workbook: {len(data) / 1e6:.1f} MB in {time.perf_counter() - start:.1f} s")

        start = time.perf_counter()
        first = facilities_import(user=admin, data=data, filename="objects.xlsx")
        first_s = time.perf_counter() - start
        start = time.perf_counter()
        again = facilities_import(user=admin, data=data, filename="objects.xlsx")
        again_s = time.perf_counter() - start
        print(
            f"db={connection.vendor} import xlsx: rows={args.objects} first_s={first_s:.1f} "
            f"again_s={again_s:.1f} created={first.created} unchanged={again.unchanged} "
            f"changed={again.created + again.updated} history={HistoryEntry.objects.count()}",
            flush=True,
        )

        # Where the time goes: reading the workbook, then checking its rows (both in each run).
        from veche.core.tables import read_table
        from veche.infrastructure.services.importing import parse_rows

        start = time.perf_counter()
        table = read_table(data, "objects.xlsx")
        read_s = time.perf_counter() - start
        start = time.perf_counter()
        parse_rows(table)
        print(
            f"db={connection.vendor} import phases: read_xlsx_s={read_s:.1f} "
            f"check_rows_s={time.perf_counter() - start:.1f}",
            flush=True,
        )

        client = Client()
        url = "/objects/map.geojson"
        busiest = (
            Municipality.objects.filter(pk__in=Facility.objects.values("municipality"))
            .order_by("-population")
            .first()
        )
        box = f"{busiest.min_lon},{busiest.min_lat},{busiest.max_lon},{busiest.max_lat}"
        region = Region.objects.order_by("pk").first()
        whole = f"{region.min_lon},{region.min_lat},{region.max_lon},{region.max_lat}"
        inside = Facility.objects.filter(
            min_lat__lte=busiest.max_lat,
            max_lat__gte=busiest.min_lat,
            min_lon__lte=busiest.max_lon,
            max_lon__gte=busiest.min_lon,
        ).count()
        # The zoom a 1,000-pixel-wide map shows the municipality at, and a screen (1,000 × 600
        # pixels) at zoom 14 around its busiest place.
        fit = int(math.log2(1000 * 360 / (256 * (busiest.max_lon - busiest.min_lon))))
        centre = Facility.objects.filter(municipality=busiest).order_by("pk").first()
        half_lon = 500 * 360 / (256 * 2**14)
        half_lat = half_lon * 0.6 * math.cos(math.radians(centre.lat))
        screen = (
            f"{centre.lon - half_lon},{centre.lat - half_lat},"
            f"{centre.lon + half_lon},{centre.lat + half_lat}"
        )
        print(f"{busiest.name}: {inside} objects in its bounding box, shown at zoom {fit}")
        for label, params in (
            (f"map municipality z{fit}", {"bbox": box, "zoom": fit}),
            ("map whole region z6 (clusters)", {"bbox": whole, "zoom": 6}),
            ("map whole region z6, one category", {"bbox": whole, "zoom": 6, "category": 1}),
            ("map one screen at z14 (objects)", {"bbox": screen, "zoom": 14}),
            ("map municipality bbox at z14 (worst case)", {"bbox": box, "zoom": 14}),
        ):
            times, size = timed_requests(client, url, params, args.requests)
            report(label, times, f"bytes={size}")
        facility = Facility.objects.filter(shape="line").order_by("pk").first()
        times, size = timed_requests(client, facility.get_absolute_url(), {}, args.requests // 2)
        report("object page", times, f"bytes={size}")
        times, size = timed_requests(client, "/objects/", {"q": "ремонт"}, args.requests // 4)
        report("list page, search «ремонт»", times)
    finally:
        connection.creation.destroy_test_db(name, verbosity=0)


if __name__ == "__main__":
    main()
