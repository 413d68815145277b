"""The acceptance: an exporter process killed mid-batch (SIGKILL after writing half of its second
batch) and then re-run gives the row counts of one clean run. Each run is a process of its own,
reading the test database and writing an embedded ClickHouse (chdb) on disk."""

import json
import os
import signal
import subprocess
import sys

import pytest
from django.conf import settings
from django.db import connection, transaction

from veche.events.models import Cursor, Event
from veche.events.selectors import watermark
from veche.events.services import record_event
from veche.warehouse.exporter import CONSUMER

pytest.importorskip("chdb")
pytestmark = pytest.mark.django_db(transaction=True)


def database_url() -> str:
    db = connection.settings_dict
    if db["ENGINE"].endswith("sqlite3"):
        return f"sqlite:///{db['NAME']}"
    password = f":{db['PASSWORD']}" if db["PASSWORD"] else ""
    return f"postgres://{db['USER']}{password}@{db['HOST']}:{db['PORT'] or 5432}/{db['NAME']}"


def exporter(path, mode: str, batch: int = 4) -> subprocess.CompletedProcess:
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "veche.settings.test"}
    env["DATABASE_URL"] = database_url()
    return subprocess.run(
        [sys.executable, "-m", "veche.warehouse.tests.export_child", str(path), str(batch), mode],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )


def test_killed_mid_batch_then_rerun_equals_one_clean_run(tmp_path):
    with transaction.atomic():
        for i in range(10):
            record_event(kind="test.happened", subject=("test.thing", i))
    ids = list(Event.objects.order_by("id").values_list("id", flat=True))

    killed = exporter(tmp_path / "ch", "die")
    assert killed.returncode == -signal.SIGKILL, killed.stderr
    assert watermark(CONSUMER) == ids[3]  # the first batch went through, the second did not

    rerun = exporter(tmp_path / "ch", "run")
    assert rerun.returncode == 0, rerun.stderr
    after_kill = json.loads(rerun.stdout.strip().splitlines()[-1])
    assert after_kill["exported"] == 6 and after_kill["raw"] == 12  # two rows written twice

    # The clean run: a fresh watermark and a fresh ClickHouse.
    Cursor.objects.filter(consumer=CONSUMER).delete()
    clean = json.loads(exporter(tmp_path / "clean", "run").stdout.strip().splitlines()[-1])
    assert clean["final"] == after_kill["final"] == 10
    assert clean["ids"] == after_kill["ids"] == ids
