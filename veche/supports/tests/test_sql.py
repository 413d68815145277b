"""The statements a kind's description builds (no database needed): which table and columns,
one statement on PostgreSQL (with the event), two on SQLite, the item's side of the rule in the
insert, a decrement that cannot go below zero."""

from dataclasses import replace

import pytest

from veche.ideas.services.supports import IDEA_SUPPORTS
from veche.reports.services.supports import REPORT_SUPPORTS
from veche.supports.sql import give_params, support_sql

UNGUARDED = replace(REPORT_SUPPORTS, open_statuses=(), author_field="")
BARE = replace(UNGUARDED, event_prefix="", on_given=None, on_withdrawn=None, on_threshold=None)


def test_postgresql_gives_and_takes_in_one_statement_each_with_the_event():
    sql = support_sql(UNGUARDED, "postgresql")
    assert sql.give.startswith('WITH done AS (INSERT INTO "reports_support"')
    assert 'ON CONFLICT ("report_id", "user_id") DO NOTHING RETURNING "report_id")' in sql.give
    assert (
        'counted AS (UPDATE "reports_report" SET "support_count" = "support_count" + 1 '
        'WHERE "id" IN (SELECT * FROM done) RETURNING "support_count", "status", '
        '"municipality_id", "id" AS event_subject)'
    ) in sql.give
    assert 'logged AS (INSERT INTO "events_event"' in sql.give
    assert sql.give.endswith('SELECT "support_count", "status", "municipality_id" FROM counted')
    assert sql.take.startswith('WITH done AS (DELETE FROM "reports_support"')
    # The support's three parameters, then the event's four (kind, subject type, actor, moment).
    assert sql.give.count("%s") == 3 + 4 and sql.take.count("%s") == 2 + 4


def test_sqlite_runs_the_insert_and_the_count_as_two_statements():
    sql = support_sql(UNGUARDED, "sqlite")
    assert sql.give is None and sql.take is None
    assert sql.insert.count("%s") == 3 and "WHERE true ON CONFLICT" in sql.insert
    assert sql.count_up.endswith(
        'WHERE "id" = %s RETURNING "support_count", "status", "municipality_id"'
    )


@pytest.mark.parametrize(
    ("vendor", "differs"), [("postgresql", "IS DISTINCT FROM"), ("sqlite", "IS NOT")]
)
def test_the_insert_checks_the_items_side_of_the_rule(vendor, differs):
    insert = support_sql(IDEA_SUPPORTS, vendor).insert
    assert (
        'WHERE EXISTS (SELECT 1 FROM "ideas_idea" WHERE "id" = %s AND "status" IN (%s, %s, %s) '
        f'AND "author_id" {differs} %s)'
    ) in insert
    params = give_params(IDEA_SUPPORTS, item_id=7, user_id=9, now="now")
    assert params == [7, 9, "now", 7, *IDEA_SUPPORTS.open_statuses, 9]
    assert insert.count("%s") == len(params)


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


def test_a_kind_with_thresholds_has_a_statement_that_will_not_reach_one_on_its_own():
    sql = support_sql(UNGUARDED, "postgresql")
    assert 'AND NOT ("support_count" + 1 = ANY(%s::integer[]))' in sql.give_quiet
    # Inserted but not counted: the statement divides by zero, so nothing of it stays.
    assert (
        "1 / (1 - (SELECT count(*) FROM done) + (SELECT count(*) FROM counted))" in sql.give_quiet
    )
    assert sql.give_quiet.count("%s") == 3 + 1 + 4
    assert support_sql(IDEA_SUPPORTS, "postgresql").give_quiet is None  # nothing to tell
    assert support_sql(UNGUARDED, "sqlite").give_quiet is None
