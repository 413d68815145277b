"""Exporting a poll's 150,000 ballots to XLSX through the polls' export path: the organizer's
download `/polls/<id>/ballots.xlsx` (veche/polls/views/exports.py: the rows of
`selectors.ballot_rows_for_export`, streamed from the database in chunks, written by
`veche.core.exports` into an anonymous temporary file, served as a FileResponse), requested in
this process through Django's test client as the demo's regional admin, read to its end, then
opened with openpyxl to check every row arrived.

    DATABASE_URL=… DJANGO_SETTINGS_MODULE=bench.settings python bench/export_polls.py
    .venv/bin/python bench/export_polls.py --db sqlite      # the bench's databases (run.py's)

Prints `uptime` before and after (the machine is shared), the seconds of the request (without
tracing), the peak of Python's allocations during a second request (tracemalloc) and the
process's peak resident memory (ru_maxrss, whole run so far, before reading the file back), e.g.
`xlsx ballots=150000 rows=1139807 seconds=… maxrss_mb=…`, then the traced request. Target: under 200
MB. Figures, not assertions (docs/benchmarks.md).
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


def maxrss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


def download(client, path: str, target) -> float:
    """The export's seconds: the request and reading its body to the end into `target`."""
    from bench.prepare_polls import organizer

    # Signed in afresh each time: a bench run meanwhile (its seed_demo) may reset his password.
    client.force_login(organizer())
    started = time.perf_counter()
    response = client.get(path)
    if response.status_code != 200:
        raise SystemExit(f"{path} answered {response.status_code}")
    for chunk in response.streaming_content:
        target.write(chunk)
    response.close()
    return time.perf_counter() - started


def read_back(target) -> int:
    from openpyxl import load_workbook

    target.seek(0)
    sheet = load_workbook(target, read_only=True).active
    return sum(1 for _ in sheet.iter_rows(values_only=True))


def uptime() -> str:
    # In UTC like run.py's: Django set this process's TZ to the portal's zone.
    utc = {**os.environ, "TZ": "UTC"}
    return subprocess.run(["uptime"], capture_output=True, text=True, env=utc).stdout.strip()


def measure() -> None:
    import django

    django.setup()
    from django.test import Client

    from veche.polls.models import Answer, Poll

    poll = Poll.objects.filter(title__startswith="Бенчмарк: итоги").order_by("-ballot_count")[0]
    answers = Answer.objects.filter(ballot__poll=poll).count()
    client = Client(HTTP_HOST="127.0.0.1")
    path = f"/polls/{poll.pk}/ballots.xlsx"
    print(f"before: {uptime()}", flush=True)
    with tempfile.TemporaryFile() as target:
        seconds = download(client, path, target)
        size = target.tell()
    print(
        f"xlsx ballots={poll.ballot_count} rows={answers} seconds={seconds:.1f} "
        f"maxrss_mb={maxrss_mb():.0f} file_mb={size / 2**20:.1f}",
        flush=True,
    )
    with tempfile.TemporaryFile() as target:
        tracemalloc.start()
        download(client, path, target)
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        rss = maxrss_mb()  # before reading back: openpyxl's reader is not what is measured
        read = read_back(target)
    print(
        f"xlsx, second request traced: traced_peak_mb={peak / 2**20:.1f} maxrss_mb={rss:.0f} "
        f"read_back={read} (expected {answers + 1})"
    )
    print(f"after:  {uptime()}")
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
