"""A region's decade of reports for the scale benchmarks (issue 17, point 1), PostgreSQL only:
reports over every municipality and ten years in realistic proportions of status, with a timeline
entry each, an answer for each answered or closed one, and supports by the bench residents — all
with COPY, the secondary indexes dropped first and built again after, each step timed.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/veche_scale \\
    DJANGO_SETTINGS_MODULE=bench.settings SECRET_KEY=… \\
        python bench/scale.py --reports 1000000 --supports 1000000

It first runs bench/prepare.py's set-up with no reports (migrations, the demo, the residents
with keys), then adds reports until there are `--reports`. Prints one line per step and a total.
"""

import argparse
import random
import sys
import time
from collections import Counter
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.utils import timezone  # noqa: E402

from bench import prepare  # noqa: E402  (sets Django up)
from veche.agencies.models import Agency  # noqa: E402
from veche.reports.models import (  # noqa: E402
    Answer,
    RejectionReason,
    Report,
    Status,
    Support,
    TimelineEntry,
    Topic,
)
from veche.reports.search import stems  # noqa: E402
from veche.territory.models import Municipality  # noqa: E402

# Shares of reports by status in a portal that has run for years (most are answered or closed).
STATUS_SHARES = {
    Status.CLOSED: 0.52,
    Status.ANSWERED: 0.20,
    Status.IN_PROGRESS: 0.08,
    Status.ROUTED: 0.05,
    Status.SUBMITTED: 0.02,
    Status.REJECTED: 0.07,
    Status.DUPLICATE: 0.04,
    Status.DECLINED: 0.01,
    Status.IDEA: 0.01,
}
ANSWERED = {Status.ANSWERED, Status.CLOSED}
TABLES = [Report, TimelineEntry, Answer, Support]
YEARS = 10
SUPPORTERS = 2000


def timed(label: str):
    """Context manager printing how long the step took."""

    class Step:
        def __enter__(self):
            self.started = time.perf_counter()

        def __exit__(self, *exc):
            print(f"  {label}: {time.perf_counter() - self.started:.1f} s", flush=True)

    return Step()


def secondary_indexes() -> list[tuple[str, str]]:
    """(name, CREATE INDEX …) of the tables' indexes that back no constraint."""
    names = [model._meta.db_table for model in TABLES]
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT i.indexname, i.indexdef FROM pg_indexes i WHERE i.tablename = ANY(%s) "
            "AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conname = i.indexname)",
            [names],
        )
        return list(cursor.fetchall())


def copy_rows(model, columns: list[str], rows) -> int:
    """COPY the rows (tuples in `columns`' order) into the model's table; returns how many."""
    count = 0
    with connection.cursor() as cursor:
        sql = f"COPY {model._meta.db_table} ({', '.join(columns)}) FROM STDIN"
        with cursor.cursor.copy(sql) as copy:
            for row in rows:
                copy.write_row(row)
                count += 1
    return count


def plan(count: int, supporters: int, supports: int, rng: random.Random) -> list[Counter]:
    """Which reports each supporter supports (distinct per person), as positions 0..count-1."""
    each, extra = divmod(supports, supporters)
    chosen = []
    for n in range(supporters):
        k = min(count, each + (1 if n < extra else 0))
        chosen.append(rng.sample(range(count), k))
    return chosen


def load(count: int, supports: int, seed: int = 17) -> dict[str, int]:
    rng = random.Random(seed)
    # Authors as in prepare.py; the supporters are others than its key holders (people[50:300]),
    # whose supports the benchmark takes back before each run.
    people = prepare.residents(300 + SUPPORTERS)
    authors, supporters = people[:50], people[300:]
    municipalities = list(Municipality.objects.all())
    administrations = {
        a.administers_id: a.pk for a in Agency.objects.filter(administers__isnull=False)
    }
    topics = list(Topic.objects.all())
    any_agency = Agency.objects.values_list("pk", flat=True).first()
    reason = RejectionReason.objects.values_list("pk", flat=True).first()
    with connection.cursor() as cursor:
        cursor.execute("SELECT COALESCE(MAX(id), 0) FROM reports_report")
        first_id = cursor.fetchone()[0] + 1
    picks = plan(count, len(supporters), supports, rng)
    counts = Counter(position for chosen in picks for position in chosen)
    now = timezone.now()
    start = now - timedelta(days=365 * YEARS)
    statuses, weights = zip(*STATUS_SHARES.items(), strict=True)
    stems_of: dict[tuple[int, int], str] = {}
    points = {m.pk: [prepare.random_point(rng, m) for _n in range(50)] for m in municipalities}
    reports, entries, answers = [], [], []
    for position in range(count):
        pk = first_id + position
        municipality = rng.choice(municipalities)
        topic = rng.choice(topics)
        status = rng.choices(statuses, weights)[0]
        if status == Status.DUPLICATE and position == 0:
            status = Status.CLOSED  # a duplicate points at an earlier report
        text_index = rng.randrange(len(prepare.TEXTS))
        key = (text_index, topic.pk)
        if key not in stems_of:
            stems_of[key] = stems(prepare.TEXTS[text_index], topic.name)
        created = start + timedelta(seconds=rng.randrange(365 * YEARS * 86400))
        routed = status not in (Status.SUBMITTED, Status.REJECTED)
        answered_at = created + timedelta(days=rng.randrange(1, 25)) if status in ANSWERED else None
        agency = administrations.get(municipality.pk, any_agency) if routed else None
        lat, lon = rng.choice(points[municipality.pk])
        moved_to = "/ideas/" if status == Status.IDEA else ""
        reports.append(
            (
                pk, rng.choice(authors).pk, "web", topic.pk,
                f"{prepare.TEXTS[text_index]} (№ {pk})", municipality.pk,
                lat, lon, f"ул. Тестовая, {pk % 200}", "{}", status, moved_to, "",
                created if routed else None, created + timedelta(days=30) if routed else None,
                answered_at, answered_at if status == Status.CLOSED else None,
                counts.get(position, 0), stems_of[key], agency, created, answered_at or created,
                reason if status == Status.REJECTED else None,
                first_id + rng.randrange(position) if status == Status.DUPLICATE else None, "",
            )
        )  # fmt: skip
        entries.append((pk, "status", "", status, "", "", "{}", True, created))
        if answered_at and agency:
            answers.append(
                (pk, agency, authors[0].pk, "resolved", "Работы выполнены.", "", answered_at)
            )
    report_columns = [
        "id", "author_id", "channel", "topic_id", "text", "municipality_id", "lat", "lon",
        "address", "attributes", "status", "moved_to", "extension_reason", "routed_at", "due_at",
        "answered_at", "closed_at", "support_count", "search_stems", "agency_id", "created_at",
        "updated_at", "rejection_reason_id", "duplicate_of_id", "subject_kind",
    ]  # fmt: skip
    loaded = {}
    with timed(f"reports ({count:,})"):
        loaded["reports"] = copy_rows(Report, report_columns, reports)
    del reports
    entry_columns = [
        "report_id", "kind", "status_from", "status_to", "text", "message", "params",
        "is_public", "created_at",
    ]  # fmt: skip
    with timed("timeline entries"):
        loaded["timeline entries"] = copy_rows(TimelineEntry, entry_columns, entries)
    answer_columns = [
        "report_id",
        "agency_id",
        "author_id",
        "kind",
        "text",
        "verdict",
        "created_at",
    ]
    with timed("answers"):
        loaded["answers"] = copy_rows(Answer, answer_columns, answers)
    support_rows = (
        (first_id + position, person.pk, now)
        for person, chosen in zip(supporters, picks, strict=True)
        for position in chosen
    )
    with timed(f"supports ({supports:,})"):
        loaded["supports"] = copy_rows(
            Support, ["report_id", "user_id", "created_at"], support_rows
        )
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT setval(pg_get_serial_sequence('reports_report', 'id'), "
            "(SELECT MAX(id) FROM reports_report))"
        )
    return loaded


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--reports", type=int, default=1_000_000)
    parser.add_argument("--supports", type=int, default=1_000_000)
    parser.add_argument("--keys", type=Path, default=ROOT / "var" / "bench-keys-scale.txt")
    args = parser.parse_args()
    if connection.vendor != "postgresql":
        raise SystemExit("bench/scale.py loads with COPY: point DATABASE_URL at PostgreSQL.")
    started = time.perf_counter()
    with timed("migrations and the demo"):
        call_command("migrate", verbosity=0)
        call_command("seed_demo", verbosity=0)
        prepare.keys(prepare.residents(300)[50:], args.keys)
    missing = args.reports - Report.objects.count()
    if missing <= 0:
        print(f"{Report.objects.count():,} reports already: nothing to load")
        return
    indexes = secondary_indexes()
    loading = time.perf_counter()
    with connection.cursor() as cursor:
        for name, _definition in indexes:
            cursor.execute(f'DROP INDEX "{name}"')
    try:
        loaded = load(missing, args.supports)
    finally:  # the indexes come back even when a load fails
        load_seconds = time.perf_counter() - loading
        building = time.perf_counter()
        with connection.cursor() as cursor:
            for _name, definition in indexes:
                cursor.execute(definition)
            cursor.execute("ANALYZE")
        index_seconds = time.perf_counter() - building
    print(
        "loaded "
        + ", ".join(f"{n:,} {what}" for what, n in loaded.items())
        + f" in {load_seconds:.1f} s; {len(indexes)} indexes built and analysed in "
        f"{index_seconds:.1f} s; {time.perf_counter() - started:.1f} s in all"
    )


if __name__ == "__main__":
    main()
