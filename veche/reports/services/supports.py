"""Support votes: one per resident per report, counted once under any concurrency.

This is the portal's hottest write, so it speaks SQL directly: one INSERT … ON CONFLICT DO
NOTHING (the unique constraint decides whether the vote is new) and one UPDATE … RETURNING for the
exact count, both supported alike by PostgreSQL and SQLite ≥ 3.35.
"""

from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ..events import report_event
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
        f"RETURNING {q('id')}"
    )
    count = (
        f"UPDATE {report} SET {q('support_count')} = {q('support_count')} + 1 "
        f"WHERE {q('id')} = %s RETURNING {q('support_count')}"
    )
    return insert, count


def report_support(*, user, report: Report) -> tuple[Report, bool]:
    """Support a published report; returns (report, created). Supporting twice changes nothing."""
    require(
        user,
        "reports.support_report",
        report,
        _("Confirm your e-mail to support published reports of others."),
    )
    insert, count = _sql()
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(insert, [report.pk, user.pk, timezone.now()])
        created = cursor.fetchone() is not None
        if created:
            cursor.execute(count, [report.pk])
            report.support_count = cursor.fetchone()[0]
            _tell_thresholds(report)
    if not created:
        report.refresh_from_db(fields=["support_count"])
    return report, created


def _tell_thresholds(report: Report) -> None:
    thresholds = getattr(settings, "REPORT_SUPPORT_THRESHOLDS", DEFAULT_THRESHOLDS)
    if report.support_count in thresholds:
        entry = record(
            report,
            kind=TimelineEntry.Kind.SUPPORT_THRESHOLD,
            actor=None,
            text=_("%(count)d residents support this report.") % {"count": report.support_count},
        )
        report_event("support_threshold", report, entry=entry, threshold=report.support_count)
