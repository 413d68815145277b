"""Support votes: one per resident per report, counted once under any concurrency."""

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils.translation import gettext as _

from ..events import report_event
from ..models import Report, Support, TimelineEntry
from ._common import record, require

# The agency hears of a report when its support reaches one of these
# (settings.REPORT_SUPPORT_THRESHOLDS overrides them).
DEFAULT_THRESHOLDS = (10, 50, 100, 500)


def report_support(*, user, report: Report) -> tuple[Report, bool]:
    """Support a published report; returns (report, created). Supporting twice changes nothing."""
    require(
        user,
        "reports.support_report",
        report,
        _("Confirm your e-mail to support published reports of others."),
    )
    try:
        with transaction.atomic():
            Support.objects.create(report=report, user=user)
            Report.objects.filter(pk=report.pk).update(support_count=F("support_count") + 1)
            report.refresh_from_db(fields=["support_count"])
            _tell_thresholds(report)
    except IntegrityError:
        report.refresh_from_db(fields=["support_count"])
        return report, False
    return report, True


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
