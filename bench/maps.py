"""The reports' map feed at scale (issue 17, point 2): the region and one municipality, before and
after clustering on the server (veche/core/maps.py), on the database bench/scale.py loaded.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/veche_scale \\
    DJANGO_SETTINGS_MODULE=bench.settings SECRET_KEY=… \\
        python bench/scale.py --reports 20000 --supports 20000
    … python bench/maps.py [--requests 100]

In process through Django's test client, one request after another, for each view:

- `old`: the feed without `zoom` — the points, the 5,000 most supported (what the map read
  before, and what programs that send no zoom still get);
- `counted`: with `zoom`, the cells counted at read time on every request (the cache off);
- `cached`: with `zoom` and the cells' cache on (MAP_CELLS_CACHE_SECONDS), as served — the first
  request of a minute pays the `counted` figure.

Prints the reports loaded, the machine's load (`uptime`), then one line per figure, e.g.
`region z6 cached: n=100 rps=800 p50_ms=1.1 p95_ms=1.4 features=31 bytes=2900`. Figures, not
assertions: they depend on the machine (docs/benchmarks.md). Target: p95 under 50 ms.
"""

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.core.cache import cache  # noqa: E402
from django.db import connection  # noqa: E402
from django.db.models import Count  # noqa: E402
from django.test import Client  # noqa: E402

from veche.reports.models import Report  # noqa: E402
from veche.reports.selectors import public_reports  # noqa: E402
from veche.territory.models import Municipality, Region  # noqa: E402

URL = "/reports/map.geojson"


def timed(client: Client, params: dict, count: int) -> tuple[list[float], int, int]:
    client.get(URL, params)  # warm: the first request fills the caches it may use
    times = []
    for _ in range(count):
        started = time.perf_counter()
        response = client.get(URL, params)
        times.append(time.perf_counter() - started)
        assert response.status_code == 200, response.status_code
    return times, len(response.json()["features"]), len(response.content)


def line(label: str, times: list[float], features: int, size: int) -> None:
    ordered = sorted(times)
    p95 = ordered[max(0, int(len(ordered) * 0.95) - 1)]
    print(
        f"{label}: n={len(times)} rps={len(times) / sum(times):.0f} "
        f"p50_ms={statistics.median(times) * 1000:.1f} p95_ms={p95 * 1000:.1f} "
        f"features={features} bytes={size}",
        flush=True,
    )


def views() -> list[tuple[str, dict]]:
    """The region at zoom 6–8 and the busiest municipality at the zoom a 1,000-pixel map shows
    its box at."""
    region = Region.objects.order_by("pk").first()
    busiest = Municipality.objects.annotate(n=Count("reports")).order_by("-n").first()
    box = {
        "region": (region.min_lon, region.min_lat, region.max_lon, region.max_lat),
        busiest.name: (busiest.min_lon, busiest.min_lat, busiest.max_lon, busiest.max_lat),
    }
    text = {name: ",".join(f"{v:.5f}" for v in b) for name, b in box.items()}
    width = box[busiest.name][2] - box[busiest.name][0]
    fit = 0
    while 360 / 2 ** (fit + 1) * 1000 / 256 >= width and fit < 18:
        fit += 1
    found = [(f"region z{zoom}", {"bbox": text["region"], "zoom": zoom}) for zoom in (6, 7, 8)]
    found.append((f"{busiest.name} z{fit}", {"bbox": text[busiest.name], "zoom": fit}))
    closed = {"bbox": text[busiest.name], "zoom": fit, "status": "closed"}
    found.append((f"{busiest.name} z{fit} status=closed", closed))
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--requests", type=int, default=100)
    args = parser.parse_args()
    client = Client(HTTP_HOST="127.0.0.1")
    published = public_reports().count()
    print(f"db={connection.vendor} reports={Report.objects.count():,} published={published:,}")
    print("load:", subprocess.run(["uptime"], capture_output=True, text=True).stdout.strip())
    for label, params in views():
        old = {key: value for key, value in params.items() if key != "zoom"}
        line(f"{label} old (points)", *timed(client, old, args.requests))
        settings.MAP_CELLS_CACHE_SECONDS = 0
        line(f"{label} counted", *timed(client, params, args.requests))
        settings.MAP_CELLS_CACHE_SECONDS = 60
        cache.clear()
        line(f"{label} cached", *timed(client, params, args.requests))
    print("load:", subprocess.run(["uptime"], capture_output=True, text=True).stdout.strip())


if __name__ == "__main__":
    main()
