"""Run by test_kill.py in a process of its own: `python -m veche.warehouse.tests.export_child
<chdb path> <batch> die|run`. `die` exports until the second batch, writes half of it and kills
itself with SIGKILL (no cleanup, no rollback handler); `run` exports and prints the counts."""

import json
import os
import signal
import sys

import django

django.setup()

from veche.warehouse.exporter import chdb_sink, export  # noqa: E402


def main(path: str, batch: int, mode: str) -> None:
    sink = chdb_sink(path)
    if mode == "die":
        insert, calls = sink.insert, []

        def insert_then_die(rows):
            calls.append(1)
            if len(calls) < 2:
                return insert(rows)
            insert(rows[: len(rows) // 2])
            os.kill(os.getpid(), signal.SIGKILL)

        sink.insert = insert_then_die
    outcome = export(sink, batch=batch)
    table = f"{sink.database}.veche_events"
    counts = {
        "exported": outcome.exported,
        "final": sink.query(f"SELECT count() FROM {table} FINAL")[0][0],
        "raw": sink.query(f"SELECT count() FROM {table}")[0][0],
        "ids": [row[0] for row in sink.query(f"SELECT id FROM {table} FINAL ORDER BY id")],
    }
    print(json.dumps(counts))


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]), sys.argv[3])
