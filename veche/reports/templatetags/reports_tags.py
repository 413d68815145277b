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


@register.filter
def page_numbers(page) -> list:
    """The page numbers to link around `page`: the first, the last and two either side of it,
    with Paginator.ELLIPSIS where numbers are left out."""
    return list(page.paginator.get_elided_page_range(page.number, on_each_side=2, on_ends=1))
