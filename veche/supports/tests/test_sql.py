"""The statements a kind's description builds (no database needed): which table and columns,
one statement on PostgreSQL, two on SQLite, a decrement that cannot go below zero."""

from dataclasses import replace

import pytest

from veche.reports.services.supports import REPORT_SUPPORTS
from veche.supports.sql import support_sql

BARE = replace(REPORT_SUPPORTS, returning=(), on_given=None, on_withdrawn=None, on_threshold=None)


def test_postgresql_gives_and_takes_in_one_statement_each():
    sql = support_sql(REPORT_SUPPORTS, "postgresql")
    assert sql.give.startswith('WITH done AS (INSERT INTO "reports_support"')
    assert 'ON CONFLICT ("report_id", "user_id") DO NOTHING RETURNING "report_id")' in sql.give
    assert sql.give.endswith(
        'UPDATE "reports_report" SET "support_count" = "support_count" + 1 '
        'WHERE "id" IN (SELECT * FROM done) RETURNING "support_count", "status", "municipality_id"'
    )
    assert sql.take.startswith('WITH done AS (DELETE FROM "reports_support"')
    assert sql.give.count("%s") == 3 and sql.take.count("%s") == 2


def test_sqlite_runs_the_insert_and_the_count_as_two_statements():
    sql = support_sql(REPORT_SUPPORTS, "sqlite")
    assert sql.give is None and sql.take is None
    assert sql.insert.count("%s") == 3 and "ON CONFLICT" in sql.insert
    assert sql.count_up.endswith(
        'WHERE "id" = %s RETURNING "support_count", "status", "municipality_id"'
    )


@pytest.mark.parametrize("vendor", ["postgresql", "sqlite"])
def test_the_count_goes_down_never_below_zero(vendor):
    down = support_sql(BARE, vendor).count_down
    assert 'CASE WHEN "support_count" > 0 THEN "support_count" - 1 ELSE 0 END' in down
    assert down.endswith('RETURNING "support_count"')


def test_the_columns_read_back_follow_the_description():
    assert support_sql(BARE, "postgresql").give.endswith('RETURNING "support_count"')
    spec = replace(BARE, returning=("agency_id",))
    assert support_sql(spec, "sqlite").add == (
        'UPDATE "reports_report" SET "support_count" = "support_count" + %s '
        'WHERE "id" = %s RETURNING "support_count", "agency_id"'
    )
