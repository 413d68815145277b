"""The dashboards with a million of everything (issue 18's bench), PostgreSQL only: 1,000,000
reports over ten years (bench/scale.py's statuses, timelines, answers — a closed one's rated by
60 % of its authors — and supports) and 1,000,000 poll ballots (500 polls × 2,000
residents), then `analytics_refresh` over every day of the data, then each dashboard's p50, p95
and requests per second (bench/analytics.py).

The load is bench/scale.py's (bench/scale_rows.py: the rows made in SQL, INSERT … SELECT over
generate_series, two connections at a time as `pg_restore -j 2`, each secondary index dropped
first and built once its table is full), the ballots made beside the reports by one more job.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/veche_scale \\
    DJANGO_SETTINGS_MODULE=bench.settings SECRET_KEY=… \\
        python bench/analytics_scale.py --reports 1000000 --ballots 1000000 --requests 40

`--skip-load` measures a database loaded before. Prints one line per step (rows, indexes and
ANALYZE apart) and per page, first with the cache emptied before each request (every request
computes its figures), then warm (the period's figures cached until the next refresh).
"""

import argparse
import random
import sys
import time
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.utils import timezone  # noqa: E402

from bench import prepare, scale  # noqa: E402  (prepare sets Django up)
from bench.analytics import (  # noqa: E402
    TARGET_P95_MS,
    full_collections,
    measure,
    pages,
    regional_head,
)
from veche.analytics.models import ReportTotalDay, ReportTotalMonth  # noqa: E402
from veche.analytics.services import MONTHLY_SUMS, analytics_refresh  # noqa: E402
from veche.core.startup import settle  # noqa: E402
from veche.polls.models import Ballot, Poll, PollStatus  # noqa: E402
from veche.reports.models import Report  # noqa: E402
from veche.territory.models import Municipality  # noqa: E402

POLLS = 500
AGGREGATES = [*MONTHLY_SUMS, *(month for month, _keys, _sums in MONTHLY_SUMS.values())]
AGGREGATES += [ReportTotalDay, ReportTotalMonth]


def load_ballots_sql(count: int, seed: int = 18) -> int:
    """`count` ballots: POLLS polls over ten years, each answered by bench residents (one
    ballot per person and poll), cast while the poll was open — one INSERT … SELECT."""
    rng = random.Random(seed)
    voters = [u.pk for u in prepare.residents(300 + scale.SUPPORTERS)[300:]]
    per_poll = min(len(voters), -(-count // POLLS))
    municipalities = list(Municipality.objects.values_list("pk", flat=True))
    start = timezone.now() - timedelta(days=365 * scale.YEARS)
    polls = Poll.objects.bulk_create(
        Poll(
            title=f"Опрос № {n + 1}", organizer_id=voters[0],
            municipality_id=rng.choice(municipalities),
            opens_at=(opens := start + timedelta(days=rng.randrange(365 * scale.YEARS - 14))),
            closes_at=opens + timedelta(days=14), status=PollStatus.PUBLISHED, published_at=opens,
            ballot_count=0,
        )
        for n in range(POLLS)
    )  # fmt: skip
    left = count
    for poll in polls:
        poll.ballot_count = min(per_poll, left)
        left -= poll.ballot_count
    Poll.objects.bulk_update(polls, ["ballot_count"])
    with connection.cursor() as cursor:
        cursor.execute("SELECT setseed(%s)", [seed / 100])
        cursor.execute(
            "INSERT INTO polls_ballot (poll_id, voter_id, cast_at, channel, municipality_id,"
            " age_group, sex, settlement_kind)"
            " SELECT p.id, v, p.opens + floor(random() * 14 * 86400) * interval '1 second',"
            " 'web', (%s::int[])[1 + floor(random() * %s)::int], '', '', ''"
            " FROM unnest(%s::int[], %s::timestamptz[], %s::int[]) AS p(id, opens, take)"
            " CROSS JOIN LATERAL unnest((%s::int[])[1:p.take]) AS v",
            [
                municipalities, len(municipalities), [p.pk for p in polls],
                [p.opens_at for p in polls], [p.ballot_count for p in polls], voters,
            ],
        )  # fmt: skip
        return cursor.rowcount


def load(reports: int, supports: int, ballots: int, *, check_keys: bool = False) -> None:
    """bench/scale.py's load (reports, timeline, answers, supports made in SQL two connections at
    a time, each index built once its table is full) with the ballots made beside the reports."""
    with scale.timed("migrations and the demo"):
        call_command("migrate", verbosity=0)
        call_command("seed_demo", verbosity=0)
        prepare.residents(300 + scale.SUPPORTERS)  # the users exist before the clock starts
    missing = reports - Report.objects.count()
    if missing <= 0:
        print(f"{Report.objects.count():,} reports already: nothing to load")
        return
    session = () if check_keys else ("SET session_replication_role = replica",)
    ballots_job = scale.Job("poll ballots", lambda: load_ballots_sql(ballots), settings=session)
    scale.load(
        missing,
        supports,
        beside=[(ballots_job, [Ballot._meta.db_table, Poll._meta.db_table])],
        check_keys=check_keys,
    )


def refresh() -> None:
    first = Report.objects.order_by("created_at").values_list("created_at", flat=True).first()
    today = timezone.localdate()
    days = (today - timezone.localdate(first)).days + 1 if first else 1
    started = time.perf_counter()
    result = analytics_refresh(first=today - timedelta(days=days - 1), last=today)
    refreshed = time.perf_counter() - started
    # Fresh statistics and visibility maps, as autovacuum leaves them after an hourly refresh:
    # without them the month tables are read by sequential scans and the covering indexes
    # visit the heap.
    with connection.cursor() as cursor:
        cursor.execute(f"VACUUM ANALYZE {', '.join(m._meta.db_table for m in AGGREGATES)}")
    print(
        f"analytics_refresh over {days:,} days: {refreshed:.1f} s (VACUUM ANALYZE "
        f"{time.perf_counter() - started - refreshed:.1f} s), "
        f"{result.report_rows:,} report rows, {result.cell_rows:,} cells, "
        f"{result.participation_rows:,} participation rows",
        flush=True,
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--reports", type=int, default=1_000_000)
    parser.add_argument("--supports", type=int, default=100_000)
    parser.add_argument("--ballots", type=int, default=1_000_000)
    parser.add_argument("--requests", type=int, default=40)
    parser.add_argument("--skip-load", action="store_true")
    parser.add_argument("--skip-refresh", action="store_true")
    parser.add_argument("--only-load", action="store_true")
    parser.add_argument("--vacuum", action="store_true", help="with --skip-refresh: VACUUM ANALYZE")
    parser.add_argument(
        "--no-settle",
        action="store_true",
        help="measure without veche/wsgi.py's start-up freeze (core/startup.py), for comparison",
    )
    parser.add_argument(
        "--check-keys", action="store_true", help="keep the foreign keys' triggers on while loading"
    )
    args = parser.parse_args()
    if connection.vendor != "postgresql":
        raise SystemExit(
            "bench/analytics_scale.py loads with COPY: point DATABASE_URL at PostgreSQL."
        )
    if not args.skip_load:
        load(args.reports, args.supports, args.ballots, check_keys=args.check_keys)
    if args.only_load:
        return
    call_command("migrate", verbosity=0)
    if not args.skip_refresh:
        refresh()
    elif args.vacuum:
        with connection.cursor() as cursor:
            cursor.execute(f"VACUUM ANALYZE {', '.join(m._meta.db_table for m in AGGREGATES)}")
    if not args.no_settle:
        settle()  # as veche/wsgi.py does before an app server's first request
    client = Client(HTTP_HOST="localhost")
    client.force_login(regional_head())
    for cold in (True, False):
        print("cold: the cache emptied before each request" if cold else "warm: cached figures")
        for path in pages():
            collections = full_collections()
            p50, p95, queries, rate = measure(client, path, args.requests, cold=cold)
            collections = full_collections() - collections
            flag = "" if p95 < TARGET_P95_MS else f"  (over the {TARGET_P95_MS} ms target)"
            print(
                f"{path:55} {rate:6.1f} req/s  p50 {p50:6.1f} ms  p95 {p95:6.1f} ms  "
                f"queries {queries}  full collections {collections}{flag}",
                flush=True,
            )


if __name__ == "__main__":
    main()
