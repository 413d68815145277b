"""The export of the event log into ClickHouse: incremental (the consumer `warehouse.events`
reads forward from its watermark), idempotent (a batch written twice is one row per event id in
a ReplacingMergeTree read with FINAL) and safe against a dead sink (the watermark moves only after
the sink took the whole batch). docs/warehouse.md."""

import datetime
import json
import logging
from dataclasses import dataclass

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder

from veche.events.selectors import read_new
from veche.events.services import advance

from .sinks import ChdbSink, ClickHouseSink, Sink

logger = logging.getLogger(__name__)

# One stream today: the whole event log. Another stream (a table of its own) takes a consumer
# name of its own, so each keeps its own watermark.
CONSUMER = "warehouse.events"
BATCH = 5000


@dataclass
class Outcome:
    exported: int = 0
    batches: int = 0
    error: str = ""


def configured_sink() -> Sink | None:
    """The server sink from settings.CLICKHOUSE_URL, or None when the export is off."""
    url = getattr(settings, "CLICKHOUSE_URL", "")
    return ClickHouseSink(url) if url else None


def chdb_sink(path: str, database: str = "veche") -> ChdbSink:
    from chdb import session  # test and local use only

    return ChdbSink(session.Session(path), database)


def row_of(event) -> dict:
    return {
        "id": event.id,
        "kind": event.kind,
        "subject_type": event.subject_type,
        "subject_id": event.subject_id,
        "actor": event.actor,
        "territory": event.territory_id,
        "occurred_at": event.occurred_at.astimezone(datetime.UTC),
        "payload": json.dumps(event.payload, cls=DjangoJSONEncoder, ensure_ascii=False),
    }


def export(sink: Sink, *, batch: int = BATCH, max_batches: int | None = None) -> Outcome:
    """Copy every event after the watermark to the sink, batch by batch. A failing sink stops the
    run with the watermark where the last whole batch left it; the next run writes that batch
    again and FINAL keeps one row per id."""
    outcome = Outcome()
    try:
        sink.ensure_schema()
    except Exception as error:  # noqa: BLE001 - any failure of the sink means "try later"
        return _failed(outcome, error)
    while max_batches is None or outcome.batches < max_batches:
        events = read_new(CONSUMER, limit=batch)
        if not events:
            break
        try:
            sink.insert([row_of(event) for event in events])
        except Exception as error:  # noqa: BLE001
            return _failed(outcome, error)
        advance(consumer=CONSUMER, last_id=events[-1].id)
        outcome.exported += len(events)
        outcome.batches += 1
    return outcome


def _failed(outcome: Outcome, error: Exception) -> Outcome:
    logger.warning("ClickHouse export stopped, the watermark stays: %s", error)
    outcome.error = str(error) or type(error).__name__
    return outcome
