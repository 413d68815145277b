"""Where the exporter writes: a ClickHouse server (`clickhouse-connect`) or the embedded engine
(`chdb`, in tests). Both take rows as dicts and answer queries as lists of tuples; the exporter
knows nothing else about them, so a test swaps in a failing fake."""

import json
from typing import Protocol

from .schema import TABLE, ddl

COLUMNS = (
    "id",
    "kind",
    "subject_type",
    "subject_id",
    "actor",
    "territory",
    "occurred_at",
    "payload",
)


class Sink(Protocol):
    database: str

    def ensure_schema(self) -> None: ...

    def insert(self, rows: list[dict]) -> None: ...

    def query(self, sql: str) -> list[tuple]: ...


class ClickHouseSink:
    """A ClickHouse server at `url` (settings.CLICKHOUSE_URL, e.g.
    `http://user:password@clickhouse:8123/veche`; the path names the database)."""

    def __init__(self, url: str):
        import clickhouse_connect  # imported here: the portal runs without ClickHouse configured

        self.client = clickhouse_connect.get_client(dsn=url)
        self.database = self.client.database or "default"

    def ensure_schema(self) -> None:
        for statement in ddl(self.database):
            self.client.command(statement)

    def insert(self, rows: list[dict]) -> None:
        data = [[row[column] for column in COLUMNS] for row in rows]
        self.client.insert(TABLE, data, column_names=list(COLUMNS), database=self.database)

    def query(self, sql: str) -> list[tuple]:
        return [tuple(row) for row in self.client.query(sql).result_rows]


class ChdbSink:
    """The embedded ClickHouse engine in this process, its data under `path`."""

    def __init__(self, session, database: str = "veche"):
        self.session = session
        self.database = database

    def ensure_schema(self) -> None:
        for statement in ddl(self.database):
            self.session.query(statement)

    def insert(self, rows: list[dict]) -> None:
        lines = "\n".join(json.dumps(_jsonable(row), ensure_ascii=False) for row in rows)
        self.session.query(f"INSERT INTO {self.database}.{TABLE} FORMAT JSONEachRow\n{lines}")

    def query(self, sql: str) -> list[tuple]:
        result = self.session.query(sql, "JSONCompact")
        text = result.bytes().decode() if hasattr(result, "bytes") else str(result)
        return [tuple(row) for row in json.loads(text)["data"]] if text.strip() else []


def _jsonable(row: dict) -> dict:
    return {**row, "occurred_at": row["occurred_at"].strftime("%Y-%m-%d %H:%M:%S.%f")}
