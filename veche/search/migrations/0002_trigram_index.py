"""On PostgreSQL, a trigram index on the stems: a query word is a `LIKE '% stem%'`, which the
index answers without reading every entry (docs/search.md, "Benchmark"). SQLite keeps the scan."""

from django.db import migrations

CREATE = [
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    "CREATE INDEX IF NOT EXISTS search_entry_stems_trgm ON search_searchentry "
    "USING gin (stems gin_trgm_ops)",
]
DROP = ["DROP INDEX IF EXISTS search_entry_stems_trgm"]


def _run(statements):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            for statement in statements:
                schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("search", "0001_initial")]

    operations = [migrations.RunPython(_run(CREATE), _run(DROP))]
