"""On PostgreSQL, trigram indexes on the registries' stems: a search word is a `LIKE '% stem%'`,
which the index answers without reading all 86,825 activists (docs/community.md, "Benchmark").
SQLite keeps the scan."""

from django.db import migrations

TABLES = ["community_activist", "community_organization", "community_project"]
CREATE = ["CREATE EXTENSION IF NOT EXISTS pg_trgm"] + [
    f"CREATE INDEX IF NOT EXISTS {table}_stems_trgm ON {table} USING gin (search_stems gin_trgm_ops)"
    for table in TABLES
]
DROP = [f"DROP INDEX IF EXISTS {table}_stems_trgm" for table in TABLES]


def _run(statements):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            for statement in statements:
                schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("community", "0002_registries")]

    operations = [migrations.RunPython(_run(CREATE), _run(DROP))]
