"""The statements behind supporting, built once per kind and database from the models' metadata.

Supporting is the portal's hottest write, so it speaks SQL: INSERT … ON CONFLICT DO NOTHING (the
unique constraint on (item, user) decides whether a support is new, under any concurrency) and
UPDATE … RETURNING for the exact count. The insert checks the item's side of the rule itself
(status open, not the author: `Supportable.open_statuses`), so nothing is read first.
PostgreSQL runs the insert, the count and the event (veche.events.sql) as one statement (a
data-modifying WITH: each part runs only for the rows the one before returned); SQLite runs the
insert and the count as two, and the caller writes the event. Withdrawal is the same with
DELETE … RETURNING and a decrement that never goes below zero.

A kind with thresholds (and no other Python callback) gives a support on PostgreSQL in one
statement outside any transaction (`give_quiet`) unless the new count would be a threshold:
then that statement fails on purpose (its check divides by zero) and rolls back, and the caller
gives it again in a transaction with the threshold's notice. The count is checked in the UPDATE,
which sees the row's newest version under its lock, so concurrent supports cannot slip a
threshold past the check.

A kind whose support must go with other writes (a vote and the voter's ballot) gives it with
`give_chained`: the caller adds a condition to the insert and its own parts after the count, all
in one statement that writes everything or nothing.
"""

from functools import lru_cache
from typing import NamedTuple

from django.db import connection

from veche.events import sql as event_sql

from .kinds import Supportable


class SupportSql(NamedTuple):
    insert: str  # give_params → the item id when the support is new
    count_up: str  # (item,) → the columns of `Supportable.read_back`
    delete: str  # (item, user) → the item id when there was a support
    count_down: str  # (item,) → like count_up
    add: str  # (n, item) → the new count: n supports carried over at once
    give: str | None  # PostgreSQL: insert + count_up (+ event) in one statement, give_params
    take: str | None  # PostgreSQL: delete + count_down (+ event) in one statement, take_params
    # PostgreSQL, a kind with thresholds: `give` that fails (SQLSTATE 22012) rather than reach a
    # threshold; give_params, the thresholds (a list of integers), the event's
    give_quiet: str | None


@lru_cache
def support_sql(spec: Supportable, vendor: str) -> SupportSql:
    q = connection.ops.quote_name
    rows, items = spec.support_model._meta, spec.item_model._meta
    table, item_table = q(rows.db_table), q(items.db_table)
    item, user = q(rows.get_field(spec.item_field).column), q(rows.get_field("user").column)
    created = q(rows.get_field("created_at").column)
    pk, counter = q(items.pk.column), q(items.get_field(spec.counter).column)
    back = ", ".join(q(_column(items, name)) for name in spec.read_back)
    one_statement = vendor == "postgresql"

    def update(change: str, where: str, extra: str = "") -> str:
        return (
            f"UPDATE {item_table} SET {counter} = {change} WHERE {pk} {where} "
            f"RETURNING {back}{extra}"
        )

    insert = (
        f"INSERT INTO {table} ({item}, {user}, {created}) SELECT %s, %s, %s"
        f"{_guard(spec, vendor)} ON CONFLICT ({item}, {user}) DO NOTHING RETURNING {item}"
    )
    delete = f"DELETE FROM {table} WHERE {item} = %s AND {user} = %s RETURNING {item}"
    up = f"{counter} + 1"
    down = f"CASE WHEN {counter} > 0 THEN {counter} - 1 ELSE 0 END"

    def combined(first: str, change: str, quiet: bool = False) -> str | None:
        if not one_statement or (quiet and not spec.thresholds):
            return None
        counts = "IN (SELECT * FROM done)"
        if quiet:  # the thresholds' parameter: after the insert's, before the event's
            counts += f" AND NOT ({change} = ANY(%s::integer[]))"
        if not spec.event_prefix:
            if quiet:
                return f"WITH done AS ({first}), counted AS ({update(change, counts)}) " + _checked(
                    back
                )
            return f"WITH done AS ({first}) {update(change, counts)}"
        counted = update(change, counts, f", {pk} AS event_subject")
        logged = event_sql.insert_from(
            "counted",
            subject_id="event_subject",
            territory=_column(items, spec.territory_field),
            payload={
                "status": _column(items, spec.status_field),
                "supports": _column(items, spec.counter),
            },
        )
        head = f"WITH done AS ({first}), counted AS ({counted}), logged AS ({logged}) "
        if quiet:
            return head + _checked(back)
        return head + f"SELECT {back} FROM counted"

    return SupportSql(
        insert=insert,
        count_up=update(up, "= %s"),
        delete=delete,
        count_down=update(down, "= %s"),
        add=update(f"{counter} + %s", "= %s"),
        give=combined(insert, up),
        take=combined(delete, down),
        give_quiet=combined(insert, up, quiet=True),
    )


class Chain(NamedTuple):
    """What a caller adds to a support (`give_chained`), as SQL with `%s` parameters."""

    guard: str  # a condition the insert also asks, e.g. "EXISTS (…)"
    then: str  # ", name AS (…), …": parts of the WITH after `counted`, reading it
    required: str  # the last of those parts: a new support counts only if it returns a row


@lru_cache
def give_chained(spec: Supportable, chain: Chain) -> str:
    """PostgreSQL: the support, with `chain.guard` added to the insert's check of the item, its
    count, and the caller's writes `chain.then` in one statement. `counted` gives them the item's
    `read_back` columns after the count. Parameters: `give_params`, then the guard's, then the
    parts'. When the support is new but `chain.required` returns no row (the caller's own bound
    refused it), the statement fails (SQLSTATE 22012) and writes nothing. Its row:
    `chain.required`'s columns, or NULLs when the support changed nothing (there already, or the
    item or the guard ruled it out)."""
    if spec.event_prefix or spec.thresholds:
        raise ValueError(f"{spec.label}: a chained support tells no event and no threshold")
    sql = support_sql(spec, "postgresql")
    insert = sql.insert.replace(" ON CONFLICT ", f" AND {chain.guard} ON CONFLICT ", 1)
    counted = sql.count_up.replace("= %s", "IN (SELECT * FROM done)", 1)
    return f"WITH done AS ({insert}), counted AS ({counted}){chain.then} " + _checked(
        f"{chain.required}.*", chain.required
    )


def _checked(back: str, required: str = "counted") -> str:
    """The main query of `give_quiet` and `give_chained`: the columns `back` of `required`, or
    NULLs when nothing changed, and a division by zero when a support was inserted but
    `required` wrote nothing (a threshold's count; a chained write refused), so that the
    statement, run on its own, rolls the support back."""
    ok = f"1 / (1 - (SELECT count(*) FROM done) + (SELECT count(*) FROM {required}))"
    # `ok` is asked in WHERE: a column nobody reads would not be computed.
    return (
        f"SELECT {back} FROM (SELECT {ok} AS ok) AS checked LEFT JOIN {required} ON true "
        "WHERE ok = 1"
    )


def _column(meta, name: str) -> str:
    return meta.get_field(name).column  # a name or an attname ("municipality_id")


def _guard(spec: Supportable, vendor: str) -> str:
    """` WHERE EXISTS (the item is open and not the supporter's)`, or nothing. SQLite needs the
    WHERE before ON CONFLICT in any case (its parser would read ON as a join's)."""
    if not spec.open_statuses:
        return " WHERE true"
    q = connection.ops.quote_name
    items = spec.item_model._meta
    statuses = ", ".join(["%s"] * len(spec.open_statuses))
    condition = (
        f"{q(items.pk.column)} = %s AND {q(_column(items, spec.status_field))} IN ({statuses})"
    )
    if spec.author_field:
        differs = "IS DISTINCT FROM" if vendor == "postgresql" else "IS NOT"
        condition += f" AND {q(items.get_field(spec.author_field).column)} {differs} %s"
    return f" WHERE EXISTS (SELECT 1 FROM {q(items.db_table)} WHERE {condition})"


def give_params(spec: Supportable, *, item_id, user_id, now) -> list:
    params = [item_id, user_id, now]
    if spec.open_statuses:
        params += [item_id, *spec.open_statuses]
        if spec.author_field:
            params.append(user_id)
    return params
