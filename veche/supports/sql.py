"""The statements behind supporting, built once per kind and database from the models' metadata.

Supporting is the portal's hottest write, so it speaks SQL: INSERT … ON CONFLICT DO NOTHING (the
unique constraint on (item, user) decides whether a support is new, under any concurrency) and
UPDATE … RETURNING for the exact count. PostgreSQL runs both as one statement (a data-modifying
WITH: the UPDATE runs only for the row the INSERT returned); SQLite (≥ 3.35) as two. Withdrawal
is the same with DELETE … RETURNING and a decrement that never goes below zero.
"""

from functools import lru_cache
from typing import NamedTuple

from django.db import connection

from .kinds import Supportable


class SupportSql(NamedTuple):
    insert: str  # (item, user, created_at) → the item id when the support is new
    count_up: str  # (item,) → the new count, then the `returning` columns
    delete: str  # (item, user) → the item id when there was a support
    count_down: str  # (item,) → like count_up
    add: str  # (n, item) → the new count: n supports carried over at once
    give: str | None  # PostgreSQL: insert + count_up in one statement, (item, user, created_at)
    take: str | None  # PostgreSQL: delete + count_down in one statement, (item, user)


@lru_cache
def support_sql(spec: Supportable, vendor: str) -> SupportSql:
    q = connection.ops.quote_name
    rows, items = spec.support_model._meta, spec.item_model._meta
    table, item_table = q(rows.db_table), q(items.db_table)
    item, user = q(rows.get_field(spec.item_field).column), q(rows.get_field("user").column)
    created = q(rows.get_field("created_at").column)
    pk, counter = q(items.pk.column), q(items.get_field(spec.counter).column)
    back = ", ".join([counter, *(q(items.get_field(name).column) for name in spec.returning)])

    def update(change: str, where: str) -> str:
        return f"UPDATE {item_table} SET {counter} = {change} WHERE {pk} {where} RETURNING {back}"

    insert = (
        f"INSERT INTO {table} ({item}, {user}, {created}) VALUES (%s, %s, %s) "
        f"ON CONFLICT ({item}, {user}) DO NOTHING RETURNING {item}"
    )
    delete = f"DELETE FROM {table} WHERE {item} = %s AND {user} = %s RETURNING {item}"
    up = f"{counter} + 1"
    down = f"CASE WHEN {counter} > 0 THEN {counter} - 1 ELSE 0 END"
    done = "IN (SELECT * FROM done)"
    one_statement = vendor == "postgresql"
    return SupportSql(
        insert=insert,
        count_up=update(up, "= %s"),
        delete=delete,
        count_down=update(down, "= %s"),
        add=update(f"{counter} + %s", "= %s"),
        give=f"WITH done AS ({insert}) {update(up, done)}" if one_statement else None,
        take=f"WITH done AS ({delete}) {update(down, done)}" if one_statement else None,
    )
