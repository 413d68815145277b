"""Site-wide search at the issue's scale: 20,000 reports, 2,000 ideas and 5,000 news-like rows in
the index (issue 16; target p95 under 100 ms on PostgreSQL).

    .venv/bin/python bench/search.py                      # PostgreSQL (BENCH_POSTGRES_DB)
    .venv/bin/python bench/search.py --db sqlite --seconds 10

Prepares the database (bench/prepare.py's reports and ideas, without its polls and contests;
the news rows of bench/search_news.py written straight into the index), times `reindex_search`,
then measures in one process (Django's test client) each query's page: SQL queries, p50 and p95
of the whole request and of the search selector alone; then serves the portal with gunicorn and
drives `/search/?q=…` (a mix of queries, kinds and pages) with wrk: requests/s, p50, p95, p99.
Prints `uptime` before and after: the machine is shared. Figures, not assertions.
"""

import argparse
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import parse_qs, urlencode, urlsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

TARGET_P95_MS = 100
QUERIES = [
    "яма",
    "ямы на дороге",
    "фонари",
    "мусор остановка",
    "детской площадки",
    "велодорожку",
    "приём граждан",
    "конкурс инициативных проектов",
    "снег",
    "лавочки в сквере",
    "ремонт дорог",
    "космодром",  # nothing
]


def paths() -> list[str]:
    found = [f"/search/?{urlencode({'q': q})}" for q in QUERIES]
    found += [
        "/search/?" + urlencode({"q": "яма", "kind": "reports.report", "page": 5}),
        "/search/?" + urlencode({"q": "фонари", "kind": "ideas.idea"}),
        "/search/?" + urlencode({"q": "детской площадки", "kind": "bench.news", "page": 3}),
    ]
    return found


def prepare(args) -> None:
    """In this process: the data, then the index rebuilt (timed)."""
    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.core.management import call_command

    from bench import prepare as base
    from bench import prepare_ideas, search_news
    from veche.search.kinds import searchable_kinds
    from veche.search.models import SearchEntry
    from veche.search.services import reindex

    call_command("migrate", verbosity=0)
    if not get_user_model().objects.filter(email__endswith="@bench.veche").exists():
        call_command("seed_demo", verbosity=0, stdout=open(os.devnull, "w"))  # noqa: SIM115
    authors = base.residents(50)
    base.reports(args.reports, authors)
    prepare_ideas.ideas(args.ideas, authors)
    search_news.fill(args.news)
    domain = [spec.kind for spec in searchable_kinds() if spec.kind != search_news.KIND]
    started = time.perf_counter()
    counts = reindex(domain)
    seconds = time.perf_counter() - started
    public = SearchEntry.objects.filter(public=True).count()
    print("PREPARED " + json.dumps({"reindex_s": seconds, "counts": counts, "public": public}))


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def latency(args) -> None:
    """In this process: each page's SQL queries and latency, the selector's alone."""
    import django

    django.setup()
    from django.db import connection
    from django.test import Client

    from veche.search.selectors import search

    client = Client(HTTP_HOST="127.0.0.1")
    rows = {}
    for path in paths():
        client.get(path)  # warm
        queries = []

        def counted(execute, sql, params, many, context, queries=queries):
            queries.append(sql)
            return execute(sql, params, many, context)

        with connection.execute_wrapper(counted):
            response = client.get(path)
        assert response.status_code == 200, (path, response.status_code)
        pages, selector = [], []
        for _ in range(args.repeat):
            started = time.perf_counter()
            client.get(path)
            pages.append((time.perf_counter() - started) * 1000)
        params = parse_qs(urlsplit(path).query)
        q, kind, page = (params.get(k, [d])[0] for k, d in (("q", ""), ("kind", ""), ("page", "1")))
        for _ in range(args.repeat):
            started = time.perf_counter()
            results = search(q, kind=kind, page=page)
            list(results.hits)
            selector.append((time.perf_counter() - started) * 1000)
        rows[path] = {
            "hits": results.page.paginator.count if results.page else 0,
            "sql": len(queries),
            "page_p50": percentile(pages, 50),
            "page_p95": percentile(pages, 95),
            "selector_p95": percentile(selector, 95),
        }
    print("LATENCY " + json.dumps(rows))


def uptime() -> str:
    return subprocess.run(["uptime"], capture_output=True, text=True).stdout.strip()


def run_self(env: dict, mode: str, args) -> dict:
    out = subprocess.run(
        [sys.executable, "bench/search.py", mode, *_passthrough(args)],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    tag = "PREPARED " if mode == "--prepare" else "LATENCY "
    return json.loads(next(x for x in out.splitlines() if x.startswith(tag))[len(tag) :])


def _passthrough(args) -> list[str]:
    return [
        f"--reports={args.reports}",
        f"--ideas={args.ideas}",
        f"--news={args.news}",
        f"--repeat={args.repeat}",
    ]


def bench(db: str, args) -> None:
    from bench.run import DATABASES, ensure_postgres_database, environment, serve
    from bench.wrk_ideas import warm, wrk

    env = environment(DATABASES[db])
    if db == "postgres":
        ensure_postgres_database(env)
    prepared = run_self(env, "--prepare", args)
    print(
        f"\n== {db}: index {prepared['counts']} + {args.news} news rows; "
        f"{prepared['public']} public entries; reindex_search {prepared['reindex_s']:.1f} s"
    )
    measured = run_self(env, "--latency", args)
    print(f"  one process, test client, {args.repeat} requests each (ms):")
    for path, row in measured.items():
        print(
            f"  {path:<72} hits {row['hits']:>6}  SQL {row['sql']}  page p50 {row['page_p50']:6.1f}"
            f"  p95 {row['page_p95']:6.1f}   selector p95 {row['selector_p95']:6.1f}"
        )
    server = serve(env, args.port, args.workers)
    try:
        warm(args.port, paths())
        print(
            f"  gunicorn {args.workers} sync workers, wrk -t{args.threads} -c{args.connections}"
            f" -d{args.seconds}s over the {len(paths())} searches above"
        )
        print(f"  before: {uptime()}")
        r = wrk(args.port, paths(), args)
        print(
            f"  search page mix {r['rps']:7.1f} req/s   p50 {r['p50'] / 1000:6.1f}"
            f"  p95 {r['p95'] / 1000:6.1f}  p99 {r['p99'] / 1000:6.1f} ms   errors {r['errors']}"
            f"   (target p95 < {TARGET_P95_MS} ms on PostgreSQL)"
        )
        print(f"  after:  {uptime()}")
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--db", choices=["sqlite", "postgres", "both"], default="postgres")
    parser.add_argument("--reports", type=int, default=20_000)
    parser.add_argument("--ideas", type=int, default=2_000)
    parser.add_argument("--news", type=int, default=5_000)
    parser.add_argument("--repeat", type=int, default=30)
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--port", type=int, default=8791)
    parser.add_argument("--prepare", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--latency", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.prepare or args.latency:
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")
        (prepare if args.prepare else latency)(args)
        return
    for db in ["sqlite", "postgres"] if args.db == "both" else [args.db]:
        bench(db, args)


if __name__ == "__main__":
    main()
