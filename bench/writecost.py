"""What a write costs in CPU, in one process on the prepared database: milliseconds per request of
this process (Django, through the test client) and, on PostgreSQL, of its server process (read
from /proc), for the bare insert and for supporting an idea and a report through the API. CPU
time depends much less than requests/s on what else the machine runs, so this shows where a
write's time goes when the machine is shared; bench/run.py's rates remain the figures.

    DATABASE_URL=… DJANGO_SETTINGS_MODULE=bench.settings SECRET_KEY=… \
        python bench/writecost.py --keys var/bench-keys-postgres.txt

Each support is new (a resident who had not supported the item); they are withdrawn afterwards,
outside the timing, so runs can repeat on the same database.
"""

import argparse
import json
import os
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402

from bench.load import process_cpu_seconds  # noqa: E402


def server_cpu_seconds() -> float:
    """CPU seconds of this connection's PostgreSQL process so far; 0 on SQLite (in-process)."""
    if connection.vendor != "postgresql":
        return 0.0
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        pid = cursor.fetchone()[0]
    return process_cpu_seconds(pid)


def timed(client: Client, requests: list[tuple[str, str]]) -> dict[str, float]:
    """(path, key) pairs POSTed in turn; CPU ms per request of this process and of the server."""
    server, started = server_cpu_seconds(), time.process_time()
    for path, key in requests:
        response = client.post(path, HTTP_AUTHORIZATION=f"Bearer {key}" if key else "")
        if response.status_code not in (200, 201):
            raise SystemExit(f"{path} answered {response.status_code}: {response.content[:200]}")
    django_ms = (time.process_time() - started) / len(requests) * 1000
    server_ms = (server_cpu_seconds() - server) / len(requests) * 1000
    return {"django": round(django_ms, 2), "server": round(server_ms, 2)}


def new_supports(kind: str, items: list[int], keys: list[str], n: int, rng) -> list:
    pairs = rng.sample([(i, k) for i in items for k in keys], n)
    action = "vote" if kind.startswith("budgeting") else "support"
    return [(f"/api/v1/{kind}/{i}/{action}", k) for i, k in pairs]


def withdraw(client: Client, requests: list[tuple[str, str]]) -> None:
    for path, key in requests:
        client.delete(path, HTTP_AUTHORIZATION=f"Bearer {key}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--keys", required=True, help="the key file bench/prepare.py wrote")
    parser.add_argument("--repeat", type=int, default=400)
    args = parser.parse_args()
    keys = Path(args.keys).read_text().split()
    from veche.ideas.models import OPEN, Idea
    from veche.reports.models import Report
    from veche.reports.services.supports import REPORT_SUPPORTS

    ideas = list(Idea.objects.filter(status__in=OPEN).values_list("pk", flat=True)[:200])
    reports = list(
        Report.objects.filter(status__in=REPORT_SUPPORTS.open_statuses).values_list(
            "pk", flat=True
        )[:200]
    )
    rng = random.Random(time.time_ns())
    from veche.api.selectors import api_token_by_key

    for key in keys:  # as a server that has seen every key: tokens come from its cache
        api_token_by_key(key)
    client = Client(HTTP_HOST="127.0.0.1")
    timed(client, [("/bench/insert/", "")] * 20)  # warm: connection, caches, imports
    found = {"bare insert": timed(client, [("/bench/insert/", "")] * args.repeat)}
    from bench.prepare_voting import OPEN_TITLE, reset
    from veche.accounts.models import User
    from veche.api.models import ApiToken
    from veche.budgeting.models import Contest, VoteTally

    holders = ApiToken.objects.filter(name="bench").values_list("user_id", flat=True)
    reset(Contest.objects.get(title=OPEN_TITLE), list(User.objects.filter(pk__in=holders)))
    projects = list(
        VoteTally.objects.filter(contest__title=OPEN_TITLE).values_list("pk", flat=True)
    )
    supported = (
        ("support an idea", "ideas", ideas),
        ("support a report", "reports", reports),
        ("vote for a project", "budgeting/applications", projects),
    )
    for name, kind, items in supported:
        warm = new_supports(kind, items, keys, 20, rng)
        timed(client, warm)
        requests = new_supports(kind, items, keys, args.repeat, rng)
        requests = [r for r in requests if r not in warm]
        found[name] = timed(client, requests)
        withdraw(client, warm + requests)
    bare = sum(found["bare insert"].values())
    for name, _kind, _items in supported:
        found[name]["share_of_bare"] = round(100 * bare / sum(found[name].values()))
    print(json.dumps({"vendor": connection.vendor, "cpu_ms": found}, ensure_ascii=False))


if __name__ == "__main__":
    main()
