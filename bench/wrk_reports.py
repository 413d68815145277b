"""Issue 17's peer reference: the reports' list and a report's page in adhocracy+'s set-up
(gunicorn with 2 sync workers, `wrk -t2 -c8 -d10s`), on a PostgreSQL database that
bench/scale_pages.py (or bench/scale.py) has grown, a million reports for the issue.

    SECRET_KEY=… .venv/bin/python bench/wrk_reports.py --db veche_scale_me

adhocracy+ served its idea list at 34 req/s and an idea at 66 req/s on this kind of machine; the
issue asks five times that of the reports: the list at 170 req/s, a report's page at 330 req/s.
Prints, as bench/wrk_ideas.py does, a bare view (the ceiling), the list (page 1) and a report's
page (any of the newest published reports, drawn per request), first as a guest (pages from the
page cache, warmed as on a portal that has been up a while), then as a signed-in resident
(rendered every time); requests/s and wrk's own p50/p90/p95/p99. Figures, not assertions.
"""

import argparse
import json
import os
import signal
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from bench.run import PYTHON, environment, serve  # noqa: E402
from bench.wrk_ideas import line, resident_cookie, uptime, warm, wrk  # noqa: E402

TARGETS = {"list": 170, "page": 330}  # req/s: five times adhocracy+'s 34 and 66

NEWEST_PUBLISHED = """
import json, sys, django; django.setup()
from veche.reports.models import Report
from veche.reports.models.report import UNPUBLISHED
reports = Report.objects.exclude(status__in=UNPUBLISHED)
ids = list(reports.order_by('-pk').values_list('pk', flat=True)[:int(sys.argv[1])])
print(json.dumps({'reports': Report.objects.count(), 'ids': ids}))
"""


def newest_published(env: dict, count: int) -> dict:
    out = subprocess.run(
        [str(PYTHON), "-c", NEWEST_PUBLISHED, str(count)],
        cwd=ROOT, env=env, check=True, capture_output=True, text=True,
    ).stdout  # fmt: skip
    return json.loads(out.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--db", required=True, help="a grown PostgreSQL database's name")
    parser.add_argument("--pages", type=int, default=300, help="report pages drawn from")
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--port", type=int, default=8769)
    args = parser.parse_args()
    env = environment(f"postgres://postgres@127.0.0.1:5432/{args.db}")
    data = newest_published(env, args.pages)
    pages = [
        ("bare view (no query)", ["/bench/page/"]),
        ("report list (page 1)", ["/reports/"]),
        (f"report page (any of {len(data['ids'])})", [f"/reports/{i}/" for i in data["ids"]]),
    ]
    server = serve(env, args.port, args.workers)
    try:
        for _name, paths in pages:
            warm(args.port, paths)
        print(
            f"== postgres {args.db}: {data['reports']:,} reports, gunicorn {args.workers} sync "
            f"workers, wrk -t{args.threads} -c{args.connections} -d{args.seconds}s --latency"
        )
        print(f"  before: {uptime()}")
        for name, paths in pages:
            print(line(name, wrk(args.port, paths, args), ""), flush=True)
        cookie = resident_cookie(env)
        for name, paths in pages[1:]:
            result = wrk(args.port, paths, args, cookie=cookie)
            print(line(f"{name}, resident", result, ""), flush=True)
        print(f"  after:  {uptime()}")
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)
    print(f"  target: report list {TARGETS['list']} req/s, report page {TARGETS['page']} req/s")


if __name__ == "__main__":
    main()
