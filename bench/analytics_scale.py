"""The dashboards with a million of everything (issue 18's bench), PostgreSQL only: 1,000,000
reports over ten years (bench/scale.py: COPY, the secondary indexes dropped and built again) and
1,000,000 poll ballots (COPY: 500 polls × 2,000 residents), then `analytics_refresh` over every
day of the data, then each dashboard's p50, p95 and requests per second (bench/analytics.py).

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/veche_scale \\
    DJANGO_SETTINGS_MODULE=bench.settings SECRET_KEY=… \\
        python bench/analytics_scale.py --reports 1000000 --ballots 1000000 --requests 40

`--skip-load` measures a database loaded before. Prints one line per step and per page, first
with the cache emptied before each request (every request computes its figures), then warm
(the period's figures cached until the next refresh).
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
from bench.analytics import TARGET_P95_MS, measure, pages, regional_head  # noqa: E402
from veche.analytics.services import analytics_refresh  # noqa: E402
from veche.polls.models import Ballot, Poll, PollStatus  # noqa: E402
from veche.reports.models import Report  # noqa: E402
from veche.territory.models import Municipality  # noqa: E402

POLLS = 500
LOAD_TARGET_S = 120


def ballot_indexes() -> list[tuple[str, str]]:
    """(name, CREATE INDEX …) of the ballots' indexes that back no constraint."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT i.indexname, i.indexdef FROM pg_indexes i WHERE i.tablename = %s "
            "AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conname = i.indexname)",
            [Ballot._meta.db_table],
        )
        return list(cursor.fetchall())


def load_ballots(count: int, seed: int = 18) -> int:
    """`count` ballots: POLLS polls over ten years, each answered by the same bench residents
    (one ballot per person and poll), cast while the poll was open."""
    rng = random.Random(seed)
    voters = [u.pk for u in prepare.residents(300 + scale.SUPPORTERS)[300:]]
    per_poll = min(len(voters), -(-count // POLLS))
    municipalities = list(Municipality.objects.values_list("pk", flat=True))
    organizer = voters[0]
    now = timezone.now()
    start = now - timedelta(days=365 * scale.YEARS)
    polls = Poll.objects.bulk_create(
        Poll(
            title=f"Опрос № {n + 1}", organizer_id=organizer,
            municipality_id=rng.choice(municipalities),
            opens_at=(opens := start + timedelta(days=rng.randrange(365 * scale.YEARS - 14))),
            closes_at=opens + timedelta(days=14), status=PollStatus.PUBLISHED, published_at=opens,
            ballot_count=0,
        )
        for n in range(POLLS)
    )  # fmt: skip
    rows = []
    left = count
    for poll in polls:
        take = min(per_poll, left)
        left -= take
        poll.ballot_count = take
        for voter in rng.sample(voters, take):
            cast = poll.opens_at + timedelta(seconds=rng.randrange(14 * 86400))
            rows.append((poll.pk, voter, cast, "web", rng.choice(municipalities), "", "", ""))
    Poll.objects.bulk_update(polls, ["ballot_count"])
    columns = [
        "poll_id", "voter_id", "cast_at", "channel", "municipality_id", "age_group", "sex",
        "settlement_kind",
    ]  # fmt: skip
    return scale.copy_rows(Ballot, columns, rows)


def load(reports: int, supports: int, ballots: int) -> None:
    with scale.timed("migrations and the demo"):
        call_command("migrate", verbosity=0)
        call_command("seed_demo", verbosity=0)
        prepare.residents(300 + scale.SUPPORTERS)  # the users exist before the clock starts
    missing = reports - Report.objects.count()
    if missing <= 0:
        print(f"{Report.objects.count():,} reports already: nothing to load")
        return
    indexes = scale.secondary_indexes() + ballot_indexes()
    started = time.perf_counter()
    with connection.cursor() as cursor:
        for name, _definition in indexes:
            cursor.execute(f'DROP INDEX "{name}"')
    try:
        loaded = scale.load(missing, supports)
        with scale.timed(f"poll ballots ({ballots:,})"):
            loaded["ballots"] = load_ballots(ballots)
    finally:
        copied = time.perf_counter() - started
        with scale.timed(f"{len(indexes)} indexes built and analysed"), connection.cursor() as c:
            for _name, definition in indexes:
                c.execute(definition)
            c.execute("ANALYZE")
    total = time.perf_counter() - started
    flag = "" if total < LOAD_TARGET_S else f"  (over the {LOAD_TARGET_S} s target)"
    print(
        "loaded " + ", ".join(f"{n:,} {what}" for what, n in loaded.items())
        + f": COPY {copied:.1f} s, with the indexes {total:.1f} s{flag}",
        flush=True,
    )  # fmt: skip


def refresh() -> None:
    first = Report.objects.order_by("created_at").values_list("created_at", flat=True).first()
    today = timezone.localdate()
    days = (today - timezone.localdate(first)).days + 1 if first else 1
    started = time.perf_counter()
    result = analytics_refresh(first=today - timedelta(days=days - 1), last=today)
    print(
        f"analytics_refresh over {days:,} days: {time.perf_counter() - started:.1f} s, "
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
    args = parser.parse_args()
    if connection.vendor != "postgresql":
        raise SystemExit(
            "bench/analytics_scale.py loads with COPY: point DATABASE_URL at PostgreSQL."
        )
    if not args.skip_load:
        load(args.reports, args.supports, args.ballots)
    if args.only_load:
        return
    call_command("migrate", verbosity=0)
    if not args.skip_refresh:
        refresh()
    client = Client(HTTP_HOST="localhost")
    client.force_login(regional_head())
    for cold in (True, False):
        print("cold: the cache emptied before each request" if cold else "warm: cached figures")
        for path in pages():
            p50, p95, queries, rate = measure(client, path, args.requests, cold=cold)
            flag = "" if p95 < TARGET_P95_MS else f"  (over the {TARGET_P95_MS} ms target)"
            print(
                f"{path:55} {rate:6.1f} req/s  p50 {p50:6.1f} ms  p95 {p95:6.1f} ms  "
                f"queries {queries}{flag}",
                flush=True,
            )


if __name__ == "__main__":
    main()
