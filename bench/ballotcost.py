"""What casting a ballot costs in one process on the prepared database: N ballots of the open
bench polls (5 questions, random answers as bench/run.py draws them; `--plain`: the plain polls'
five single choices, issue 10's «six rows») posted to
`/api/v1/polls/<id>/ballot` with a key holder's X-Api-Key through Django's test client, the
connection closed after each as the server does. Prints the SQL statements of one ballot
(CaptureQueriesContext) and the CPU time per ballot (time.process_time: this process only),
which depends much less than requests/s on what else the machine runs; on PostgreSQL also the
CPU its server process spent on this connection's statements (`db_cpu_ms`, from /proc: the
server must run on this machine). The ballots are taken back at the end
(bench/prepare_polls.py reset_ballots), so the next run and bench/run.py start from empty polls.

    DATABASE_URL=… DJANGO_SETTINGS_MODULE=bench.settings python bench/ballotcost.py \\
        --keys var/bench-keys-sqlite.txt --ballots 300

Prints one JSON line: {"queries": 5, "cpu_ms": 3.1, "db_cpu_ms": 0.9, "ballots": 300}.
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

from django.db import close_old_connections, connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from bench.load import process_cpu_seconds  # noqa: E402
from bench.prepare_polls import OPEN_TITLE, PLAIN_TITLE, reset_ballots  # noqa: E402
from bench.run import ballot  # noqa: E402
from veche.api.selectors import api_token_by_key  # noqa: E402
from veche.api.services import api_token_touch  # noqa: E402
from veche.polls.models import Poll  # noqa: E402


def open_polls(plain: bool) -> list[dict]:
    title = PLAIN_TITLE if plain else OPEN_TITLE
    opened = (
        Poll.objects.filter(title__startswith=title.split("{")[0])
        .prefetch_related("questions__options")
        .order_by("pk")
    )
    return [
        {
            "id": p.pk,
            "asks": p.asks_demographics,
            "questions": [
                [q.pk, q.kind, q.max_choices or 0, [[o.pk, o.is_other] for o in q.options.all()]]
                for q in p.questions.all()
            ],
        }
        for p in opened
    ]


def database_backend() -> int | None:
    """The PostgreSQL server process of this connection (on this machine), or None (SQLite)."""
    if connection.vendor != "postgresql":
        return None
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        return cursor.fetchone()[0]


def backend_cpu(pid: int | None) -> float:
    """Seconds of CPU the database's server process has used (user + system, /proc)."""
    return 0.0 if pid is None else process_cpu_seconds(pid)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--keys", required=True, help="the key holders' keys, one a line")
    parser.add_argument("--ballots", type=int, default=300)
    parser.add_argument("--plain", action="store_true", help="the plain polls (5 single choices)")
    parser.add_argument("--profile", help="write a cProfile of the timed ballots to this file")
    args = parser.parse_args()
    keys = Path(args.keys).read_text().split()
    polls = open_polls(args.plain)
    rng = random.Random(5)
    pairs = [(p, k) for p in polls for k in keys]
    rng.shuffle(pairs)
    # The measured ballot is the third of its poll: its frozen questions in this process's copy,
    # as for nearly every ballot of a server that runs a while.
    for place in (1, 2):
        later = next(n for n, (p, _k) in enumerate(pairs) if n > place and p is pairs[0][0])
        pairs.insert(place, pairs.pop(later))
    if len(pairs) < args.ballots + 3:
        raise SystemExit(f"only {len(pairs)} (poll, key) pairs")
    reset_ballots(list(Poll.objects.filter(pk__in=[p["id"] for p in polls])))
    client = Client(HTTP_HOST="127.0.0.1")
    for key in keys:  # as in a server that has seen every key: the tokens in the cache
        api_token_touch(token=api_token_by_key(key))

    def cast(poll: dict, key: str) -> None:
        response = client.post(
            f"/api/v1/polls/{poll['id']}/ballot",
            json.dumps(ballot(poll, rng)),
            content_type="application/json",
            HTTP_X_API_KEY=key,
        )
        if response.status_code != 201:
            raise SystemExit(f"{response.status_code}: {response.content[:300]!r}")

    try:
        for pair in pairs[:2]:  # the per-process caches filled
            cast(*pair)
            close_old_connections()
        with CaptureQueriesContext(connection) as captured:
            cast(*pairs[2])
        statements = [q["sql"] for q in captured.captured_queries]
        close_old_connections()
        profiler = None
        if args.profile:
            import cProfile

            profiler = cProfile.Profile(time.process_time)  # CPU, not waiting
            profiler.enable()
        backend = database_backend()
        backend_started = backend_cpu(backend)
        started = time.process_time()
        for poll, key in pairs[3 : 3 + args.ballots]:
            cast(poll, key)
            close_old_connections()
        cpu = (time.process_time() - started) / args.ballots * 1000
        db_cpu = (backend_cpu(backend) - backend_started) / args.ballots * 1000
        if profiler:
            profiler.disable()
            profiler.dump_stats(args.profile)
    finally:
        reset_ballots(list(Poll.objects.filter(pk__in=[p["id"] for p in polls])))
    if os.environ.get("BALLOTCOST_SQL"):
        print("\n".join(statements), file=sys.stderr)
    figures = {"queries": len(statements), "cpu_ms": round(cpu, 2)}
    if backend is not None:
        figures["db_cpu_ms"] = round(db_cpu, 2)
    print(json.dumps({**figures, "ballots": args.ballots}))


if __name__ == "__main__":
    main()
