"""The ClickHouse export's throughput: N events (default 100,000) appended to the log in bulk,
then exported by `veche.warehouse.exporter.export` into the embedded engine (chdb) in batches of
5,000; then a second run that finds nothing new, and a FINAL count.

    .venv/bin/python bench/warehouse_export.py [--events 100000] [--batch 5000]

Runs on a throwaway test database (SQLite unless DATABASE_URL says PostgreSQL; the test settings)
and a temporary chdb directory. Prints `uptime` before and after (the machine is shared), e.g.
`events=100000 batches=20 seconds=… per_second=… rerun_seconds=… final=100000`. Figures, not
assertions (docs/benchmarks.md, docs/warehouse.md).
"""

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def uptime() -> str:
    # In UTC like run.py's: Django set this process's TZ to the portal's zone.
    utc = {**os.environ, "TZ": "UTC"}
    return subprocess.run(["uptime"], capture_output=True, text=True, env=utc).stdout.strip()


def fill(events: int) -> None:
    from django.utils import timezone

    from veche.events.models import Event

    now = timezone.now()
    kinds = ["reports.submitted", "reports.supported", "ideas.supported", "polls.ballot_cast"]
    Event.objects.bulk_create(
        (
            Event(
                kind=kinds[i % 4],
                subject_type="reports.report",
                subject_id=str(i),
                actor=f"{i % 5000:064x}",
                occurred_at=now,
                payload={"status": "routed", "supports": i % 50},
            )
            for i in range(events)
        ),
        batch_size=5000,
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--batch", type=int, default=5000)
    args = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "veche.settings.test")
    import django

    django.setup()
    from django.db import connection

    from veche.warehouse.exporter import chdb_sink, export

    print(f"before: {uptime()}", flush=True)
    connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        fill(args.events)
        with tempfile.TemporaryDirectory() as path:
            sink = chdb_sink(path)
            started = time.perf_counter()
            outcome = export(sink, batch=args.batch)
            seconds = time.perf_counter() - started
            started = time.perf_counter()
            again = export(sink, batch=args.batch)
            rerun = time.perf_counter() - started
            final = sink.query("SELECT count() FROM veche.veche_events FINAL")[0][0]
            sink.session.close()
        print(
            f"events={outcome.exported} batches={outcome.batches} seconds={seconds:.2f} "
            f"per_second={outcome.exported / seconds:.0f} rerun_exported={again.exported} "
            f"rerun_seconds={rerun:.3f} final={final} db={connection.vendor}"
        )
    finally:
        connection.creation.destroy_test_db(connection.settings_dict["NAME"], verbosity=0)
    print(f"after: {uptime()}", flush=True)


if __name__ == "__main__":
    main()
