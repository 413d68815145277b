"""The ClickHouse side of the export: one table, a copy of the event log (docs/warehouse.md).

Deduplication: `ReplacingMergeTree` ordered by the event id. The exporter may write a batch twice
(a crash between the insert and the watermark's advance); ClickHouse keeps one row per id after a
merge, and every query reads with `FINAL`, which merges at read time. Rows with the same id are
identical, so which copy survives does not matter, and no version column is needed. The
partition is the event's month: a given id always lands in the same partition, where the dedup
happens. Valid for ClickHouse 23.8 LTS and later.
"""

TABLE = "veche_events"


def ddl(database: str) -> list[str]:
    return [
        f"CREATE DATABASE IF NOT EXISTS {database}",
        f"""CREATE TABLE IF NOT EXISTS {database}.{TABLE} (
    id UInt64,
    kind LowCardinality(String),
    subject_type LowCardinality(String),
    subject_id String,
    actor String,
    territory Nullable(UInt64),
    occurred_at DateTime64(6, 'UTC'),
    payload String
)
ENGINE = ReplacingMergeTree
PARTITION BY toYYYYMM(occurred_at)
ORDER BY id""",
    ]
