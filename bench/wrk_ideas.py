"""The ideas' pages in the issue's peer comparison set-up: gunicorn with 2 sync workers, `wrk -t2
-c8 -d10s`, on the same data (300 public ideas, 1,500 comments). adhocracy+ served its idea list
at 34 req/s (105 SQL queries) and an idea at 66 req/s (55 queries) on this kind of machine; the
target is five times that: 170 and 330 req/s, with a constant number of queries per page.

    .venv/bin/python bench/wrk_ideas.py                 # both databases
    .venv/bin/python bench/wrk_ideas.py --db postgres --seconds 10

Measures, in one run against one server: a bare view (no query, no template: the ceiling), the
idea list (page 1) and an idea's page (a random one of the public ideas per request). Prints
requests/s and the 50th, 90th, 95th and 99th percentile latency from wrk's own histogram (a Lua
`done` hook reads `latency:percentile(95)`), the errors; then, from bench/pagecost.py, the SQL
queries each page makes (warm, anonymous and as a resident) and its CPU time per request in one
process, the ceiling that time sets whatever else runs. Prints `uptime` before and after: the
machine is shared. Figures, not assertions.
"""

import argparse
import json
import os
import signal
import subprocess
import sys
import tempfile
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from bench.run import (  # noqa: E402
    DATABASES,
    PYTHON,
    ensure_postgres_database,
    environment,
    serve,
    targets,
)

TARGETS = {"list": 170, "page": 330}  # req/s: five times adhocracy+'s 34 and 66
LUA = """
local paths = {%(paths)s}
request = function()
  return wrk.format(nil, paths[math.random(#paths)])
end
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    "WRK {\\"requests\\": %%d, \\"us\\": %%d, \\"p50\\": %%d, \\"p90\\": %%d, \\"p95\\": %%d,"
    .. " \\"p99\\": %%d, \\"errors\\": %%d}\\n",
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(90),
    latency:percentile(95), latency:percentile(99),
    e.connect + e.read + e.write + e.status + e.timeout))
end
"""


def uptime() -> str:
    return subprocess.run(["uptime"], capture_output=True, text=True).stdout.strip()


def wrk(port: int, paths: list[str], args, cookie: str = "") -> dict:
    paths_lua = ", ".join(json.dumps(p) for p in paths)
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script:
        script.write(LUA % {"paths": paths_lua})
    try:
        out = subprocess.run(
            [
                "wrk",
                f"-t{args.threads}",
                f"-c{args.connections}",
                f"-d{args.seconds}s",
                "--latency",
                *(["-H", f"Cookie: {cookie}"] if cookie else []),
                "-s",
                script.name,
                f"http://127.0.0.1:{port}{paths[0]}",
            ],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
    finally:
        os.unlink(script.name)
    line = next(x for x in out.splitlines() if x.startswith("WRK "))
    result = json.loads(line[4:])
    result["rps"] = result["requests"] / (result["us"] / 1e6)
    return result


def warm(port: int, paths: list[str]) -> None:
    """Each worker compiles its templates and fills its caches before the measuring starts: every
    page four times, so that each of the workers (each with its own local-memory cache) has most
    likely served it once, as on a portal that has been up for a while."""
    for path in paths * 4:
        urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=30).read()


def resident_cookie(env: dict) -> str:
    """A signed-in bench resident's session cookie: his pages are never taken from the cache."""
    code = (
        "import django; django.setup()\n"
        "from django.test import Client\n"
        "from django.contrib.auth import get_user_model\n"
        "from bench.pagecost import RESIDENT\n"
        "c = Client(); c.force_login(get_user_model().objects.get(email=RESIDENT))\n"
        "print(c.cookies['sessionid'].value)"
    )
    out = subprocess.run(
        [str(PYTHON), "-c", code], cwd=ROOT, env=env, check=True, capture_output=True, text=True
    ).stdout
    return "sessionid=" + out.strip().splitlines()[-1]


def page_cost(env: dict, probes: list[str], cpu: dict[str, list[str]]) -> dict:
    """Queries per probe and CPU ms per request (bench/pagecost.py, its own process)."""
    command = [str(PYTHON), "bench/pagecost.py", *probes]
    command += [f"--cpu={name}={','.join(paths)}" for name, paths in cpu.items()]
    out = subprocess.run(
        command, cwd=ROOT, env=env, check=True, capture_output=True, text=True
    ).stdout
    return json.loads(out.strip().splitlines()[-1])


def probe_ideas(env: dict) -> list[list[int]]:
    """[id, comments, progress updates] of the public ideas with the fewest, a middling number
    and the most published comments."""
    code = (
        "import json, django; django.setup()\n"
        "from django.db.models import Count\n"
        "from veche.comments.selectors import published_count\n"
        "from veche.ideas.models import UNPUBLISHED, Idea\n"
        "rows = list(Idea.objects.exclude(status__in=UNPUBLISHED)"
        ".annotate(c=published_count('ideas.idea'), u=Count('progress'))"
        ".order_by('c', 'pk').values_list('pk', 'c', 'u'))\n"
        "print(json.dumps([rows[0], rows[len(rows) // 2], rows[-1]]))"
    )
    out = subprocess.run(
        [str(PYTHON), "-c", code], cwd=ROOT, env=env, check=True, capture_output=True, text=True
    ).stdout
    return json.loads(out.strip().splitlines()[-1])


def line(name: str, r: dict, queries: str) -> str:
    ms = {p: r[p] / 1000 for p in ("p50", "p90", "p95", "p99")}
    return (
        f"  {name:<30} {r['rps']:7.1f} req/s   p50 {ms['p50']:6.1f}  p90 {ms['p90']:6.1f}"
        f"  p95 {ms['p95']:6.1f}  p99 {ms['p99']:6.1f} ms   errors {r['errors']}   {queries}"
    )


def bench(db: str, args) -> None:
    env = environment(DATABASES[db])
    if db == "postgres":
        ensure_postgres_database(env)
    keys = ROOT / "var" / f"bench-keys-{db}.txt"
    subprocess.run(
        [str(PYTHON), "bench/prepare.py", "--reports", str(args.reports), "--keys", str(keys)],
        cwd=ROOT,
        env=env,
        check=True,
        stdout=subprocess.DEVNULL,
    )
    ideas = targets(env)["ideas"]
    probed = probe_ideas(env)
    # name, the paths wrk draws from, the path whose queries the line shows
    pages = [
        ("bare view (no query)", ["/bench/page/"], "/bench/page/"),
        ("idea list (page 1)", ["/ideas/"], "/ideas/"),
        (f"idea page (any of {len(ideas)})", [f"/ideas/{i}/" for i in ideas], None),
    ]
    lists = ["/ideas/", "/ideas/?page=2", "/ideas/?page=20"]
    probes = ["/bench/page/", *lists] + [f"/ideas/{pk}/" for pk, *_ in probed]
    cost = page_cost(env, probes, {name: paths for name, paths, _probe in pages})
    counts, cpu = cost["queries"], cost["cpu_ms"]
    server = serve(env, args.port, args.workers)
    try:
        for _name, paths, _probe in pages:
            warm(args.port, paths)
        print(
            f"\n== {db}: {len(ideas)} public ideas, gunicorn {args.workers} sync workers, "
            f"wrk -t{args.threads} -c{args.connections} -d{args.seconds}s --latency"
        )
        print(f"  before: {uptime()}")
        for name, paths, probe in pages:
            queries = f"SQL {counts[f'anonymous {probe}']}" if probe else "SQL see below"
            print(line(name, wrk(args.port, paths, args), queries), flush=True)
        # A signed-in resident's pages are rendered for him every time.
        cookie = resident_cookie(env)
        for name, paths, probe in pages[1:]:
            queries = f"SQL {counts[f'resident {probe}']}" if probe else "SQL see below"
            result = wrk(args.port, paths, args, cookie=cookie)
            print(line(f"{name}, resident", result, queries), flush=True)
        print(f"  after:  {uptime()}")
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)
    print(f"  target: idea list {TARGETS['list']} req/s, idea page {TARGETS['page']} req/s")
    for who in ("anonymous", "resident"):
        per_list = " / ".join(str(counts[f"{who} {p}"]) for p in lists)
        per_idea = " / ".join(
            f"{counts[f'{who} /ideas/{pk}/']} (№ {pk}: {n} comments, {u} progress)"
            for pk, n, u in probed
        )
        print(f"  SQL queries when rendered, {who}: idea list pages 1 / 2 / 20: {per_list}")
        print(f"  SQL queries when rendered, {who}: idea page {per_idea}")
    print(
        "  CPU per anonymous request in one process (test client; a guest's page from the cache,"
        " and rendered with the cache off): "
        + ", ".join(
            f"{name} {ms:.1f} ms"
            + (
                f" (rendered {cost['rendered_ms'][name]:.1f} ms)"
                if name in cost["rendered_ms"]
                else ""
            )
            for name, ms in cpu.items()
        )
        + f"; {args.workers} workers on {os.cpu_count()} idle cores would serve at most "
        + ", ".join(
            f"{name} {1000 * min(args.workers, os.cpu_count()) / ms:.0f} req/s"
            for name, ms in cpu.items()
            if name != pages[0][0]
        )
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--db", choices=["sqlite", "postgres", "both"], default="both")
    parser.add_argument("--reports", type=int, default=200, help="tops up only (bench/prepare.py)")
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--port", type=int, default=8768)
    args = parser.parse_args()
    for db in ["sqlite", "postgres"] if args.db == "both" else [args.db]:
        bench(db, args)


if __name__ == "__main__":
    main()
