"""The stems' search through an index (issue 17): a trigram GIN index on PostgreSQL, which the
list's `LIKE '% stem%'` uses; an FTS5 table kept by triggers on SQLite (veche/reports/search.py).
A later migration that remakes the table on SQLite loses the triggers: the app's post_migrate
receiver (apps.py) makes them again."""

from django.db import migrations

from veche.reports.search import search_index

TABLE = "reports_report"


class Migration(migrations.Migration):
    dependencies = [("reports", "0007_report_subject")]

    operations = [
        migrations.RunPython(search_index(TABLE), search_index(TABLE, drop=True), elidable=False)
    ]
