"""Template helpers of the report pages, and the "my reports" section of the cabinet."""

from django import template

from .. import transitions
from ..selectors import my_reports

register = template.Library()

CABINET_SHOWN = 10


@register.simple_tag(takes_context=True)
def my_reports_section(context) -> dict:
    """The resident's latest reports for the cabinet, and how many there are in all."""
    user = context["request"].user
    reports = my_reports(user).select_related("rejection_reason")
    return {"reports": list(reports[:CABINET_SHOWN]), "total": reports.count()}


@register.simple_tag(takes_context=True)
def report_actions(context, report) -> frozenset[str]:
    """The actions the table of transitions allows the current user on this report now."""
    return transitions.available_actions(context["request"].user, report)


@register.filter
def state_allows(report, action: str) -> bool:
    """The report's state allows the action; for lists whose page already checked who asks."""
    return transitions.state_allows(report, action)


# The badge tone of each status (core/components/badge.html): the colour repeats the words.
STATUS_TONES = {
    "submitted": "warning",
    "rejected": "error",
    "routed": "info",
    "declined": "info",
    "in_progress": "info",
    "answered": "accent",
    "closed": "success",
    "duplicate": "neutral",
}


@register.filter
def status_tone(status: str) -> str:
    return STATUS_TONES.get(status, "neutral")
