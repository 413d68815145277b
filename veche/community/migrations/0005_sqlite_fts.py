"""On SQLite, a full-text index (FTS5, external content) over each registry's `search_stems`,
kept by triggers: a search word becomes an FTS prefix query instead of a `LIKE` over every
row, which at seed 002's 86,825 activists took ~400 ms a page (docs/community.md,
"Benchmark"). PostgreSQL keeps its trigram indexes (0003).

A later migration that remakes one of these tables on SQLite (Django copies it into a new
table) drops its triggers: it must run `sqlite_fts(...)` again."""

from django.db import migrations

TABLES = ["community_activist", "community_organization", "community_project"]


def statements(table: str) -> list[str]:
    fts = f"{table}_fts"
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


def sqlite_fts(apps, schema_editor) -> None:
    if schema_editor.connection.vendor == "sqlite":
        for table in TABLES:
            for statement in statements(table):
                schema_editor.execute(statement)


def drop(apps, schema_editor) -> None:
    if schema_editor.connection.vendor == "sqlite":
        for table in TABLES:
            for suffix in ("_ai", "_ad", "_au"):
                schema_editor.execute(f"DROP TRIGGER IF EXISTS {table}_fts{suffix}")
            schema_editor.execute(f"DROP TABLE IF EXISTS {table}_fts")


class Migration(migrations.Migration):
    dependencies = [("community", "0004_grants_and_freezes")]

    operations = [migrations.RunPython(sqlite_fts, drop)]
