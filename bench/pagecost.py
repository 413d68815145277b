"""What a page costs in one process on the prepared database, through Django's test client: the
SQL queries of a warm request when the page is rendered (CaptureQueriesContext; anonymous and as a
bench resident) and the CPU time per request (time.process_time over repeated anonymous requests,
this process's only: PostgreSQL's own work is not in it), once with guests' pages from the cache
and once rendered every time. CPU time depends much less than requests/s on what else the
machine runs.

    DATABASE_URL=… DJANGO_SETTINGS_MODULE=bench.settings python bench/pagecost.py \\
        /ideas/ /ideas/12/ --cpu "idea list=/ideas/" --cpu "idea page=/ideas/12/,/ideas/13/"

    … pagecost.py --user r61@bench.veche --signed-in-only /budgeting/5/review/   # a reviewer

Prints one JSON line: {"queries": {"anonymous /ideas/": 5, …}, "cpu_ms": {"idea list": 0.6},
"rendered_ms": {"idea list": 12.6}}.
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

from django.conf import settings  # noqa: E402
from django.contrib.auth import get_user_model  # noqa: E402
from django.db import close_old_connections, connection  # noqa: E402
from django.test import Client, override_settings  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

RESIDENT = "r60@bench.veche"  # a key holder: supports, comments, never an author


@override_settings(GUEST_PAGE_CACHE_SECONDS=0)  # the queries of rendering, not of the cache
def queries(paths: list[str], *, user: str = RESIDENT, anonymous: bool = True) -> dict[str, int]:
    counts = {}
    for who in ("anonymous", "resident") if anonymous else ("resident",):
        client = Client(HTTP_HOST="127.0.0.1")
        if who == "resident":
            client.force_login(get_user_model().objects.get(email=user))
        for path in paths:
            client.get(path)  # the first request fills the per-process caches
            with CaptureQueriesContext(connection) as captured:
                status = client.get(path).status_code
            if status != 200:
                raise SystemExit(f"{path} answered {status}")
            counts[f"{who} {path}"] = len(captured)
    return counts


def cpu_ms(paths: list[str], repeat: int, *, cache: bool = True) -> float:
    """Milliseconds of CPU per anonymous request, going round `paths`: guests' pages from the
    cache (each requested once before), or rendered each time with `cache=False`."""
    client = Client(HTTP_HOST="127.0.0.1")
    with override_settings(
        GUEST_PAGE_CACHE_SECONDS=settings.GUEST_PAGE_CACHE_SECONDS if cache else 0
    ):
        for path in paths[:repeat] if cache else paths[:20]:
            client.get(path)  # a guest's page is then in the cache (veche/core/pagecache.py)
        return _timed(client, paths, repeat)


def _timed(client, paths: list[str], repeat: int) -> float:
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
    parser.add_argument(
        "--user", default=RESIDENT, help="whose queries are counted besides a guest"
    )
    parser.add_argument(
        "--signed-in-only", action="store_true", help="pages only a signed-in person sees"
    )
    args = parser.parse_args()
    cpu, rendered = {}, {}
    for spec in args.cpu:
        name, paths = spec.split("=", 1)
        cpu[name] = round(cpu_ms(paths.split(","), args.repeat), 2)
        rendered[name] = round(cpu_ms(paths.split(","), args.repeat, cache=False), 2)
    counted = queries(args.paths, user=args.user, anonymous=not args.signed_in_only)
    found = {"queries": counted, "cpu_ms": cpu, "rendered_ms": rendered}
    print(json.dumps(found, ensure_ascii=False))


if __name__ == "__main__":
    main()
