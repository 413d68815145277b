"""Exports in constant memory (veche.core.exports): 150,000 rows shaped like a poll's ballots
(a pseudonym, the time of voting, five answers, a free-text "other", a municipality) written to
XLSX and CSV, then read back with openpyxl and csv to check every row arrived.

    python bench/export_memory.py [--rows 150000]

Prints, per format, the seconds to write (without tracing), the peak of Python's allocations
while writing (tracemalloc) and the process's peak resident memory (ru_maxrss, whole run so far),
e.g. `xlsx rows=150000 seconds=21.4 traced_peak_mb=3.1 maxrss_mb=98`. Target: under 200 MB.
"""

import argparse
import csv
import io
import os
import resource
import sys
import time
import tracemalloc
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "veche.settings.test")

import django  # noqa: E402

django.setup()

from veche.core.exports import export_file  # noqa: E402

COLUMNS = ["Участник", "Время", "Вопрос 1", "Вопрос 2", "Вопрос 3", "Вопрос 4", "Вопрос 5",
           "Другое", "Муниципальное образование"]  # fmt: skip
START = datetime(2026, 3, 1, 4, 0, tzinfo=UTC)
MUNICIPALITIES = ["Сургут", "Ханты-Мансийск", "Нижневартовск", "Урай", "Нягань"]


def ballots(count: int):
    for n in range(count):
        yield [
            f"v{n * 7919 % 1_000_003:07d}",
            START + timedelta(seconds=n * 13),
            f"Вариант {n % 4 + 1}",
            n % 5 + 1,
            "Да" if n % 3 else "Нет",
            f"Вариант {n % 7 + 1}; Вариант {n % 3 + 1}",
            n % 10,
            f"Свой ответ номер {n}" if n % 50 == 0 else "",
            MUNICIPALITIES[n % len(MUNICIPALITIES)],
        ]


def maxrss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


def measure(fmt: str, count: int) -> None:
    started = time.perf_counter()
    body = export_file(columns=COLUMNS, rows=ballots(count), fmt=fmt)
    seconds = time.perf_counter() - started
    size = body.seek(0, io.SEEK_END)
    body.close()

    tracemalloc.start()
    body = export_file(columns=COLUMNS, rows=ballots(count), fmt=fmt)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    read = read_back(fmt, body)
    body.close()
    if read != count + 1:
        raise SystemExit(f"{fmt}: read {read} rows back, expected {count + 1}")
    print(
        f"{fmt} rows={count} seconds={seconds:.1f} traced_peak_mb={peak / 2**20:.1f} "
        f"maxrss_mb={maxrss_mb():.0f} file_mb={size / 2**20:.1f} read_back={read}"
    )


def read_back(fmt: str, body) -> int:
    body.seek(0)
    if fmt == "csv":
        return sum(1 for _ in csv.reader(io.TextIOWrapper(body, encoding="utf-8-sig")))
    from openpyxl import load_workbook

    sheet = load_workbook(body, read_only=True).active
    return sum(1 for _ in sheet.iter_rows(values_only=True))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=150_000)
    args = parser.parse_args()
    for fmt in ("xlsx", "csv"):
        measure(fmt, args.rows)


if __name__ == "__main__":
    main()
