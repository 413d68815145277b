"""Running one statement as a prepared statement on PostgreSQL, for the portal's hottest writes
(a support, a ballot): the database plans it once per connection instead of on every request.
Django's cursors bind parameters on the client and cannot prepare, so this takes the driver's
own cursor (server-side binding: `%s` placeholders with explicit casts where the type matters)."""

from django.db import connection


def run_prepared(statement: str, params: list, *, every_row: bool = False):
    """Execute `statement` prepared (PostgreSQL only); its first row, or None (with
    `every_row`: the list of its rows)."""
    import psycopg  # PostgreSQL only

    connection.ensure_connection()
    with connection.wrap_database_errors, psycopg.Cursor(connection.connection) as cursor:
        cursor.execute(statement, params, prepare=True)
        if every_row:
            row = cursor.fetchall() if cursor.description else []
        else:
            row = cursor.fetchone() if cursor.description else None
    if connection.queries_logged:  # what CaptureQueriesContext and the debug toolbar read
        connection.queries_log.append({"sql": statement, "time": "0.000"})
    return row
