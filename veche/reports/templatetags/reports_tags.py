"""Template helpers of the report pages, and the "my reports" section of the cabinet."""

from django import template

from .. import transitions
from ..selectors import followed_reports, my_reports, supported_reports
from ..wording import agency_to

register = template.Library()

CABINET_SHOWN = 10


@register.simple_tag(takes_context=True)
def my_reports_section(context) -> dict:
    """The resident's latest reports for the cabinet, and how many there are in all."""
    user = context["request"].user
    reports = my_reports(user).select_related("rejection_reason")
    return {"reports": list(reports[:CABINET_SHOWN]), "total": reports.count()}


@register.simple_tag(takes_context=True)
def supported_reports_section(context) -> dict:
    """The published reports the resident supports, latest first, and how many in all."""
    reports = supported_reports(context["request"].user)
    return {"reports": list(reports[:CABINET_SHOWN]), "total": reports.count()}


@register.simple_tag(takes_context=True)
def followed_reports_section(context) -> dict:
    reports = followed_reports(context["request"].user)
    return {"reports": list(reports[:CABINET_SHOWN]), "total": reports.count()}


@register.simple_tag(takes_context=True)
def report_actions(context, report) -> frozenset[str]:
    """The actions the table of transitions allows the current user on this report now."""
    return transitions.available_actions(context["request"].user, report)


@register.filter
def state_allows(report, action: str) -> bool:
    """The report's state allows the action; for lists whose page already checked who asks."""
    return transitions.state_allows(report, action)


@register.filter(name="agency_to")
def agency_to_filter(agency) -> str:
    """The agency as it stands after «направлено в» (reports/wording.py)."""
    return agency_to(agency)
