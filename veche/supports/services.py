"""Giving, withdrawing and carrying over supports, for any registered kind (kinds.py).

The caller checks its own named permission (`reports.support_report`, …), before or — for the
item's side a kind declares (`open_statuses`, `author_field`) — after a support that changed
nothing: these functions count. Each change is one transaction: on PostgreSQL one statement
writes the support, the count and the event; callbacks and threshold notices join it in a
transaction, so everything commits or rolls back together. A kind whose only Python is its
thresholds gives a support in one statement of its own unless the support reaches one
(`sql.give_quiet`): the transaction is opened only for the support that is told. A support that
goes with the caller's own writes (a vote and the voter's ballot) is one statement as well
(`give_support_chained`). Withdrawal while the item is open is the caller's rule too.
"""

from collections.abc import Iterable
from contextlib import nullcontext

from django.db import DataError, connection, transaction
from django.db.models import Model
from django.utils import timezone

from veche.core.prepared import run_prepared
from veche.events import sql as event_sql
from veche.events.services import record_event

from .kinds import Supportable
from .sql import Chain, give_chained, give_params, support_sql


def give_support(spec: Supportable, *, user, item: Model) -> tuple[int, bool]:
    """Count the user's support of the item once; returns (count, created). Supporting again, or
    an item the kind's `open_statuses`/`author_field` rule out, changes nothing and tells nothing
    (the caller asks its rule which it was). Sets the count and the columns read back on `item`,
    which may be an unsaved `Model(pk=…)`: nothing is read before the write."""
    now = timezone.now()
    params = give_params(spec, item_id=item.pk, user_id=user.pk, now=now)
    told = _event_params(spec, "supported", user, now)
    if _quiet(spec):
        statement = support_sql(spec, connection.vendor).give_quiet
        row = _all_or_nothing(statement, [*params, spec.threshold_counts(), *told])
        if row is not None:  # None: this support would reach a threshold, given below
            if row[0] is None:
                return _refresh(spec, item), False
            return _set(spec, item, row), True
    with _transaction(spec.needs_transaction), connection.cursor() as cursor:
        row = _run(cursor, spec, "give", "insert", "count_up", params, told)
        if row is not None:
            count = _set(spec, item, row)
            _tell_event(spec, "supported", item, user, count)
            if spec.on_given:
                spec.on_given(item, user, count)
            tell_thresholds(spec, item, before=count - 1)
            return count, True
    return _refresh(spec, item), False


def give_support_chained(
    spec: Supportable, *, user, item: Model, chain: Chain, params: list, now=None
) -> tuple | None:
    """PostgreSQL: the support and the caller's writes that must go with it, in one statement
    (`sql.give_chained`; `params` are the chain's, `now` the support's moment). Returns the row
    of `chain.required`, or None when nothing was written: the support was given before, the
    item or the guard ruled it out, or the caller's writes refused it. The caller then asks its
    rule why, as it would without the shortcut."""
    values = give_params(spec, item_id=item.pk, user_id=user.pk, now=now or timezone.now())
    row = _all_or_nothing(give_chained(spec, chain), [*values, *params])
    return None if row is None or row[0] is None else row


def withdraw_support(spec: Supportable, *, user, item: Model) -> tuple[int, bool]:
    """Take the user's support back; returns (count, withdrawn). Withdrawing what was never given
    changes nothing. The count never goes below zero; a threshold once told stays told."""
    now = timezone.now()
    told = _event_params(spec, "support_withdrawn", user, now)
    with _transaction(bool(spec.on_withdrawn)), connection.cursor() as cursor:
        row = _run(cursor, spec, "take", "delete", "count_down", [item.pk, user.pk], told)
        if row is not None:
            count = _set(spec, item, row)
            _tell_event(spec, "support_withdrawn", item, user, count)
            if spec.on_withdrawn:
                spec.on_withdrawn(item, user, count)
            return count, True
    return _refresh(spec, item), False


def tell_thresholds(spec: Supportable, item: Model, *, before: int) -> list[int]:
    """Run `on_threshold` for every threshold passed since the count was `before`: supports
    carried over from a duplicate arrive several at once and may jump over one."""
    now = getattr(item, spec.counter)
    passed = [t for t in spec.threshold_counts() if before < t <= now]
    if spec.on_threshold:
        for threshold in passed:
            spec.on_threshold(item, threshold)
    return passed


def move_supports(
    spec: Supportable,
    *,
    source: Model,
    target: Model,
    also: Iterable[int] = (),
    skip: Iterable[int] = (),
    source_spec: Supportable | None = None,
) -> int:
    """Make the source's supporters (and the users `also`, e.g. its author) support the target,
    each once: whoever supports both counts once, and users in `skip` (the target's author) are
    left out. The source keeps its own rows and count. Returns how many were carried; thresholds
    jumped over are told. Call it inside the caller's transaction with the target locked.

    `spec` is the target's kind; `source_spec` the source's when it is another kind (a report
    turned into an idea), by default the same."""
    source_spec = source_spec or spec
    rows = spec.support_model.objects
    already = set(rows.filter(**{spec.item_field: target}).values_list("user_id", flat=True))
    given = source_spec.support_model.objects.filter(**{source_spec.item_field: source})
    users = set(given.values_list("user_id", flat=True))
    new = sorted((users | set(also)) - already - set(skip))
    if not new:
        return 0
    rows.bulk_create([spec.support_model(**{spec.item_field: target, "user_id": u}) for u in new])
    with connection.cursor() as cursor:
        cursor.execute(support_sql(spec, connection.vendor).add, [len(new), target.pk])
        count = _set(spec, target, cursor.fetchone())
    tell_thresholds(spec, target, before=count - len(new))
    return len(new)


def _transaction(callbacks: bool):
    """One statement is its own transaction (PostgreSQL, nothing run after it); two statements or
    Python callbacks share one."""
    if connection.vendor == "postgresql" and not callbacks:
        return nullcontext()
    return transaction.atomic()


def _quiet(spec: Supportable) -> bool:
    """Whether a support may skip the transaction: PostgreSQL, and thresholds the only Python
    run after the statement (`sql.give_quiet`)."""
    return connection.vendor == "postgresql" and not spec.on_given and bool(spec.thresholds)


def _all_or_nothing(statement: str, params: list):
    """The row of a statement that fails on purpose (`give_quiet`, `give_chained`): the item's
    columns after the support (all None when it changed nothing), or None when the support would
    reach a threshold or its chained writes refused it: the statement failed and wrote nothing.
    In a caller's transaction it runs under a savepoint, so that failure leaves the transaction
    usable."""
    inside = transaction.atomic() if connection.in_atomic_block else nullcontext()
    try:
        with inside:
            return run_prepared(statement, params)
    except DataError as error:
        if getattr(error.__cause__, "sqlstate", None) != "22012":  # division_by_zero: threshold
            raise
        return None


def _run(cursor, spec: Supportable, combined: str, first: str, then: str, params, told):
    """The item's columns after the change, or None when nothing changed: PostgreSQL in one
    statement (with the event, `told`), SQLite in two (the second only when the first changed a
    row; the event is written by `_tell_event`)."""
    sql = support_sql(spec, connection.vendor)
    if statement := getattr(sql, combined):
        return run_prepared(statement, [*params, *told])
    cursor.execute(getattr(sql, first), params)
    if cursor.fetchone() is None:
        return None
    cursor.execute(getattr(sql, then), params[:1])
    return cursor.fetchone()


def _event_params(spec: Supportable, name: str, user, now) -> list:
    if not spec.event_prefix or connection.vendor != "postgresql":
        return []
    kind = f"{spec.event_prefix}.{name}"
    return event_sql.event_params(kind=kind, subject_type=spec.label, actor=user, occurred_at=now)


def _tell_event(spec: Supportable, name: str, item: Model, user, count: int) -> None:
    """The event where the statement could not write it (SQLite), in the same transaction."""
    if spec.event_prefix and connection.vendor != "postgresql":
        record_event(
            kind=f"{spec.event_prefix}.{name}",
            subject=(spec.label, item.pk),
            actor=user,
            territory=getattr(item, spec.territory_field),
            payload={"status": getattr(item, spec.status_field), "supports": count},
        )


def _set(spec: Supportable, item: Model, row) -> int:
    for name, value in zip(spec.read_back, row, strict=True):
        setattr(item, name, value)
    return getattr(item, spec.counter)


def _refresh(spec: Supportable, item: Model) -> int:
    item.refresh_from_db(fields=[spec.counter])
    return getattr(item, spec.counter)
