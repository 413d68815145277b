"""The dashboards with a million of everything (issue 18's bench), PostgreSQL only: 1,000,000
reports over ten years (bench/scale.py's statuses, timeline entries, answers — a closed one's
rated by 60 % of its authors — and supports) and 1,000,000 poll ballots (500 polls × 2,000
residents), then `analytics_refresh` over every day of the data, then each dashboard's p50, p95
and requests per second (bench/analytics.py).

The load makes its rows in SQL: one INSERT … SELECT over generate_series per table, the random
picks made by PostgreSQL (setseed) from small temporary tables of places, texts and people, so
no row passes through Python; the reports and the ballots are loaded at once in two connections,
the secondary indexes dropped first and built after by two connections (as `pg_restore -j 2`).

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
from concurrent.futures import ThreadPoolExecutor
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
from veche.agencies.models import Agency  # noqa: E402
from veche.analytics.models import ReportTotalDay, ReportTotalMonth  # noqa: E402
from veche.analytics.services import MONTHLY_SUMS, analytics_refresh  # noqa: E402
from veche.core.startup import settle  # noqa: E402
from veche.polls.models import Ballot, Poll, PollStatus  # noqa: E402
from veche.reports.models import RejectionReason, Report, Status, Topic  # noqa: E402
from veche.reports.search import stems  # noqa: E402
from veche.territory.models import Municipality  # noqa: E402

POLLS = 500
AGGREGATES = [*MONTHLY_SUMS, *(month for month, _keys, _sums in MONTHLY_SUMS.values())]
AGGREGATES += [ReportTotalDay, ReportTotalMonth]
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


# --- Loading in SQL: each table is one INSERT … SELECT over generate_series, its random picks
# made by PostgreSQL (setseed), so no row passes through Python. -------------------------------

POINTS = 50  # report points per municipality, as bench/scale.py
# Cumulative shares of bench/scale.py's STATUS_SHARES, in its order.
STATUS_CASE = (
    "CASE "
    + " ".join(
        f"WHEN s < {share:.4f} THEN '{status}'"
        for status, share in zip(
            scale.STATUS_SHARES,
            [
                sum(list(scale.STATUS_SHARES.values())[: n + 1])
                for n in range(len(scale.STATUS_SHARES))
            ],
            strict=True,
        )
    )
    + f" ELSE '{Status.CLOSED}' END"
)
# The authors' ratings of a closed report's answer: 60 % rate it (5: 40 %, 4: 25 %, 3: 15 %,
# 2 and 1: 10 % each of those), 70 % confirm it.
RATING_CASE = (
    "CASE WHEN rate >= 0.6 THEN NULL WHEN rate < 0.24 THEN 5 WHEN rate < 0.39 THEN 4 "
    "WHEN rate < 0.48 THEN 3 WHEN rate < 0.54 THEN 2 ELSE 1 END"
)


def _temp_table(cursor, name: str, columns: str, rows: list[tuple]) -> None:
    """A small temporary table of Python-made rows the SQL picks from."""
    cursor.execute(f"DROP TABLE IF EXISTS {name}")
    cursor.execute(f"CREATE TEMP TABLE {name} ({columns})")
    with cursor.cursor.copy(f"COPY {name} FROM STDIN") as copy:
        for row in rows:
            copy.write_row(row)


def _report_inputs(cursor, rng: random.Random) -> tuple[int, int]:
    """The temporary tables the reports' SQL picks from: POINTS points per municipality with
    its administration (bench_place), every text × topic with its search stems (bench_text),
    the 50 authors (bench_author). Returns how many places and texts."""
    municipalities = list(Municipality.objects.all())
    administrations = {
        a.administers_id: a.pk for a in Agency.objects.filter(administers__isnull=False)
    }
    any_agency = Agency.objects.values_list("pk", flat=True).first()
    places = [
        (m_index * POINTS + p, m.pk, administrations.get(m.pk, any_agency), *point)
        for m_index, m in enumerate(municipalities)
        for p, point in enumerate(prepare.random_point(rng, m) for _n in range(POINTS))
    ]
    _temp_table(
        cursor, "bench_place",
        "n int PRIMARY KEY, municipality_id int, agency_id int, lat float8, lon float8", places,
    )  # fmt: skip
    topics = list(Topic.objects.all())
    texts = [
        (t_index * len(topics) + k, topic.pk, text, stems(text, topic.name))
        for t_index, text in enumerate(prepare.TEXTS)
        for k, topic in enumerate(topics)
    ]
    _temp_table(
        cursor, "bench_text", "n int PRIMARY KEY, topic_id int, text text, stems text", texts
    )
    authors = [(n, u.pk) for n, u in enumerate(prepare.residents(300 + scale.SUPPORTERS)[:50])]
    _temp_table(cursor, "bench_author", "n int PRIMARY KEY, user_id int", authors)
    return len(places), len(texts)


def _supports_sql(cursor, first_id: int, count: int, supports: int) -> None:
    """bench_support: `supports` distinct (report, person) pairs spread evenly over the
    supporters (bench/scale.py's people[300:]), and bench_support_count per report."""
    supporters = [u.pk for u in prepare.residents(300 + scale.SUPPORTERS)[300:]]
    each = -(-supports // len(supporters))
    cursor.execute("DROP TABLE IF EXISTS bench_support, bench_support_count")
    cursor.execute(
        "CREATE TEMP TABLE bench_support AS SELECT report_id, user_id FROM ("
        " SELECT report_id, user_id, row_number() OVER () AS n FROM ("
        "  SELECT DISTINCT %s + floor(random() * %s)::int AS report_id, u AS user_id"
        "  FROM unnest(%s::int[]) u, generate_series(1, %s) g) picks) numbered"
        " WHERE n <= %s",
        [first_id, count, supporters, each + each // 10 + 1, supports],
    )
    cursor.execute(
        "CREATE TEMP TABLE bench_support_count AS SELECT report_id, COUNT(*) AS n "
        "FROM bench_support GROUP BY report_id"
    )
    cursor.execute("ALTER TABLE bench_support_count ADD PRIMARY KEY (report_id)")


def load_sql(count: int, supports: int, seed: int = 17) -> dict[str, int]:
    """bench/scale.py's reports (statuses, ten years, timeline entry, answers, supports) made
    in SQL: one INSERT … SELECT per table."""
    rng = random.Random(seed)
    reason = RejectionReason.objects.values_list("pk", flat=True).first()
    start = timezone.now() - timedelta(days=365 * scale.YEARS)
    loaded = {}
    with connection.cursor() as cursor:
        cursor.execute("SELECT setseed(%s)", [seed / 100])
        cursor.execute("SELECT COALESCE(MAX(id), 0) + 1 FROM reports_report")
        first_id = cursor.fetchone()[0]
        places, texts = _report_inputs(cursor, rng)
        _supports_sql(cursor, first_id, count, supports)
        routed = f"status NOT IN ('{Status.SUBMITTED}', '{Status.REJECTED}')"
        answered = f"status IN ('{Status.ANSWERED}', '{Status.CLOSED}')"
        with scale.timed(f"reports ({count:,})"):
            cursor.execute(
                "INSERT INTO reports_report (id, author_id, channel, topic_id, text,"
                " municipality_id, lat, lon, address, attributes, status, moved_to,"
                " extension_reason, routed_at, due_at, answered_at, closed_at, support_count,"
                " search_stems, agency_id, created_at, updated_at, rejection_reason_id,"
                " duplicate_of_id, subject_kind)"
                " SELECT pk, a.user_id, 'web', t.topic_id, t.text || ' (№ ' || pk || ')',"
                "  p.municipality_id, p.lat, p.lon, 'ул. Тестовая, ' || pk %% 200, '{}', status,"
                f"  CASE WHEN status = '{Status.IDEA}' THEN '/ideas/' ELSE '' END, '',"
                f"  CASE WHEN {routed} THEN created END,"
                f"  CASE WHEN {routed} THEN created + interval '30 days' END,"
                f"  CASE WHEN {answered} THEN created + answer_days * interval '1 day' END,"
                f"  CASE WHEN status = '{Status.CLOSED}' "
                "   THEN created + answer_days * interval '1 day' END,"
                "  COALESCE(c.n, 0), t.stems,"
                f"  CASE WHEN {routed} THEN p.agency_id END, created,"
                f"  CASE WHEN {answered} THEN created + answer_days * interval '1 day'"
                "   ELSE created END,"
                f"  CASE WHEN status = '{Status.REJECTED}' THEN %s END,"
                f"  CASE WHEN status = '{Status.DUPLICATE}'"
                "   THEN %s + floor(dup * (pk - %s))::int END, ''"
                " FROM (SELECT *, " + STATUS_CASE
                + " AS status FROM (SELECT g + %s AS pk, %s::timestamptz"
                "   + floor(random() * %s) * interval '1 second' AS created,"
                "   floor(random() * %s)::int AS place, floor(random() * %s)::int AS txt,"
                "   floor(random() * 50)::int AS author, 1 + floor(random() * 24)::int"
                "   AS answer_days, random() AS dup, CASE WHEN g = 0 THEN 0.1 ELSE random() END"
                "   AS s FROM generate_series(0, %s - 1) g) r) r"
                " JOIN bench_place p ON p.n = r.place JOIN bench_text t ON t.n = r.txt"
                " JOIN bench_author a ON a.n = r.author"
                " LEFT JOIN bench_support_count c ON c.report_id = r.pk",
                [
                    reason, first_id, first_id, first_id, start, 365 * scale.YEARS * 86400,
                    places, texts, count,
                ],
            )  # fmt: skip
            loaded["reports"] = cursor.rowcount
        new = "FROM reports_report WHERE id >= %s"
        with scale.timed("timeline entries"):
            cursor.execute(
                "INSERT INTO reports_timelineentry (report_id, kind, status_from, status_to,"
                " text, message, params, is_public, created_at)"
                f" SELECT id, 'status', '', status, '', '', '{{}}', true, created_at {new}",
                [first_id],
            )
            loaded["timeline entries"] = cursor.rowcount
        with scale.timed("answers"):
            cursor.execute(
                "INSERT INTO reports_answer (report_id, agency_id, author_id, kind, text,"
                " verdict, rating, created_at)"
                " SELECT id, agency_id, %s, 'resolved', 'Работы выполнены.',"
                f" CASE WHEN status = '{Status.CLOSED}' AND rate < 0.7 THEN 'confirmed'"
                " ELSE '' END,"
                f" CASE WHEN status = '{Status.CLOSED}' THEN {RATING_CASE} END, answered_at"
                " FROM (SELECT *, random() AS rate FROM reports_report WHERE id >= %s"
                "  AND answered_at IS NOT NULL AND agency_id IS NOT NULL) r",
                [prepare.residents(1)[0].pk, first_id],
            )
            loaded["answers"] = cursor.rowcount
        with scale.timed(f"supports ({supports:,})"):
            cursor.execute(
                "INSERT INTO reports_support (report_id, user_id, created_at) "
                "SELECT report_id, user_id, now() FROM bench_support"
            )
            loaded["supports"] = cursor.rowcount
        cursor.execute(
            "SELECT setval(pg_get_serial_sequence('reports_report', 'id'), "
            "(SELECT MAX(id) FROM reports_report))"
        )
    return loaded


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
    with connection.cursor() as cursor, scale.timed(f"poll ballots ({count:,})"):
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


def _in_parallel(jobs: list, settings: list[str]) -> list:
    """Run the jobs at once, each in its own thread and database connection (as `pg_restore
    -j` does), every connection first given `settings`; returns their results."""

    def run(job):
        try:
            with connection.cursor() as cursor:
                for sql in settings:
                    cursor.execute(sql)
            return job()
        finally:
            connection.close()

    with ThreadPoolExecutor(len(jobs)) as pool:
        return [future.result() for future in [pool.submit(run, job) for job in jobs]]


def _build(definitions: list[str]) -> None:
    with connection.cursor() as cursor:
        for definition in definitions:
            cursor.execute(definition)


def load(reports: int, supports: int, ballots: int, *, check_keys: bool = False) -> None:
    """Load the reports and the ballots at once, in two connections (the secondary indexes
    dropped first, then built after by two connections). Without `check_keys` the foreign keys'
    triggers are off in those sessions (session_replication_role = replica, as a data-only
    restore does): every key the SQL writes is picked from rows that exist."""
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
    settings = [] if check_keys else ["SET session_replication_role = replica"]
    try:
        loaded, ballots_loaded = _in_parallel(
            [lambda: load_sql(missing, supports), lambda: load_ballots_sql(ballots)], settings
        )
        loaded["ballots"] = ballots_loaded
    finally:  # the indexes come back even when a load fails
        inserted = time.perf_counter() - started
        definitions = [definition for _name, definition in indexes]
        _in_parallel(
            [lambda: _build(definitions[0::2]), lambda: _build(definitions[1::2])],
            ["SET maintenance_work_mem = '256MB'"],
        )
        indexed = time.perf_counter() - started - inserted
        with connection.cursor() as cursor:
            tables = [m._meta.db_table for m in (*scale.TABLES, Ballot, Poll)]
            cursor.execute(f"ANALYZE {', '.join(tables)}")
    total = time.perf_counter() - started
    flag = "" if total < LOAD_TARGET_S else f"  (over the {LOAD_TARGET_S} s target)"
    keys = "foreign keys checked" if check_keys else "foreign-key triggers off"
    print(
        "loaded " + ", ".join(f"{n:,} {what}" for what, n in loaded.items())
        + f": rows {inserted:.1f} s ({keys}), {len(indexes)} indexes {indexed:.1f} s, "
        f"ANALYZE {total - inserted - indexed:.1f} s; {total:.1f} s in all{flag}",
        flush=True,
    )  # fmt: skip


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
