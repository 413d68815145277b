"""Following a report: a person hears of its public news (notices/recipients.py) until he stops."""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _

from ..models import Report, ReportFollow
from ._common import report_event, require


def report_follow(*, user, report: Report) -> bool:
    """Follow the report; returns whether this is new. Following twice changes nothing."""
    require(user, "reports.follow_report", report, _("You cannot follow this report."))
    with transaction.atomic():
        follow, created = ReportFollow.objects.get_or_create(report=report, user=user)
        if created:
            report_event("followed", report, actor=user)
    return created


def report_unfollow(*, user, report: Report) -> bool:
    """Stop following; returns whether he followed it. Always allowed to a logged-in person."""
    if not user.is_authenticated:
        raise PermissionDenied(_("Log in to follow reports."))
    with transaction.atomic():
        deleted, _rows = ReportFollow.objects.filter(report=report, user=user).delete()
        if deleted:
            report_event("unfollowed", report, actor=user)
    return bool(deleted)
