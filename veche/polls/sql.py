"""The statements behind casting a ballot, written once per shape and database from the models'
metadata (docs/polls.md, "A ballot").

A ballot is the polls' hottest write and most of its time went into the ORM building SQL, not
into the database. So `services/ballots.py` speaks SQL here, as the supports do
(veche/supports/sql.py):

- `read_poll` — the poll's row by its primary key (with `FOR UPDATE` under the ballot's lock on
  PostgreSQL; SQLite's `BEGIN IMMEDIATE` already holds its one write lock), turned into a `Poll`
  with the fields' own converters, without building a query each time;
- `ballot_insert` — the ballot row, `INSERT … SELECT … ON CONFLICT (poll, voter) DO NOTHING
  RETURNING`: the unique constraint decides whether the ballot is new, under any concurrency (no
  row back: the person has already voted; nothing needs reading first), and the voter's
  municipality and settlement kind are taken from his settlement by the same statement;
- `ballot_writes` — the answers (one multi-row INSERT) and every counter the ballot touches
  (the poll's ballots, the questions' answers, the options' counts with their Borda points,
  participation, option × municipality, option × group: one statement per table, the upserts
  `INSERT … ON CONFLICT (the unique key) DO UPDATE SET count = count + 1`) and the event.
  PostgreSQL runs them all as one statement (data-modifying WITH); SQLite one after the other.

The shapes (how many answers, questions, options, groups) are few; each is built once.
"""

from functools import lru_cache
from typing import NamedTuple

from django.db import connection

from veche.core import rows
from veche.core.prepared import run_prepared
from veche.core.rows import columns
from veche.events import sql as event_sql
from veche.territory.models import Settlement

from .models import (
    Answer,
    Ballot,
    BallotGroupCount,
    Channel,
    Dimension,
    GroupCount,
    MunicipalityCount,
    Option,
    OptionCount,
    Poll,
    Question,
)

q = connection.ops.quote_name
MUNICIPALITY = "municipality"  # the participation's dimension of the voter's municipality


# --- Reading the poll -------------------------------------------------------------------------


def read_poll(pk: int, *, lock: bool = False) -> Poll:
    """The poll's row alone (no territory joined); `lock`: under a row lock, inside the caller's
    transaction. Raises Poll.DoesNotExist as `.get()` would."""
    found = rows.read(Poll, "t.id = %s", [pk], lock=lock)
    if not found:
        raise Poll.DoesNotExist("Poll matching query does not exist.")
    return found[0]


@lru_cache
def _questions_select(vendor: str) -> str:
    questions, options = Question._meta, Option._meta
    both = f"{columns(Question, 'q', vendor).select}, {columns(Option, 'o', vendor).select}"
    position = q("position")
    return (
        f"SELECT {both} FROM {q(questions.db_table)} AS q LEFT JOIN {q(options.db_table)} AS o "
        f"ON o.{q(options.get_field('question').column)} = q.{q(questions.pk.column)} "
        f"WHERE q.{q(questions.get_field('poll').column)} = %s "
        f"ORDER BY q.{position}, q.{q(questions.pk.column)}, o.{position}, "
        f"o.{q(options.pk.column)}"
    )


def read_questions(poll_id: int) -> list[Question]:
    """The poll's questions in their order, each with its options as `question.options.all()`
    gives them (as `prefetch_related("options")` would leave them), in one query."""
    vendor = connection.vendor
    question_columns, option_columns = (
        columns(Question, "q", vendor),
        columns(Option, "o", vendor),
    )
    width = len(question_columns.attnames)
    key = question_columns.attnames.index(Question._meta.pk.attname)
    found: dict[int, tuple[Question, list[Option]]] = {}
    with connection.cursor() as cursor:
        cursor.execute(_questions_select(vendor), [poll_id])
        rows = cursor.fetchall()
    for row in rows:
        pk = row[key]
        if pk not in found:
            found[pk] = (question_columns.build(Question, row[:width]), [])
        if row[width] is not None:
            found[pk][1].append(option_columns.build(Option, row[width:]))
    questions = []
    for question, options in found.values():
        cached = Option.objects.filter(question=question)
        cached._result_cache, cached._prefetch_done = options, True
        question._prefetched_objects_cache = {"options": cached}
        questions.append(question)
    return questions


# --- The ballot row ---------------------------------------------------------------------------


@lru_cache
def _ballot_insert(vendor: str, asks_demographics: bool) -> str:
    ballots, places = Ballot._meta, Settlement._meta
    table = q(ballots.db_table)

    def column(name: str) -> str:
        return q(ballots.get_field(name).column)

    given = [
        "poll",
        "voter",
        "cast_at",
        "channel",
        "voting_point",
        "entered_by",
        "age_group",
        "sex",
    ]
    municipality = f"s.{q(places.get_field('municipality').column)}"
    # The settlement kind the voter gave, or his settlement's (kept only with demographics).
    kind = (
        f"COALESCE(NULLIF(%s, ''), s.{q(places.get_field('kind').column)}, '')"
        if asks_demographics
        else "%s"
    )
    columns = [*given, "municipality", "settlement_kind"]
    values = ", ".join(
        [*(_typed(ballots.get_field(name), vendor) for name in given), municipality, kind]
    )
    settlements = f"{q(places.db_table)} AS s ON s.{q(places.pk.column)} = %s"
    # SQLite needs the WHERE before ON CONFLICT (its parser would read ON as a join's).
    return (
        f"INSERT INTO {table} ({', '.join(column(name) for name in columns)}) "
        f"SELECT {values} FROM (SELECT 1 AS one) AS one LEFT JOIN {settlements} WHERE true "
        f"ON CONFLICT ({column('poll')}, {column('voter')}) DO NOTHING "
        f"RETURNING {q(ballots.pk.column)}, {column('municipality')}, {column('settlement_kind')}"
    )


def _typed(field, vendor: str) -> str:
    """A parameter as the column's type: PostgreSQL cannot tell the type of a NULL in a SELECT."""
    if vendor != "postgresql":
        return "%s"
    return f"%s::{field.cast_db_type(connection)}"


def ballot_insert(
    *,
    poll_id: int,
    voter_id: int,
    cast_at,
    channel: str,
    voting_point_id: int | None,
    entered_by_id: int | None,
    settlement_id: int | None,
    age_group: str,
    sex: str,
    settlement_kind: str | None,
) -> tuple[int, int | None, str] | None:
    """Insert the ballot; (its id, the municipality, the settlement kind kept), or None when the
    voter already has a ballot in the poll. `settlement_kind` None: not asked (kept empty)."""
    asks = settlement_kind is not None
    params = [poll_id, voter_id, cast_at, channel, voting_point_id, entered_by_id, age_group, sex]
    params += [settlement_kind if asks else "", settlement_id]
    with connection.cursor() as cursor:
        cursor.execute(_ballot_insert(connection.vendor, asks), params)
        return cursor.fetchone()


# --- The answers, the counters and the event --------------------------------------------------


class Shape(NamedTuple):
    """How many rows of each kind a ballot writes: its statements depend on nothing else."""

    answers: int
    questions: int
    options: int
    participation: int  # the municipality and each demographic group given
    groups: int  # demographic groups given (× options rows of GroupCount)


def _rows(count: int, row: str) -> str:
    return ", ".join([row] * count)


def _count_one_up(meta, columns: list[str], key: list[str], select: str) -> str:
    """An INSERT … SELECT of counter rows that adds one to `count` where the row exists."""
    table, count = q(meta.db_table), q("count")
    return (
        f"INSERT INTO {table} ({', '.join(map(q, columns))}) {select} "
        f"ON CONFLICT ({', '.join(map(q, key))}) "
        f"DO UPDATE SET {count} = {table}.{count} + 1"
    )


def _upsert(model, columns: list[str], key: list[str], count: int, row: str) -> str:
    table = q(model._meta.db_table)
    return (
        f"INSERT INTO {table} ({', '.join(map(q, columns))}) VALUES {_rows(count, row)} "
        f"ON CONFLICT ({', '.join(map(q, key))}) "
        f"DO UPDATE SET {q('count')} = {table}.{q('count')} + 1"
    )


@lru_cache(maxsize=1024)
def _statements(shape: Shape) -> tuple[str, ...]:
    """SQLite: the statements of one shape after the poll's count (`count_ballot`), one after
    the other, in the order `ballot_writes` gives their parameters."""
    answer_columns = ["ballot_id", "question_id", "option_id", "rank", "text", "text_status"]
    answer_columns.append("created_at")
    count = q("count")
    questions, options = Question._meta, OptionCount._meta
    statements = []
    if shape.answers:
        statements.append(
            f"INSERT INTO {q(Answer._meta.db_table)} ({', '.join(map(q, answer_columns))}) "
            f"VALUES {_rows(shape.answers, '(%s, %s, %s, %s, %s, %s, %s)')}"
        )
    if shape.questions:
        answered = q("answer_count")
        statements.append(
            f"UPDATE {q(questions.db_table)} SET {answered} = {answered} + 1 "
            f"WHERE {q(questions.pk.column)} IN ({_rows(shape.questions, '%s')})"
        )
    statements.append(
        _upsert(
            BallotGroupCount,
            ["poll_id", "dimension", "value", "count"],
            ["poll_id", "dimension", "value"],
            shape.participation,
            "(%s, %s, %s, 1)",
        )
    )
    if shape.options:
        option, points = q(options.pk.column), q("points")
        statements.append(
            f"UPDATE {q(options.db_table)} SET {count} = {count} + 1, {points} = {points} + "
            f"CASE {option} {' '.join(['WHEN %s THEN %s'] * shape.options)} "
            f"ELSE 0 END WHERE {option} IN ({_rows(shape.options, '%s')})"
        )
        statements.append(
            _upsert(
                MunicipalityCount,
                ["option_id", "municipality_key", "count", "question_id"],
                ["option_id", "municipality_key"],
                shape.options,
                "(%s, %s, 1, %s)",
            )
        )
        if shape.groups:
            statements.append(
                _upsert(
                    GroupCount,
                    ["option_id", "dimension", "value", "count", "question_id"],
                    ["option_id", "dimension", "value"],
                    shape.options * shape.groups,
                    "(%s, %s, %s, 1, %s)",
                )
            )
    statements.append(event_sql.insert_values())
    return tuple(statements)


@lru_cache
def _one_statement() -> str:
    """PostgreSQL: the answers, the counters and the event in one statement of one shape for
    every ballot (the rows come as arrays, `unnest`), so it is parsed once and prepared once per
    connection. Its parameters: `_one_statement_params`."""
    answers, polls, questions = Answer._meta, Poll._meta, Question._meta
    options, participation = OptionCount._meta, BallotGroupCount._meta
    by_place, by_group = MunicipalityCount._meta, GroupCount._meta
    count, points = q("count"), q("points")
    ballots, paper, answered = q("ballot_count"), q("paper_ballot_count"), q("answer_count")

    answer_columns = ["ballot_id", "question_id", "option_id", "rank", "text", "text_status"]
    parts = [
        f"INSERT INTO {q(answers.db_table)} ({', '.join(map(q, answer_columns))}, "
        f"{q('created_at')}) SELECT %s::bigint, a.question, a.option, a.rank, a.text, a.status, "
        f"%s::timestamptz FROM unnest(%s::bigint[], %s::bigint[], %s::int[], %s::text[], "
        f"%s::text[]) AS a(question, option, rank, text, status)",
        f"UPDATE {q(polls.db_table)} SET {ballots} = {ballots} + 1, "
        f"{paper} = {paper} + %s::int WHERE {q(polls.pk.column)} = %s::bigint",
        f"UPDATE {q(questions.db_table)} SET {answered} = {answered} + 1 "
        f"WHERE {q(questions.pk.column)} = ANY(%s::bigint[])",
        f"UPDATE {q(options.db_table)} AS c SET {count} = c.{count} + 1, "
        f"{points} = c.{points} + o.points FROM unnest(%s::bigint[], %s::int[]) AS o(option, "
        f"points) WHERE c.{q(options.pk.column)} = o.option",
        _count_one_up(
            participation,
            ["poll_id", "dimension", "value", "count"],
            ["poll_id", "dimension", "value"],
            "SELECT %s::bigint, p.dimension, p.value, 1 FROM unnest(%s::text[], %s::text[]) "
            "AS p(dimension, value)",
        ),
        _count_one_up(
            by_place,
            ["option_id", "municipality_key", "count", "question_id"],
            ["option_id", "municipality_key"],
            "SELECT o.option, %s::int, 1, o.question FROM unnest(%s::bigint[], %s::bigint[]) "
            "AS o(option, question)",
        ),
        _count_one_up(
            by_group,
            ["option_id", "dimension", "value", "count", "question_id"],
            ["option_id", "dimension", "value"],
            "SELECT o.option, g.dimension, g.value, 1, o.question FROM unnest(%s::bigint[], "
            "%s::bigint[]) AS o(option, question) CROSS JOIN unnest(%s::text[], %s::text[]) "
            "AS g(dimension, value)",
        ),
        event_sql.insert_values(),
    ]
    # Each part a data-modifying WITH: all of them run, whether read or not.
    return "WITH " + ", ".join(f"w{n} AS ({sql})" for n, sql in enumerate(parts)) + " SELECT 1"


def _one_statement_params(ballot_id: int, poll_id: int, counted: "Counted", now, event) -> list:
    rows = counted.answers
    options = [o for o, _question, _points in counted.options]
    option_questions = [question for _o, question, _points in counted.options]
    return [
        ballot_id,
        now,
        [r[0] for r in rows],
        [r[1] for r in rows],
        [r[2] for r in rows],
        [r[3] for r in rows],
        [r[4] for r in rows],
        1 if counted.paper else 0,
        poll_id,
        counted.questions,
        options,
        [points for _o, _question, points in counted.options],
        poll_id,
        [dimension for dimension, _value in counted.participation],
        [value for _dimension, value in counted.participation],
        counted.municipality_key,
        options,
        option_questions,
        options if counted.groups else [],
        option_questions if counted.groups else [],
        [dimension for dimension, _value in counted.groups],
        [value for _dimension, value in counted.groups],
        *event,
    ]


class Counted(NamedTuple):
    """What one ballot writes beside its own row."""

    answers: list[tuple]  # (question, option, rank, text, text status)
    questions: list[int]  # answered
    options: list[tuple[int, int, int]]  # (option, its question, Borda points)
    groups: list[tuple[str, str]]  # (dimension, value) of the demographic groups given
    participation: list[tuple[str, str]]  # the municipality's pair, then the groups
    municipality_key: int  # 0: not known
    paper: bool


@lru_cache
def _count_ballot(checked: bool) -> str:
    polls = Poll._meta
    ballots, paper = q("ballot_count"), q("paper_ballot_count")
    sql = (
        f"UPDATE {q(polls.db_table)} SET {ballots} = {ballots} + 1, {paper} = {paper} + %s "
        f"WHERE {q(polls.pk.column)} = %s"
    )
    return f"{sql} AND {q(polls.get_field('updated_at').column)} = %s" if checked else sql


def count_ballot(poll_id: int, *, paper: bool, seen=None) -> bool:
    """SQLite: add the ballot to the poll's count; with `seen` (its `updated_at` as the database
    takes it) only if the poll is still as it was then. False: it changed, nothing written."""
    params = [1 if paper else 0, poll_id]
    with connection.cursor() as cursor:
        cursor.execute(_count_ballot(seen is not None), params if seen is None else [*params, seen])
        return cursor.rowcount == 1


def ballot_writes(
    *, ballot_id: int, poll_id: int, counted: Counted, now, event: list, poll_counted=False
) -> None:
    """Write the answers, add the ballot to every counter and append its event (`event`: the
    parameters of `events.sql.insert_values`). Expects the poll's row locked. `poll_counted`
    (SQLite): the poll's own count was added already (`count_ballot`)."""
    if connection.vendor == "postgresql":
        run_prepared(
            _one_statement(), _one_statement_params(ballot_id, poll_id, counted, now, event)
        )
        return
    if not poll_counted:
        count_ballot(poll_id, paper=counted.paper)
    participation = counted.participation
    shape = Shape(
        answers=len(counted.answers),
        questions=len(counted.questions),
        options=len(counted.options),
        participation=len(participation),
        groups=len(counted.groups),
    )
    params = []
    for row in counted.answers:
        params += [ballot_id, *row, now]
    params += counted.questions
    for dimension, value in participation:
        params += [poll_id, dimension, value]
    if counted.options:
        for option, _question, points in counted.options:
            params += [option, points]
        params += [option for option, _question, _points in counted.options]
        for option, question, _points in counted.options:
            params += [option, counted.municipality_key, question]
        for option, question, _points in counted.options:
            for dimension, value in counted.groups:
                params += [option, dimension, value, question]
    params += event
    with connection.cursor() as cursor:
        for sql in _statements(shape):
            size = sql.count("%s")
            cursor.execute(sql, params[:size])
            params = params[size:]


# --- The whole ballot in one statement (PostgreSQL) -------------------------------------------


@lru_cache
def _whole_ballot(asks_demographics: bool) -> str:
    """PostgreSQL: a web ballot in one statement, outside any transaction (it is one), for a
    poll whose row and questions the caller has checked as they were at `updated_at`:

    - `g` locks the poll's row — first, as every ballot does — if its `updated_at` is still the
      one checked (a change of the poll or its questions moves it: nothing is written, and the
      caller checks again under the lock, `ballot_cast`'s usual way);
    - `b` inserts the ballot (`_ballot_insert`'s row: the unique constraint decides; nothing
      back, the voter has already voted), with his municipality and settlement kind;
    - every other part reads `b`, so it writes only for a new ballot: the answers, the counters
      of `_one_statement` and the event (`events.sql.insert_from`: `record_event`'s columns).

    Returns one row: the poll's id if it was unchanged, the ballot's id, municipality and
    settlement kind (NULLs when nothing was written). Parameters: `whole_ballot_params`."""
    ballots, places, polls = Ballot._meta, Settlement._meta, Poll._meta
    answers, questions, options = Answer._meta, Question._meta, OptionCount._meta
    participation, by_place, by_group = (
        BallotGroupCount._meta,
        MunicipalityCount._meta,
        GroupCount._meta,
    )
    count, points = q("count"), q("points")
    counted, answered = q("ballot_count"), q("answer_count")

    def column(meta, name: str) -> str:
        return q(meta.get_field(name).column)

    kind = (
        f"COALESCE(NULLIF(%s::text, ''), s.{column(places, 'kind')}, '')"
        if asks_demographics
        else "%s::text"
    )
    given = ["poll", "voter", "cast_at", "channel", "age_group", "sex"]
    ballot_columns = ", ".join(
        column(ballots, name) for name in [*given, "municipality", "settlement_kind"]
    )
    municipality_key = "COALESCE(b.municipality, 0)"
    parts = {
        "g": f"SELECT p.{q(polls.pk.column)} AS id FROM {q(polls.db_table)} AS p "
        f"WHERE p.{q(polls.pk.column)} = %s::bigint "
        f"AND p.{column(polls, 'updated_at')} = %s::timestamptz FOR UPDATE",
        "b": f"INSERT INTO {q(ballots.db_table)} ({ballot_columns}) "
        f"SELECT g.id, %s::bigint, %s::timestamptz, %s::text, %s::text, %s::text, "
        f"s.{column(places, 'municipality')}, {kind} FROM g "
        f"LEFT JOIN {q(places.db_table)} AS s ON s.{q(places.pk.column)} = %s::bigint "
        f"ON CONFLICT ({column(ballots, 'poll')}, {column(ballots, 'voter')}) DO NOTHING "
        f"RETURNING {q(ballots.pk.column)} AS id, {column(ballots, 'poll')} AS poll, "
        f"{column(ballots, 'municipality')} AS municipality, "
        f"{column(ballots, 'settlement_kind')} AS kind",
        # The demographic groups: those given (age, sex) and the settlement kind kept.
        "gr": "SELECT d.dimension, d.value FROM b, unnest(%s::text[], %s::text[]) "
        "AS d(dimension, value) UNION ALL SELECT %s::text, b.kind FROM b WHERE b.kind <> ''",
        "w0": f"INSERT INTO {q(answers.db_table)} ({column(answers, 'ballot')}, "
        f"{column(answers, 'question')}, {column(answers, 'option')}, {q('rank')}, {q('text')}, "
        f"{q('text_status')}, {q('created_at')}) SELECT b.id, a.question, a.option, a.rank, "
        f"a.text, a.status, %s::timestamptz FROM b, unnest(%s::bigint[], %s::bigint[], "
        f"%s::int[], %s::text[], %s::text[]) AS a(question, option, rank, text, status)",
        "w1": f"UPDATE {q(polls.db_table)} SET {counted} = {counted} + 1 "
        f"WHERE {q(polls.pk.column)} IN (SELECT b.poll FROM b)",
        "w2": f"UPDATE {q(questions.db_table)} SET {answered} = {answered} + 1 "
        f"WHERE {q(questions.pk.column)} = ANY(%s::bigint[]) AND EXISTS (SELECT 1 FROM b)",
        "w3": f"UPDATE {q(options.db_table)} AS c SET {count} = c.{count} + 1, "
        f"{points} = c.{points} + o.points FROM b, unnest(%s::bigint[], %s::int[]) "
        f"AS o(option, points) WHERE c.{q(options.pk.column)} = o.option",
        "w4": _count_one_up(
            participation,
            ["poll_id", "dimension", "value", "count"],
            ["poll_id", "dimension", "value"],
            f"SELECT b.poll, %s::text, {municipality_key}::text, 1 FROM b "
            "UNION ALL SELECT b.poll, gr.dimension, gr.value, 1 FROM b, gr",
        ),
        "w5": _count_one_up(
            by_place,
            ["option_id", "municipality_key", "count", "question_id"],
            ["option_id", "municipality_key"],
            f"SELECT o.option, {municipality_key}, 1, o.question FROM b, "
            "unnest(%s::bigint[], %s::bigint[]) AS o(option, question)",
        ),
        "w6": _count_one_up(
            by_group,
            ["option_id", "dimension", "value", "count", "question_id"],
            ["option_id", "dimension", "value"],
            "SELECT o.option, gr.dimension, gr.value, 1, o.question FROM gr, "
            "unnest(%s::bigint[], %s::bigint[]) AS o(option, question)",
        ),
        "w7": event_sql.insert_from(
            "(SELECT b.id AS ballot, b.poll AS subject, %s::bigint AS territory, "
            "%s::text AS channel, NULL::bigint AS voting_point FROM b) AS e",
            subject_id="subject",
            territory="territory",
            payload={"ballot": "ballot", "channel": "channel", "voting_point": "voting_point"},
        ),
    }
    # Each part a data-modifying WITH: all of them run, whether read or not.
    return (
        "WITH "
        + ", ".join(f"{name} AS ({sql})" for name, sql in parts.items())
        + " SELECT (SELECT id FROM g), b.id, b.municipality, b.kind FROM (SELECT 1) AS one "
        "LEFT JOIN b ON true"
    )


class WholeBallot(NamedTuple):
    """A web ballot as `whole_ballot` writes it: checked against the poll as it was at `seen`."""

    poll_id: int
    seen: object  # the poll's `updated_at` the rule and the answers were checked at
    voter_id: int
    cast_at: object  # as the database takes it
    age_group: str
    sex: str
    settlement_kind: str | None  # the one given; None: not asked (kept empty)
    settlement_id: int | None  # the voter's
    answers: list[tuple]  # (question, option, rank, text, text status)
    questions: list[int]  # answered
    options: list[tuple[int, int, int]]  # (option, its question, Borda points)
    territory: int | None  # the poll's municipality (the event's)
    event: list  # events.sql.event_params


def whole_ballot(ballot: WholeBallot) -> tuple[int | None, int | None, int | None, str | None]:
    """Write a web ballot in one statement (PostgreSQL, outside a transaction): (the poll's id,
    or None if it changed since `seen`; the ballot's id, municipality and settlement kind, or
    Nones if the voter already has a ballot in the poll)."""
    rows = ballot.answers
    options = [o for o, _question, _points in ballot.options]
    option_questions = [question for _o, question, _points in ballot.options]
    pairs = [(Dimension.AGE, ballot.age_group), (Dimension.SEX, ballot.sex)]
    given = [(d, v) for d, v in pairs if v]
    asks = ballot.settlement_kind is not None
    params = [
        ballot.poll_id,
        ballot.seen,
        ballot.voter_id,
        ballot.cast_at,
        Channel.WEB,
        ballot.age_group,
        ballot.sex,
        ballot.settlement_kind if asks else "",
        ballot.settlement_id,
        [str(d) for d, _v in given],
        [v for _d, v in given],
        str(Dimension.SETTLEMENT),
        ballot.cast_at,
        [r[0] for r in rows],
        [r[1] for r in rows],
        [r[2] for r in rows],
        [r[3] for r in rows],
        [r[4] for r in rows],
        ballot.questions,
        options,
        [points for _o, _question, points in ballot.options],
        MUNICIPALITY,
        options,
        option_questions,
        options,
        option_questions,
        *ballot.event,
        ballot.territory,
        Channel.WEB,
    ]
    return run_prepared(_whole_ballot(asks), params)
