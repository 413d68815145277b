"""Exporting a poll's 150,000 ballots to XLSX through the polls' export path: the rows of
`selectors.ballot_rows_for_export(poll)` (one per answer, streamed from the database in chunks)
written by openpyxl's `write_only` workbook into an anonymous temporary file, then read back to
check every row arrived.

    DATABASE_URL=… DJANGO_SETTINGS_MODULE=bench.settings python bench/export_polls.py
    .venv/bin/python bench/export_polls.py --db sqlite      # the bench's databases (run.py's)

Prints the seconds to write (without tracing), the peak of Python's allocations while writing
(tracemalloc, a second pass) and the process's peak resident memory (ru_maxrss, whole run), e.g.
`xlsx ballots=150000 rows=1139807 seconds=… traced_peak_mb=… maxrss_mb=…`. Target: under 200 MB.
Figures, not assertions (docs/benchmarks.md).

TODO(coordinator): main has `veche.core.exports.export_file(columns=…, rows=…, fmt="xlsx")`; once
this branch meets it, write through it (as the polls' export view will) instead of `write_xlsx`.
"""

import argparse
import os
import resource
import subprocess
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

COLUMNS = ["voter", "cast_at", "channel", "municipality_id", "question_id", "question", "option",
           "rank", "text"]  # fmt: skip


def maxrss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


def write_xlsx(rows, target) -> None:
    """The rows into `target` as one sheet, in constant memory (openpyxl's write_only mode)."""
    from django.utils import timezone
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    sheet = book.create_sheet("Бюллетени")
    sheet.append(COLUMNS)
    for row in rows:
        moment = row["cast_at"]
        row["cast_at"] = timezone.localtime(moment).replace(tzinfo=None)  # Excel has no zones
        sheet.append([row[c] for c in COLUMNS])
    book.save(target)


def export(poll, target) -> float:
    from veche.polls.selectors import ballot_rows_for_export

    started = time.perf_counter()
    write_xlsx(ballot_rows_for_export(poll), target)
    return time.perf_counter() - started


def read_back(target) -> int:
    from openpyxl import load_workbook

    target.seek(0)
    sheet = load_workbook(target, read_only=True).active
    return sum(1 for _ in sheet.iter_rows(values_only=True))


def measure() -> None:
    import django

    django.setup()
    from veche.polls.models import Answer, Poll

    poll = Poll.objects.filter(title__startswith="Бенчмарк: итоги").order_by("-ballot_count")[0]
    answers = Answer.objects.filter(ballot__poll=poll).count()
    with tempfile.TemporaryFile() as target:
        seconds = export(poll, target)
        size = target.tell()
    with tempfile.TemporaryFile() as target:
        tracemalloc.start()
        export(poll, target)
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        rss = maxrss_mb()  # before reading back: openpyxl's reader is not what is measured
        read = read_back(target)
    print(
        f"xlsx ballots={poll.ballot_count} rows={answers} seconds={seconds:.1f} "
        f"traced_peak_mb={peak / 2**20:.1f} maxrss_mb={rss:.0f} file_mb={size / 2**20:.1f} "
        f"read_back={read} (expected {answers + 1})"
    )
    if read != answers + 1:
        raise SystemExit("the export lost rows")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", choices=["sqlite", "postgres"], help="the bench's database")
    args = parser.parse_args()
    if args.db:  # run again in the environment bench/run.py serves the portal with
        from bench.run import DATABASES, PYTHON, environment

        env = environment(DATABASES[args.db])
        sys.exit(subprocess.run([str(PYTHON), __file__], cwd=ROOT, env=env).returncode)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")
    measure()


if __name__ == "__main__":
    main()
