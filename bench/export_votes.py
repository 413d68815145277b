"""Exporting a contest's votes in constant memory (issue 13): the closed bench contest's stored
votes (bench/prepare_voting.py) through the real views — every vote as CSV and XLSX, and the
contest in the Pabulib format — in one process on the prepared database.

    DATABASE_URL=… DJANGO_SETTINGS_MODULE=bench.settings python bench/export_votes.py

Prints per export the rows, seconds and the process's peak resident memory so far (ru_maxrss),
e.g. `votes.csv rows=100000 seconds=9.1 maxrss_mb=120`. Target: under 200 MB at 802,034 votes.
"""

import os
import resource
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")

import django  # noqa: E402

django.setup()

from django.test import Client  # noqa: E402

from bench.prepare_voting import CLOSED_TITLE  # noqa: E402
from veche.budgeting.models import Contest, PublicVote  # noqa: E402


def main() -> None:
    contest = Contest.objects.get(title=CLOSED_TITLE)
    rows = PublicVote.objects.filter(tally__contest=contest).count()
    client = Client(HTTP_HOST="127.0.0.1")
    for name in ("votes.csv", "votes.xlsx", "contest.pb"):
        started = time.monotonic()
        response = client.get(f"/budgeting/{contest.pk}/results/{name}")
        size = sum(len(chunk) for chunk in response.streaming_content)
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(
            f"{name} status={response.status_code} rows={rows} bytes={size} "
            f"seconds={time.monotonic() - started:.1f} maxrss_mb={peak:.0f}",
            flush=True,
        )


if __name__ == "__main__":
    main()
