"""The dashboards' cost on the prepared bench database (bench/prepare.py; a scaled one with a
million reports the same way): how long `analytics_refresh` takes over the data, then p50/p95 of
each dashboard and rating page through Django's test client in one process (the aggregates read,
the page rendered) and its SQL queries. Figures, not assertions (docs/benchmarks.md).

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/veche_bench \\
        .venv/bin/python bench/analytics.py --requests 40

Prints one line per page: «p50 … ms, p95 … ms, queries …», and the refresh's time and rows.
"""

import argparse
import gc
import os
import statistics
import sys
import time
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")

import django  # noqa: E402

django.setup()

from django.core.cache import cache  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection, reset_queries  # noqa: E402
from django.test import Client  # noqa: E402
from django.utils import timezone  # noqa: E402

from veche.agencies.models import Agency  # noqa: E402
from veche.analytics.services import analytics_refresh  # noqa: E402
from veche.core.startup import settle  # noqa: E402
from veche.staff.models import Role, RoleAssignment  # noqa: E402
from veche.territory.models import Municipality  # noqa: E402

# The target the issue sets for every dashboard on PostgreSQL with 1,000,000 reports.
TARGET_P95_MS = 200


def pages() -> list[str]:
    municipality = Municipality.objects.order_by("-population").first()
    agency = Agency.objects.filter(administers=municipality).first()
    return [
        "/analytics/",
        f"/analytics/?municipality={municipality.pk}",
        f"/analytics/?first={timezone.localdate() - timedelta(days=364)}",
        "/analytics/ratings/",
        "/analytics/ratings/?by=agency",
        "/analytics/region/",
        f"/analytics/municipality/{municipality.pk}/",
        f"/analytics/agency/{agency.pk}/",
    ]


def regional_head():
    from veche.accounts.models import User

    user, _ = User.objects.get_or_create(email="analytics-head@bench.veche")
    RoleAssignment.objects.get_or_create(user=user, role=Role.REGIONAL_HEAD)
    return user


def full_collections() -> int:
    """How many full (generation 2) garbage collections this process has run."""
    return gc.get_stats()[2]["collections"]


def measure(
    client: Client, path: str, requests: int, *, cold: bool = False
) -> tuple[float, float, int, float]:
    """p50 and p95 in ms, the page's SQL queries, and requests per second (one process, one
    request after another). `cold`: the cache emptied before each request, so every one
    computes the period's figures (analytics.selectors.generational)."""
    client.get(path)  # warm
    connection.force_debug_cursor = True
    reset_queries()
    client.get(path)
    queries = list(connection.queries)
    connection.force_debug_cursor = False
    times = []
    for _ in range(requests):
        if cold:
            cache.clear()
        start = time.perf_counter()
        response = client.get(path)
        times.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200, (path, response.status_code)
    p95 = statistics.quantiles(times, n=20)[-1]
    return statistics.median(times), p95, len(queries), 1000 * len(times) / sum(times)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--requests", type=int, default=40)
    parser.add_argument("--days", type=int, default=400, help="days analytics_refresh rebuilds")
    args = parser.parse_args()
    call_command("migrate", "analytics", verbosity=0)
    today = timezone.localdate()
    start = time.perf_counter()
    result = analytics_refresh(first=today - timedelta(days=args.days - 1), last=today)
    refresh_s = time.perf_counter() - start
    print(
        f"analytics_refresh over {args.days} days: {refresh_s:.1f} s, {result.report_rows} report "
        f"rows, {result.cell_rows} cells, {result.participation_rows} participation rows "
        f"({connection.vendor})"
    )
    settle()  # as veche/wsgi.py does before an app server's first request
    client = Client(HTTP_HOST="localhost")
    client.force_login(regional_head())
    for path in pages():
        p50, p95, queries, _rate = measure(client, path, args.requests)
        flag = "" if p95 < TARGET_P95_MS else f"  (over the {TARGET_P95_MS} ms target)"
        print(f"{path:55} p50 {p50:6.1f} ms  p95 {p95:6.1f} ms  queries {queries}{flag}")


if __name__ == "__main__":
    main()
