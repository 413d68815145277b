"""Support votes: one per resident per report, counted once under any concurrency.

This is the portal's hottest write, so it speaks SQL directly: INSERT … ON CONFLICT DO NOTHING
(the unique constraint decides whether the vote is new) and UPDATE … RETURNING for the exact
count — on PostgreSQL as one statement (a data-modifying WITH), on SQLite ≥ 3.35 as two.
"""

from django.conf import settings
from django.db import connection, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from ..events import report_event, report_notice
from ..models import Report, Support, TimelineEntry
from ._common import record, require

# The agency hears of a report when its support reaches one of these
# (settings.REPORT_SUPPORT_THRESHOLDS overrides them).
DEFAULT_THRESHOLDS = (10, 50, 100, 500)


def _sql() -> tuple[str, str]:
    q = connection.ops.quote_name
    support, report = q(Support._meta.db_table), q(Report._meta.db_table)
    insert = (
        f"INSERT INTO {support} ({q('report_id')}, {q('user_id')}, {q('created_at')}) "
        f"VALUES (%s, %s, %s) ON CONFLICT ({q('report_id')}, {q('user_id')}) DO NOTHING "
        f"RETURNING {q('report_id')}"
    )
    count = (
        f"UPDATE {report} SET {q('support_count')} = {q('support_count')} + 1 "
        f"WHERE {q('id')} = %s RETURNING {q('support_count')}, {q('municipality_id')}"
    )
    return insert, count


def _insert_and_count(cursor, report_id: int, user_id: int) -> tuple[int, int] | None:
    """The new count and the report's municipality (for the event), or None when this resident
    already supported the report."""
    insert, count = _sql()
    now = timezone.now()
    if connection.vendor == "postgresql":
        cursor.execute(
            f"WITH new AS ({insert}) {count.replace('= %s', 'IN (SELECT * FROM new)')}",
            [report_id, user_id, now],
        )
        row = cursor.fetchone()
        return tuple(row) if row else None
    cursor.execute(insert, [report_id, user_id, now])
    if cursor.fetchone() is None:
        return None
    cursor.execute(count, [report_id])
    return tuple(cursor.fetchone())


def report_support(*, user, report: Report) -> tuple[Report, bool]:
    """Support a published report; returns (report, created). Supporting twice changes nothing."""
    refusal = (
        _("Your agency answers this report: its staff do not support it.")
        if user.has_perm("reports.work_on_report", report)
        else _("Confirm your e-mail to support published reports of others.")
    )
    require(user, "reports.support_report", report, refusal)
    with transaction.atomic(), connection.cursor() as cursor:
        counted = _insert_and_count(cursor, report.pk, user.pk)
        created = counted is not None
        if created:
            report.support_count, report.municipality_id = counted
            report_event("supported", report, actor=user, payload={"supports": counted[0]})
            _tell_thresholds(report)
    if not created:
        report.refresh_from_db(fields=["support_count"])
    return report, created


def _tell_thresholds(report: Report, *, before: int | None = None) -> None:
    """Tell of every threshold passed since `before` supports (one less by default; a merge of
    duplicates adds several at once and may jump over a threshold)."""
    before = report.support_count - 1 if before is None else before
    thresholds = getattr(settings, "REPORT_SUPPORT_THRESHOLDS", DEFAULT_THRESHOLDS)
    for threshold in sorted(t for t in thresholds if before < t <= report.support_count):
        entry = record(
            report,
            kind=TimelineEntry.Kind.SUPPORT_THRESHOLD,
            actor=None,
            message=gettext_noop("%(count)d residents support this report."),
            params={"count": threshold},
        )
        report_notice("support_threshold", report, entry=entry, threshold=threshold)


def report_support_withdraw(*, user, report: Report) -> tuple[Report, bool]:
    """Take one's support back; returns (report, withdrawn). Withdrawing what one never gave
    changes nothing and records nothing. A threshold once told stays told."""
    require(user, "reports.withdraw_support", report, _("This report cannot be supported."))
    with transaction.atomic():
        deleted, _rows = Support.objects.filter(report=report, user=user).delete()
        if deleted:
            Report.objects.filter(pk=report.pk).update(support_count=F("support_count") - 1)
            report.refresh_from_db(fields=["support_count", "status", "municipality"])
            report_event(
                "support_withdrawn", report, actor=user, payload={"supports": report.support_count}
            )
    if not deleted:
        report.refresh_from_db(fields=["support_count"])
    return report, bool(deleted)
