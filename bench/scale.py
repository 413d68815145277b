"""A region's decade of reports for the scale benchmarks (issue 17, point 1), PostgreSQL only:
reports over the 22 municipalities and ten years in realistic proportions of status, with the
timeline each status has, an answer for each answered or closed one, and supports by the bench
residents (bench/scale_rows.py says what the rows hold). The rows are made in SQL, two database
connections at a time (as `pg_restore -j 2`), the secondary indexes dropped first and built again
after by two connections; the rows, the index builds and ANALYZE are timed apart.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench_scale \\
    DJANGO_SETTINGS_MODULE=bench.settings SECRET_KEY=… \\
        python bench/scale.py --reports 1000000 --supports 1000000

It first runs bench/prepare.py's set-up with no reports (migrations, the demo, the residents
with keys), then adds reports until there are `--reports`. Prints one line per step and the
totals. bench/analytics_scale.py loads its reports with `load()` too, its ballots beside them.
"""

import argparse
import random
import sys
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from functools import partial
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402

from bench import prepare, scale_rows  # noqa: E402  (prepare sets Django up)
from bench.scale_rows import STATUS_SHARES, SUPPORTERS, YEARS  # noqa: E402, F401
from veche.accounts.models import User  # noqa: E402
from veche.reports.models import Answer, Report, Support, TimelineEntry  # noqa: E402
from veche.reports.search import stems  # noqa: E402

TABLES = [Report, TimelineEntry, Answer, Support]
LOAD_TARGET_S = 120
CONNECTIONS = 2  # the machine's cores
STEMS_SAMPLE = 1000
# The demo's moderator routes the reports; its official answers them (none is a bench author).
STAFF = ("moderator@demo.veche", "official@demo.veche")
INDEX_SETTINGS = ("SET maintenance_work_mem = '512MB'",)


def timed(label: str):
    """Context manager printing how long the step took."""

    class Step:
        def __enter__(self):
            self.started = time.perf_counter()

        def __exit__(self, *exc):
            print(f"  {label}: {time.perf_counter() - self.started:.1f} s", flush=True)

    return Step()


def secondary_indexes(tables: list[str] | None = None) -> list[tuple[str, str]]:
    """(name, CREATE INDEX …) of the tables' indexes that back no constraint (by default the
    reports', timeline's, answers' and supports')."""
    names = tables or [model._meta.db_table for model in TABLES]
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT i.indexname, i.indexdef FROM pg_indexes i WHERE i.tablename = ANY(%s) "
            "AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conname = i.indexname)",
            [names],
        )
        return list(cursor.fetchall())


@dataclass
class Job:
    """One statement (or a few) run in its own database connection, once the jobs it comes
    `after` have ended. `kind`: "rows" or "index" (how its time is counted)."""

    name: str
    run: Callable[[], object]
    after: tuple[str, ...] = ()
    kind: str = "rows"
    settings: tuple[str, ...] = ()


def run_jobs(jobs: list[Job], workers: int = CONNECTIONS) -> dict[str, tuple]:
    """Run the jobs `workers` at a time, in their order as connections free up (as `pg_restore
    -j` does), each waiting for those it comes after (listed before it, so no two wait for each
    other); prints each rows job as it ends. Returns {name: (result, seconds, ended at)}, the
    moments in seconds from the start."""
    futures = {}
    started = time.perf_counter()

    def run(job: Job):
        for name in job.after:
            futures[name].result()
        begun = time.perf_counter()
        try:
            with connection.cursor() as cursor:
                for sql in job.settings:
                    cursor.execute(sql)
            result = job.run()
        finally:
            connection.close()
        ended = time.perf_counter()
        if job.kind == "rows":
            done = f"{result:,} rows, " if isinstance(result, int) else ""
            print(f"  {job.name}: {done}{ended - begun:.1f} s", flush=True)
        return result, ended - begun, ended - started

    with ThreadPoolExecutor(workers) as pool:
        for job in jobs:
            futures[job.name] = pool.submit(run, job)
        return {name: future.result() for name, future in futures.items()}


def _ranges(first: int, last: int, parts: int) -> list[tuple[int, int]]:
    """`first`..`last` cut into `parts` consecutive ranges (fewer when there are fewer ids)."""
    size = -(-(last - first + 1) // parts)
    return [(a, min(a + size - 1, last)) for a in range(first, last + 1, size)]


def row_jobs(
    count: int, supports: int, session: tuple[str, ...], seed: int = 17
) -> tuple[list[Job], list[Job]]:
    """The jobs making `count` reports after the last one, their timeline, answers and
    `supports` supports (bench/scale_rows.py): the supports' picks (two halves) and their count
    per report; the reports (two ranges); the timeline (four ranges: five entries a report, the
    longest work), the supports and the answers, in an order that keeps both connections busy.
    Returns the jobs up to the reports, and those after."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT COALESCE(MAX(id), 0) + 1 FROM reports_report")
        first = cursor.fetchone()[0]
    last = first + count - 1
    staff = dict(User.objects.filter(email__in=STAFF).values_list("email", "pk"))
    official = staff.get(STAFF[1]) or prepare.residents(1)[0].pk
    moderator = staff.get(STAFF[0], official)
    counts = scale_rows.inputs(seed)
    scale_rows.support_picks_table()
    picks = [
        Job(f"supports' picks {n + 1}/2", partial(scale_rows.support_picks, first, count,
            supports, n, 2), settings=session)
        for n in range(2)
    ]  # fmt: skip
    counting = Job("supports per report", scale_rows.support_counts, tuple(j.name for j in picks))
    reports = [
        Job(f"reports {a:,}–{b:,}", partial(scale_rows.reports, a, b, counts, seed + n),
            (counting.name,), settings=session)
        for n, (a, b) in enumerate(_ranges(first, last, CONNECTIONS))
    ]  # fmt: skip
    made = tuple(j.name for j in reports)
    timeline = [
        Job(f"timeline {a:,}–{b:,}", partial(scale_rows.timeline, a, b, moderator, official),
            made, settings=session)
        for a, b in _ranges(first, last, 4)
    ]  # fmt: skip
    supporting = Job("supports", partial(scale_rows.supports, seed), made, settings=session)
    answering = Job(
        "answers", partial(scale_rows.answers, first, last, official), made, settings=session
    )
    return [*picks, counting, *reports], [*timeline[:2], supporting, *timeline[2:], answering]


def index_jobs(indexes: list[tuple[str, str]], made: dict[str, tuple[str, ...]]) -> list[Job]:
    """A job per index, after the jobs filling its table (`made`: table → job names): the
    trigram (GIN) ones first, the longest builds, then the rest by the size of the table."""
    jobs = []
    for name, definition in indexes:
        table = definition.split(" ON ")[1].split()[0].removeprefix("public.")
        jobs.append(Job(name, partial(_execute, definition), made[table], "index", INDEX_SETTINGS))
    return sorted(jobs, key=lambda j: "USING gin" not in j.run.args[0])


def _execute(sql: str) -> None:
    with connection.cursor() as cursor:
        cursor.execute(sql)


def load(
    count: int,
    supports: int,
    *,
    beside: list[tuple[Job, list[str]]] = (),
    check_keys: bool = False,
) -> dict:
    """Load `count` reports and `supports` supports (and the `beside` jobs, each with the tables
    it fills, whose secondary indexes go too): drop the secondary indexes, make the rows, build
    each index as soon as its table is full — the trigram index of the reports beside the
    timeline's rows — then ANALYZE; prints what was loaded and the times. Without `check_keys`
    the foreign keys' triggers are off in the loading sessions (as a data-only restore does):
    every key the SQL writes is picked from rows that exist. Returns the rows loaded by table
    and job, and the seconds."""
    session = () if check_keys else ("SET session_replication_role = replica",)
    tables = [model._meta.db_table for model in TABLES]
    tables += [table for _job, filled in beside for table in filled]
    indexes = secondary_indexes(tables)
    started = time.perf_counter()
    with connection.cursor() as cursor:
        for name, _definition in indexes:
            cursor.execute(f'DROP INDEX "{name}"')
    try:
        reporting, following = row_jobs(count, supports, session)
        rows = reporting + following
        made = {
            "reports_report": tuple(j.name for j in rows if j.name.startswith("reports ")),
            "reports_timelineentry": tuple(j.name for j in rows if j.name.startswith("timeline")),
            "reports_answer": ("answers",),
            "reports_support": ("supports",),
        }
        for job, filled in beside:
            made |= dict.fromkeys(filled, (job.name,))
        builds = index_jobs(indexes, made)
        # The reports' trigram index first (after the reports), beside the timeline's rows.
        gin = [j for j in builds if j.name.endswith("_trgm")]
        jobs = reporting + [job for job, _filled in beside] + gin + following
        jobs += [j for j in builds if j not in gin]
        done = run_jobs(jobs)
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT setval(pg_get_serial_sequence('reports_report', 'id'), "
                "(SELECT MAX(id) FROM reports_report))"
            )
    finally:
        scale_rows.drop_inputs()
        _restore(indexes)  # the indexes come back even when a load fails
    building = time.perf_counter() - started
    with connection.cursor() as cursor:
        cursor.execute(f"ANALYZE {', '.join(tables)}")
    total = time.perf_counter() - started
    kinds = {job.name: job.kind for job in jobs}
    rows_end = max(ended for name, (_r, _s, ended) in done.items() if kinds[name] == "rows")
    index_sum = sum(s for name, (_r, s, _e) in done.items() if kinds[name] == "index")
    slowest = sorted(
        ((s, name) for name, (_r, s, _e) in done.items() if kinds[name] == "index"), reverse=True
    )[:3]
    loaded = {
        "reports": sum(done[n][0] for n in made["reports_report"]),
        "timeline entries": sum(done[n][0] for n in made["reports_timelineentry"]),
        "answers": done["answers"][0],
        "supports": done["supports"][0],
    }
    loaded |= {job.name: done[job.name][0] for job, _filled in beside}
    flag = "" if total < LOAD_TARGET_S else f"  (over the {LOAD_TARGET_S} s target)"
    keys = "foreign keys checked" if check_keys else "foreign-key triggers off"
    print(
        "  indexes, the slowest: " + ", ".join(f"{n} {s:.1f} s" for s, n in slowest) + "\n"
        "loaded " + ", ".join(f"{n:,} {what}" for what, n in loaded.items())
        + f": rows {rows_end:.1f} s ({keys}), {len(indexes)} indexes {index_sum:.1f} s of "
        f"building, {building - rows_end:.1f} s of it after the last row, "
        f"ANALYZE {total - building:.1f} s; {total:.1f} s in all{flag}",
        flush=True,
    )  # fmt: skip
    return {"loaded": loaded, "rows_s": rows_end, "indexes_s": index_sum, "total_s": total}


def _restore(indexes: list[tuple[str, str]]) -> None:
    """Build those of the indexes that are missing (after a failed load)."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT indexname FROM pg_indexes WHERE schemaname = 'public'")
        present = {row[0] for row in cursor.fetchall()}
        for name, definition in indexes:
            if name not in present:
                cursor.execute(definition)


def check_stems(first: int, sample: int = STEMS_SAMPLE, seed: int = 17) -> None:
    """The loaded reports' stems are veche/reports/search.py's: a sample compared, or exit."""
    last = Report.objects.order_by("-pk").values_list("pk", flat=True).first()
    rng = random.Random(seed)
    ids = {rng.randint(first, last) for _n in range(sample)}
    found = Report.objects.filter(pk__in=ids).select_related("topic")
    wrong = [r for r in found if r.search_stems != stems(r.text, r.topic.name, r.address)]
    if wrong:
        r = wrong[0]
        raise SystemExit(
            f"search stems differ on {len(wrong)} of {len(ids)} reports, e.g. № {r.pk}: "
            f"{r.search_stems!r} != {stems(r.text, r.topic.name, r.address)!r}"
        )
    print(f"  search stems of {len(ids):,} sampled reports equal to search.stems()", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--reports", type=int, default=1_000_000)
    parser.add_argument("--supports", type=int, default=1_000_000)
    parser.add_argument("--keys", type=Path, default=ROOT / "var" / "bench-keys-scale.txt")
    parser.add_argument(
        "--check-keys", action="store_true", help="keep the foreign keys' triggers on while loading"
    )
    args = parser.parse_args()
    if connection.vendor != "postgresql":
        raise SystemExit("bench/scale.py loads in SQL: point DATABASE_URL at PostgreSQL.")
    with timed("migrations, the demo and the residents"):
        call_command("migrate", verbosity=0)
        call_command("seed_demo", verbosity=0)
        prepare.keys(prepare.residents(300 + SUPPORTERS)[50:300], args.keys)
    missing = args.reports - Report.objects.count()
    if missing <= 0:
        print(f"{Report.objects.count():,} reports already: nothing to load")
        return
    first = Report.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    load(missing, args.supports, check_keys=args.check_keys)
    check_stems(first + 1)


if __name__ == "__main__":
    main()
