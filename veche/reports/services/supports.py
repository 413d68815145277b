"""Support votes on reports: one per resident per report, counted by the shared mechanism
(veche.supports); this module holds the reports' permission checks and what a support sets off."""

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from veche.accounts.predicates import can_participate
from veche.supports.kinds import Supportable
from veche.supports.services import give_support, withdraw_support

from ..events import report_notice
from ..models import Report, Status, Support, TimelineEntry
from ..models.report import UNPUBLISHED
from ._common import record, require

# The agency hears of a report when its support reaches one of these
# (settings.REPORT_SUPPORT_THRESHOLDS overrides them).
DEFAULT_THRESHOLDS = (10, 50, 100, 500)
# What `reports.support_report` reads of the report.
RULE_FIELDS = ("id", "status", "author_id", "agency_id", "municipality_id", "support_count")


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


# The write checks the report's side of `reports.support_report` (published, not the author's)
# and records "reports.supported" / "reports.support_withdrawn" with the status and the count.
REPORT_SUPPORTS = Supportable(
    item_model=Report,
    support_model=Support,
    item_field="report",
    counter="support_count",
    thresholds=_thresholds,
    on_threshold=_threshold,
    open_statuses=tuple(s for s in Status.values if s not in UNPUBLISHED),
    author_field="author",
    event_prefix="reports",
)


def report_support(*, user, report: Report) -> tuple[Report, bool]:
    """Support a published report; returns (report, created). Supporting twice changes nothing.

    `report` may be `Report(pk=…)` alone. A resident without roles cannot work at the report's
    agency, so for him the write checks the rest of `reports.support_report` itself (published,
    not his own) and nothing is read first; only a support that changed nothing reads the
    report and asks the whole rule whether it was refused or given before. Staff are asked the
    rule first (their agency's reports are not theirs to support)."""
    unread = can_participate(user) and not user.holds_roles
    if unread:
        _count, created = give_support(REPORT_SUPPORTS, user=user, item=report)
        if created:
            return report, True
    if report._state.adding:  # `Report(pk=…)`, not read from the database: the rule needs it
        report = Report.objects.only(*RULE_FIELDS).get(pk=report.pk)
    if not user.has_perm("reports.support_report", report):
        raise PermissionDenied(_support_refusal(user, report))  # the reason only now
    if unread:
        return report, False
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
