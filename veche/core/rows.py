"""Model rows read through hand-written SQL, for the hottest paths (a ballot's poll and
questions, a gift's project and accounts): a model's columns as a SELECT lists them, and the
instance a row makes with the fields' own converters, so that no query is built on every
request (the ORM's compiling cost more than the statement)."""

from functools import lru_cache
from typing import NamedTuple

from django.db import connection

from .prepared import run_prepared


class Columns(NamedTuple):
    """A model's columns as a SELECT lists them, and how to turn a row's values into it."""

    select: str  # "alias"."column", …
    attnames: list[str]
    converters: list[tuple[int, list, object]]  # (column index, converters, its Col)

    def build(self, model, values):
        values = list(values)
        for index, converters, col in self.converters:
            for convert in converters:
                values[index] = convert(values[index], col, connection)
        # Fewer columns than the model has: the others are deferred, as with .only().
        return model.from_db(connection.alias, self.attnames, values)


@lru_cache
def columns(model, alias: str, vendor: str, only: tuple[str, ...] = ()) -> Columns:
    """The model's concrete fields (`only`: those of these attnames, in the model's order) as
    `alias`.column; cached per database vendor, whose converters differ."""
    q = connection.ops.quote_name
    fields = [f for f in model._meta.concrete_fields if not only or f.attname in only]
    converters = []
    for index, field in enumerate(fields):
        col = field.get_col(model._meta.db_table)
        found = connection.ops.get_db_converters(col) + col.get_db_converters(connection)
        if found:
            converters.append((index, found, col))
    select = ", ".join(f"{alias}.{q(f.column)}" for f in fields)
    return Columns(select, [f.attname for f in fields], converters)


def read(
    model,
    where: str,
    params: list,
    *,
    only: tuple[str, ...] = (),
    order: str = "",
    lock: bool = False,
) -> list:
    """The `model` instances of `SELECT … FROM its table AS t WHERE {where}` (`%s` parameters;
    `only`: these attnames, the rest deferred; `order`: an ORDER BY list; `lock`: FOR UPDATE,
    inside the caller's transaction, where the database has it — SQLite's write lock is the
    transaction's). Prepared on PostgreSQL: planned once per connection."""
    vendor = connection.vendor
    listed = columns(model, "t", vendor, only)
    sql = _select(
        model, vendor, where, order, lock and connection.features.has_select_for_update, only
    )
    if vendor == "postgresql":
        found = run_prepared(sql, params, every_row=True)
    else:
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            found = cursor.fetchall()
    return [listed.build(model, row) for row in found]


@lru_cache
def _select(model, vendor: str, where: str, order: str, lock: bool, only: tuple) -> str:
    listed = columns(model, "t", vendor, only).select
    sql = f"SELECT {listed} FROM {connection.ops.quote_name(model._meta.db_table)} AS t"
    sql += f" WHERE {where}" + (f" ORDER BY {order}" if order else "")
    return sql + (" FOR UPDATE" if lock else "")
