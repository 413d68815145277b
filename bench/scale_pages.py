"""Issue 17's acceptance bench: the pages' cost as the data grows, on PostgreSQL, in one run.

    SECRET_KEY=… .venv/bin/python bench/scale_pages.py --db veche_scale_me \\
        --sizes 300,20000,100000,1000000 --seconds 5

For each size it grows the database to that many reports with bench/scale.py's loader (rows
made in SQL; as many supports of the new reports as the size, by the 2,000 bench supporters;
the rows', index builds' and whole load's times as scale.py prints them), gives one report in
5,000 a rare word, takes back the key holders' supports, starts gunicorn afresh (an empty
cache) and measures with bench/run.py's load generator: the list (unfiltered, by municipality,
by the common word «яма», by the rare word), a report page, the REST list, the map GeoJSON for
the region and for one municipality, supporting a report (API) and the bare insert view. Then
a table per scenario over the sizes, with the issue's targets beside: p95 at the largest size
within 1.5× of p95 at the smallest and under 150 ms, the map's p95 under 50 ms, supporting
≥ 60 % of the bare insert, loading the million under 2 minutes. Figures, not assertions; the
machine's load (`uptime`) is printed with them.
"""

import argparse
import json
import os
import re
import signal
import subprocess
import sys
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from bench import run as bench_run  # noqa: E402
from bench.load import Result, Scenario, run  # noqa: E402

PYTHON = Path(sys.executable)
COMMON = "яма"  # in one of bench/prepare.py's six texts
RARE = "шлагбаум"  # in none of bench/prepare.py's texts: one report in RARE_EVERY gets it
RARE_EVERY = 5000
MAP = "/reports/map.geojson"
REGION_ZOOM, MUNICIPALITY_ZOOM = 7, 11  # passed for a feed that clusters by zoom; ignored before

# After each growth: the rare word, the key holders' supports taken back, what the pages need.
PREPARE = """
import json, sys
from bench import prepare
from django.db import connection
from veche.reports.models import Report
from veche.reports.models.report import UNPUBLISHED
from veche.territory.models import Municipality
rare, every = sys.argv[1], int(sys.argv[2])
with connection.cursor() as cursor:
    cursor.execute(
        "UPDATE reports_report SET search_stems = search_stems || %s "
        "WHERE id %% %s = 1 AND search_stems NOT LIKE %s",
        [rare + " ", every, "% " + rare + " %"],
    )
holders = prepare.residents(300)[50:]
prepare.reset_report_supports(holders)
# The pages and the supports: published reports the key holders did not write (the demo's too).
ids = list(Report.objects.exclude(status__in=UNPUBLISHED).exclude(author__in=holders)
           .order_by('-pk').values_list('pk', flat=True)[:5000])
everywhere = Municipality.objects.all()
bbox = [min(m.min_lon for m in everywhere), min(m.min_lat for m in everywhere),
        max(m.max_lon for m in everywhere), max(m.max_lat for m in everywhere)]
print(json.dumps({'reports': Report.objects.count(), 'region': bbox, 'ids': ids}))
"""


@dataclass
class Size:
    reports: int
    load: str = ""
    load_seconds: float | None = None
    index_seconds: float | None = None
    total_seconds: float | None = None
    uptime: list[str] = field(default_factory=list)
    results: dict[str, Result] = field(default_factory=dict)


def grow(env: dict, size: int, keys: Path) -> Size:
    """bench/scale.py up to `size` reports, with `size` supports of the new ones; times parsed."""
    out = subprocess.run(
        [str(PYTHON), "bench/scale.py", "--reports", str(size), "--supports", str(size),
         "--keys", str(keys)],
        cwd=ROOT, env=env, check=True, capture_output=True, text=True,
    ).stdout  # fmt: skip
    print(out.rstrip(), flush=True)
    lines = out.strip().splitlines()
    grown = Size(size, load=next((x for x in lines if x.startswith("loaded ")), lines[-1]))
    times = re.search(
        r"rows ([\d.]+) s .*?\d+ indexes ([\d.]+) s of building.*?; ([\d.]+) s in all", out
    )
    if times:
        grown.load_seconds, grown.index_seconds = float(times[1]), float(times[2])
        grown.total_seconds = float(times[3])
    return grown


def prepared(env: dict) -> dict:
    out = subprocess.run(
        [str(PYTHON), "-c", "import bench.prepare\n" + PREPARE, RARE, str(RARE_EVERY)],
        cwd=ROOT, env=env, check=True, capture_output=True, text=True,
    ).stdout  # fmt: skip
    return json.loads(out.strip().splitlines()[-1])


def scenarios(t: dict, keys: list[str], region: list[float]) -> list[Scenario]:
    place, pages = t["municipality"], range(1, 6)
    area = ",".join(f"{v:.5f}" for v in t["bbox"])
    everywhere = ",".join(f"{v:.5f}" for v in region)
    supports = bench_run.new_supports("reports", t["ids"], keys)
    return [
        Scenario("list", "GET", [f"/reports/?page={p}" for p in pages]),
        Scenario(
            "list, municipality", "GET", [f"/reports/?municipality={place}&page={p}" for p in pages]
        ),
        Scenario(
            f"list, «{COMMON}»", "GET", [f"/reports/?q={quote(COMMON)}&page={p}" for p in pages]
        ),
        Scenario(f"list, «{RARE}»", "GET", [f"/reports/?q={quote(RARE)}"]),
        Scenario("report page", "GET", [f"/reports/{i}/" for i in t["ids"]]),
        Scenario("REST list", "GET", ["/api/v1/reports/"]),
        Scenario("map, region", "GET", [f"{MAP}?bbox={everywhere}&zoom={REGION_ZOOM}"]),
        Scenario("map, municipality", "GET", [f"{MAP}?bbox={area}&zoom={MUNICIPALITY_ZOOM}"]),
        Scenario("support a report (API)", "POST", [], once=supports),
        Scenario("bare insert view", "POST", ["/bench/insert/"], []),
    ]


def measure(env: dict, size: Size, keys: list[str], data: dict, args) -> None:
    t = {**bench_run.targets(env), "ids": data["ids"]}
    server = bench_run.serve(env, args.port, args.workers)
    try:
        size.uptime.append(bench_run.uptime())
        chosen = scenarios(t, keys, data["region"])
        warm(args.port, chosen)
        parts: dict[str, list[Result]] = {s.name: [] for s in chosen}
        for _slice in range(args.slices):  # round-robin, as bench/run.py does
            for scenario in chosen:
                seconds = args.seconds / args.slices
                parts[scenario.name].append(
                    run(args.port, scenario, seconds=seconds, clients=args.clients)
                )
        size.results = {name: Result.merged(found) for name, found in parts.items()}
        size.uptime.append(bench_run.uptime())
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)


def warm(port: int, chosen: list[Scenario]) -> None:
    """Each page's first paths once per worker, so no scenario pays the workers' warm-up."""
    for scenario in chosen:
        if scenario.method == "GET":
            for path in scenario.paths[:5] * 2:
                urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=60).read()


def support_share(size: Size) -> float | None:
    support, bare = size.results.get("support a report (API)"), size.results.get("bare insert view")
    return 100 * support.rps / bare.rps if support and bare and bare.rps else None


def report(sizes: list[Size]) -> None:
    first, last = sizes[0], sizes[-1]
    heads = "".join(f"{s.reports:>22,}" for s in sizes)
    print(f"\n== requests/s · p95 ms per size (reports){heads}   target")
    for name in first.results:
        cells = "".join(
            f"{s.results[name].rps:>11.1f} · {s.results[name].percentile(95):>7.1f}"
            + ("!" if s.results[name].errors else " ")
            for s in sizes
        )
        print(f"  {name:<34}{cells}   {target(name, first, last)}")
    shares = "".join(f"{support_share(s) or 0:>21.0f}%" for s in sizes)
    print(f"  {'supporting / bare insert':<34}{shares}   ≥ 60 %")
    loads = "".join(f"{s.load_seconds or 0:>20.1f} s" for s in sizes)
    builds = "".join(f"{s.index_seconds or 0:>20.1f} s" for s in sizes)
    totals = "".join(f"{s.total_seconds or 0:>20.1f} s" for s in sizes)
    print(f"  {'growth: rows (SQL)':<34}{loads}")
    print(f"  {'growth: index builds (their sum)':<34}{builds}")
    print(f"  {'growth: in all, with ANALYZE':<34}{totals}   the million < 120 s")
    print("  (! = some requests failed; sizes measured in order, each after its growth)")
    for s in sizes:
        print(f"  {s.reports:,}: {s.load}")
        for moment in s.uptime:
            print(f"    {moment}")


def target(name: str, first: Size, last: Size) -> str:
    if name in ("support a report (API)", "bare insert view"):
        return ""
    p95 = last.results[name].percentile(95)
    growth = p95 / first.results[name].percentile(95)
    limit = 50 if name.startswith("map") else 150
    met = growth <= 1.5 and p95 < limit
    return f"p95 ≤ 1.5× ({growth:.2f}×) and < {limit} ms: {'met' if met else 'NOT met'}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--db", default="veche_scale", help="the PostgreSQL database's name")
    parser.add_argument("--sizes", default="300,20000,100000,1000000")
    parser.add_argument("--seconds", type=float, default=5, help="per scenario and size")
    parser.add_argument("--slices", type=int, default=1)
    parser.add_argument("--clients", type=int, default=4)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--port", type=int, default=8766)
    args = parser.parse_args()
    bench_run.POSTGRES_DB = args.db
    env = bench_run.environment(f"postgres://postgres@127.0.0.1:5432/{args.db}")
    bench_run.ensure_postgres_database(env)
    keys_file = ROOT / "var" / f"bench-keys-{args.db}.txt"
    sizes = []
    for count in sorted(int(n) for n in args.sizes.split(",")):
        print(f"\n== growing to {count:,} reports", flush=True)
        size = grow(env, count, keys_file)
        data = prepared(env)
        print(f"  {data['reports']:,} reports; measuring", flush=True)
        measure(env, size, keys_file.read_text().split(), data, args)
        for result in size.results.values():
            print(bench_run.line(result), flush=True)
        sizes.append(size)
    report(sizes)


if __name__ == "__main__":
    main()
