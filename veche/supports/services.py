"""Giving, withdrawing and carrying over supports, for any registered kind (kinds.py).

The caller has already checked its own named permission (`reports.support_report`, …): these
functions only count. Each runs in one transaction with the kind's callbacks, so the support, the
counter, the event and the threshold notices commit or roll back together. Withdrawal while the
item is open is the caller's rule too.
"""

from collections.abc import Iterable

from django.db import connection, transaction
from django.db.models import Model
from django.utils import timezone

from .kinds import Supportable
from .sql import support_sql


def give_support(spec: Supportable, *, user, item: Model) -> tuple[int, bool]:
    """Count the user's support of the item once; returns (count, created). Supporting again
    changes nothing and tells nothing. Sets the count (and `spec.returning`) on `item`."""
    with transaction.atomic(), connection.cursor() as cursor:
        row = _run(cursor, spec, "give", "insert", "count_up", [item.pk, user.pk, timezone.now()])
        if row is not None:
            count = _set(spec, item, row)
            if spec.on_given:
                spec.on_given(item, user, count)
            tell_thresholds(spec, item, before=count - 1)
            return count, True
    return _refresh(spec, item), False


def withdraw_support(spec: Supportable, *, user, item: Model) -> tuple[int, bool]:
    """Take the user's support back; returns (count, withdrawn). Withdrawing what was never given
    changes nothing. The count never goes below zero; a threshold once told stays told."""
    with transaction.atomic(), connection.cursor() as cursor:
        row = _run(cursor, spec, "take", "delete", "count_down", [item.pk, user.pk])
        if row is not None:
            count = _set(spec, item, row)
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


def _run(cursor, spec: Supportable, combined: str, first: str, then: str, params: list):
    """The counter row after the change, or None when nothing changed: PostgreSQL in one
    statement, SQLite in two (the second only when the first changed a row)."""
    sql = support_sql(spec, connection.vendor)
    if statement := getattr(sql, combined):
        cursor.execute(statement, params)
        return cursor.fetchone()
    cursor.execute(getattr(sql, first), params)
    if cursor.fetchone() is None:
        return None
    cursor.execute(getattr(sql, then), params[:1])
    return cursor.fetchone()


def _set(spec: Supportable, item: Model, row) -> int:
    count, *values = row
    setattr(item, spec.counter, count)
    for name, value in zip(spec.returning, values, strict=True):
        setattr(item, name, value)
    return count


def _refresh(spec: Supportable, item: Model) -> int:
    item.refresh_from_db(fields=[spec.counter])
    return getattr(item, spec.counter)
