"""The ClickHouse export on the embedded engine: the DDL, idempotence, a sink that dies
mid-batch, and the example queries of docs/warehouse.md against the portal's own selectors."""

import datetime
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import transaction

from veche.events.models import Event
from veche.events.selectors import watermark
from veche.events.services import record_event
from veche.reports import selectors, services
from veche.reports.tests.conftest import point_in
from veche.warehouse.exporter import CONSUMER, export

DOCS = Path(settings.BASE_DIR) / "docs" / "warehouse.md"


def log(n: int, territory=None) -> None:
    with transaction.atomic():
        for i in range(n):
            record_event(kind="test.happened", subject=("test.thing", i), territory=territory)


def count(sink) -> int:
    return sink.query(f"SELECT count() FROM {sink.database}.veche_events FINAL")[0][0]


def raw_count(sink) -> int:
    return sink.query(f"SELECT count() FROM {sink.database}.veche_events")[0][0]


class FailingSink:
    """Writes the first `writes` rows of a batch to the real sink, then dies (as a process killed
    mid-insert, or a server that went away)."""

    def __init__(self, real, writes: int):
        self.real, self.writes, self.database = real, writes, real.database

    def ensure_schema(self):
        self.real.ensure_schema()

    def insert(self, rows):
        if self.writes:
            self.real.insert(rows[: self.writes])
        raise ConnectionError("ClickHouse went away")

    def query(self, sql):
        return self.real.query(sql)


def test_the_ddl_makes_a_replacing_merge_tree_keyed_by_the_event_id(sink):
    sink.ensure_schema()
    sink.ensure_schema()  # idempotent
    engine, key = sink.query(
        "SELECT engine, sorting_key FROM system.tables "
        f"WHERE database = '{sink.database}' AND name = 'veche_events'"
    )[0]
    assert (engine, key) == ("ReplacingMergeTree", "id")


@pytest.mark.django_db
def test_every_event_is_exported_once_and_a_second_run_adds_nothing(sink):
    log(7)
    first = export(sink, batch=3)
    assert (first.exported, first.batches, first.error) == (7, 3, "")
    assert watermark(CONSUMER) == Event.objects.order_by("id").last().id
    assert export(sink).exported == 0
    assert count(sink) == raw_count(sink) == 7
    log(2)
    assert export(sink).exported == 2
    assert count(sink) == 9


@pytest.mark.django_db
def test_rows_keep_the_events_facts(sink):
    with transaction.atomic():
        event = record_event(kind="test.one", subject=("test.thing", "42"), payload={"a": "б"})
    export(sink)
    row = sink.query(
        f"SELECT id, kind, subject_type, subject_id, JSONExtractString(payload, 'a'), "
        f"toUnixTimestamp64Micro(occurred_at) FROM {sink.database}.veche_events FINAL"
    )[0]
    micros = int(event.occurred_at.timestamp() * 1_000_000)
    assert row[:5] == (event.id, "test.one", "test.thing", "42", "б")
    assert abs(int(row[5]) - micros) <= 1


@pytest.mark.django_db
def test_while_the_sink_is_unreachable_the_watermark_does_not_move(sink):
    log(4)
    outcome = export(FailingSink(sink, writes=0))
    assert outcome.error == "ClickHouse went away" and outcome.exported == 0
    assert watermark(CONSUMER) == 0
    assert export(sink).exported == 4


@pytest.mark.django_db
def test_dying_mid_batch_then_rerunning_gives_the_counts_of_one_clean_run(sink):
    log(10)
    export(sink, batch=4, max_batches=1)  # one whole batch went through
    outcome = export(FailingSink(sink, writes=2), batch=4)  # the next dies after two rows
    assert outcome.error and raw_count(sink) == 6
    assert export(sink, batch=4).exported == 6  # the broken batch is written again
    assert raw_count(sink) == 12  # two rows twice on disk…
    assert count(sink) == 10  # …one each as read with FINAL
    ids = sink.query(f"SELECT id FROM {sink.database}.veche_events FINAL ORDER BY id")
    assert [row[0] for row in ids] == list(
        Event.objects.order_by("id").values_list("id", flat=True)
    )


@pytest.mark.django_db
def test_the_command_is_off_without_a_url(settings):
    settings.CLICKHOUSE_URL = ""
    call_command("warehouse_export")
    assert watermark(CONSUMER) == 0


def example_queries() -> dict[str, str]:
    """The ```sql blocks of docs/warehouse.md under a `-- name:` line."""
    text = DOCS.read_text(encoding="utf-8")
    blocks = re.findall(r"```sql\n-- name: (\w+)\n(.*?)```", text, flags=re.S)
    return {name: sql for name, sql in blocks}


def run(sink, sql: str) -> list[tuple]:
    return sink.query(sql.replace("veche.", f"{sink.database}.").strip().rstrip(";"))


@pytest.mark.django_db
def test_the_example_queries_give_the_portals_figures(sink, world):
    reports = [
        services.report_submit(
            author=world.author, topic=world.topic, text=f"Яма у дома {i}", **point_in(town)
        )
        for i, town in enumerate([world.surgut, world.surgut, world.surgut, world.urai])
    ]
    for report in reports[:3]:
        services.report_publish(moderator=world.moderator, report=report)
    for report in reports[:2]:
        report.refresh_from_db()
        services.report_support(user=world.neighbour, report=report)
    for report, kind in zip(reports[:3], ["resolved", "refused", "resolved"], strict=True):
        report.refresh_from_db()
        services.report_answer(official=world.official, report=report, kind=kind, text="Ответ")
    export(sink)
    queries = example_queries()
    assert set(queries) == {"filed_per_municipality_month", "supports_per_day", "answer_counts"}

    filed = {
        (int(t), datetime.date.fromisoformat(m)): int(n)
        for t, m, n in run(sink, queries["filed_per_municipality_month"])
    }
    expected = {
        (m, month.date()): n for (m, month), n in selectors.filed_per_municipality_month().items()
    }
    assert filed == expected and sum(filed.values()) == 4

    supports = {
        datetime.date.fromisoformat(d): int(n) for d, n in run(sink, queries["supports_per_day"])
    }
    assert supports == selectors.supports_per_day() and sum(supports.values()) == 2

    answers = {kind: int(n) for kind, n in run(sink, queries["answer_counts"])}
    assert answers == selectors.answer_counts() == {"resolved": 2, "refused": 1}


@pytest.mark.django_db
def test_the_command_fails_loudly_and_keeps_the_watermark_when_the_server_is_down(settings):
    from django.core.management.base import CommandError

    log(3)
    settings.CLICKHOUSE_URL = "http://127.0.0.1:9/veche"  # the discard port: nothing listens
    with pytest.raises(CommandError, match="unreachable|failed"):
        call_command("warehouse_export")
    assert watermark(CONSUMER) == 0
