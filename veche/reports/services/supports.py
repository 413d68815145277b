"""Support votes on reports: one per resident per report, counted by the shared mechanism
(veche.supports); this module holds the reports' permission checks and what a support sets off."""

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from veche.supports.kinds import Supportable
from veche.supports.services import give_support, withdraw_support

from ..events import report_notice
from ..models import Report, Support, TimelineEntry
from ._common import record, require

# The agency hears of a report when its support reaches one of these
# (settings.REPORT_SUPPORT_THRESHOLDS overrides them).
DEFAULT_THRESHOLDS = (10, 50, 100, 500)


def _thresholds() -> tuple[int, ...]:
    return getattr(settings, "REPORT_SUPPORT_THRESHOLDS", DEFAULT_THRESHOLDS)


def _threshold(report: Report, threshold: int) -> None:
    entry = record(
        report,
        kind=TimelineEntry.Kind.SUPPORT_THRESHOLD,
        actor=None,
        message=gettext_noop("%(count)d residents support this report."),
        params={"count": threshold},
    )
    report_notice("support_threshold", report, entry=entry, threshold=threshold)


# The write records "reports.supported" / "reports.support_withdrawn" with the status and the
# count (the status and municipality come back with the count).
REPORT_SUPPORTS = Supportable(
    item_model=Report,
    support_model=Support,
    item_field="report",
    counter="support_count",
    thresholds=_thresholds,
    on_threshold=_threshold,
    event_prefix="reports",
)


def report_support(*, user, report: Report) -> tuple[Report, bool]:
    """Support a published report; returns (report, created). Supporting twice changes nothing."""
    if not user.has_perm("reports.support_report", report):
        raise PermissionDenied(_support_refusal(user, report))
    _count, created = give_support(REPORT_SUPPORTS, user=user, item=report)
    return report, created


def _support_refusal(user, report: Report) -> str:
    """Why the support was refused: asked only then (it costs a look at the user's roles)."""
    if user.has_perm("reports.work_on_report", report):
        return _("Your agency answers this report: its staff do not support it.")
    return _("Confirm your e-mail to support published reports of others.")


def report_support_withdraw(*, user, report: Report) -> tuple[Report, bool]:
    """Take one's support back; returns (report, withdrawn). Withdrawing what one never gave
    changes nothing and records nothing. A threshold once told stays told."""
    require(user, "reports.withdraw_support", report, _("This report cannot be supported."))
    _count, withdrawn = withdraw_support(REPORT_SUPPORTS, user=user, item=report)
    return report, withdrawn
