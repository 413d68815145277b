"""Reports keep the Snowball stems of their text, topic and address (`Report.search_stems`); the
functions live in the platform's search app (veche/search/text.py), shared by every module.

A list's search reads an index on both databases (issue 17): on PostgreSQL the `LIKE '% stem%'`
of veche/search/text.py through a trigram GIN index on the stems; on SQLite an FTS5 table over
the stems kept in step by triggers, asked for each word as a prefix — the same rows either way
(a stored stem that begins with the query's stem). Ideas use the same (ideas' migration 0005)."""

from django.db import connections
from django.db.models import QuerySet
from django.db.models.expressions import RawSQL

from veche.search import text
from veche.search.text import query_stems, stems

__all__ = ["matching", "stems"]


def matching(queryset: QuerySet, query: str) -> QuerySet:
    """Rows whose stems hold every word of the query as the beginning of a stem. Only for the
    tables that have the index (reports', ideas'); another app's stems use veche/search/text.py."""
    if connections[queryset.db].vendor != "sqlite":
        return text.matching(queryset, query)  # the trigram index answers the LIKE
    terms = query_stems(query)
    if not terms:
        return queryset
    table = fts_table(queryset.model._meta.db_table)
    # The terms are stems of [0-9a-zа-я]+ words, so the quoted prefix queries are plain.
    match = " AND ".join(f'"{term}"*' for term in terms)
    return queryset.filter(
        pk__in=RawSQL(f"SELECT rowid FROM {table} WHERE {table} MATCH %s", [match])  # noqa: S611
    )


def fts_table(table: str) -> str:
    return f"{table}_fts"


def trigram_index(table: str) -> str:
    return f"{table}_stems_trgm"


def postgresql_index(table: str) -> list[str]:
    return [
        "CREATE EXTENSION IF NOT EXISTS pg_trgm",
        f"CREATE INDEX IF NOT EXISTS {trigram_index(table)} ON {table} "
        "USING gin (search_stems gin_trgm_ops)",
    ]


TRIGGERS = ("_ai", "_ad", "_au")


def sqlite_fts(table: str) -> list[str]:
    """An external-content FTS5 table over `search_stems`, its triggers, and its first fill."""
    fts = fts_table(table)
    return [
        f"CREATE VIRTUAL TABLE IF NOT EXISTS {fts} USING fts5(search_stems, content='{table}', "
        f"content_rowid='id', tokenize='unicode61 remove_diacritics 0')",
        f"CREATE TRIGGER IF NOT EXISTS {fts}_ai AFTER INSERT ON {table} BEGIN "
        f"INSERT INTO {fts}(rowid, search_stems) VALUES (new.id, new.search_stems); END",
        f"CREATE TRIGGER IF NOT EXISTS {fts}_ad AFTER DELETE ON {table} BEGIN "
        f"INSERT INTO {fts}({fts}, rowid, search_stems) VALUES ('delete', old.id, "
        f"old.search_stems); END",
        f"CREATE TRIGGER IF NOT EXISTS {fts}_au AFTER UPDATE OF search_stems ON {table} BEGIN "
        f"INSERT INTO {fts}({fts}, rowid, search_stems) VALUES ('delete', old.id, "
        f"old.search_stems); INSERT INTO {fts}(rowid, search_stems) "
        f"VALUES (new.id, new.search_stems); END",
        f"INSERT INTO {fts}({fts}) VALUES ('rebuild')",
    ]


def sqlite_fts_drop(table: str) -> list[str]:
    fts = fts_table(table)
    return [f"DROP TRIGGER IF EXISTS {fts}{suffix}" for suffix in TRIGGERS] + [
        f"DROP TABLE IF EXISTS {fts}"
    ]


def search_index(table: str, *, drop: bool = False):
    """A RunPython function making (or dropping) the stems' index of `table` on either database."""

    def run(apps, schema_editor) -> None:
        vendor = schema_editor.connection.vendor
        if vendor == "postgresql":
            statements = (
                [f"DROP INDEX IF EXISTS {trigram_index(table)}"]
                if drop
                else postgresql_index(table)
            )
        elif vendor == "sqlite":
            statements = sqlite_fts_drop(table) if drop else sqlite_fts(table)
        else:
            statements = []
        for statement in statements:
            schema_editor.execute(statement)

    return run


def keep_sqlite_fts(table: str):
    """A post_migrate receiver: on SQLite a later migration that remakes `table` (Django copies
    it into a new one) loses its triggers; they are made again and the index rebuilt."""

    def receiver(sender, using="default", **kwargs) -> None:
        connection = connections[using]
        if connection.vendor != "sqlite":
            return
        names = [fts_table(table)] + [fts_table(table) + suffix for suffix in TRIGGERS]
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT name FROM sqlite_master WHERE name IN (%s, %s, %s, %s, %s)",
                [table, *names],
            )
            present = {row[0] for row in cursor.fetchall()}
            if table not in present or present >= set(names):
                return
            for statement in sqlite_fts(table):
                cursor.execute(statement)

    return receiver
