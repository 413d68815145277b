"""What a page costs in one process on the prepared database, through Django's test client: the
SQL queries of a warm request (CaptureQueriesContext; anonymous and as a bench resident) and the
CPU time per request (time.process_time over repeated anonymous requests, this process's only:
PostgreSQL's own work is not in it). CPU time depends much less than requests/s on what else the
machine runs.

    DATABASE_URL=… DJANGO_SETTINGS_MODULE=bench.settings python bench/pagecost.py \\
        /ideas/ /ideas/12/ --cpu "idea list=/ideas/" --cpu "idea page=/ideas/12/,/ideas/13/"

Prints one JSON line: {"queries": {"anonymous /ideas/": 5, …}, "cpu_ms": {"idea list": 12.6}}.
"""

import argparse
import json
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")

import django  # noqa: E402

django.setup()

from django.contrib.auth import get_user_model  # noqa: E402
from django.db import close_old_connections, connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

RESIDENT = "r60@bench.veche"  # a key holder: supports, comments, never an author


def queries(paths: list[str]) -> dict[str, int]:
    counts = {}
    for who in ("anonymous", "resident"):
        client = Client(HTTP_HOST="127.0.0.1")
        if who == "resident":
            client.force_login(get_user_model().objects.get(email=RESIDENT))
        for path in paths:
            client.get(path)  # the first request fills the per-process caches
            with CaptureQueriesContext(connection) as captured:
                status = client.get(path).status_code
            if status != 200:
                raise SystemExit(f"{path} answered {status}")
            counts[f"{who} {path}"] = len(captured)
    return counts


def cpu_ms(paths: list[str], repeat: int) -> float:
    """Milliseconds of CPU per anonymous request, going round `paths`. The test client keeps its
    database connection; closing it after each request as the server does (CONN_MAX_AGE: 0 on
    SQLite, so a new connection per request) counts the connection's cost too."""
    client = Client(HTTP_HOST="127.0.0.1")
    for path in paths[:20]:
        client.get(path)
    started = time.process_time()
    for n in range(repeat):
        client.get(paths[n % len(paths)])
        close_old_connections()
    return (time.process_time() - started) / repeat * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("paths", nargs="*", help="pages whose queries are counted")
    parser.add_argument("--cpu", action="append", default=[], metavar="NAME=PATH[,PATH…]")
    parser.add_argument("--repeat", type=int, default=200)
    args = parser.parse_args()
    cpu = {}
    for spec in args.cpu:
        name, paths = spec.split("=", 1)
        cpu[name] = round(cpu_ms(paths.split(","), args.repeat), 2)
    print(json.dumps({"queries": queries(args.paths), "cpu_ms": cpu}, ensure_ascii=False))


if __name__ == "__main__":
    main()
