"""Template helpers of the report pages, and the "my reports" section of the cabinet."""

from django import template

from ..selectors import my_reports

register = template.Library()

CABINET_SHOWN = 10


@register.simple_tag(takes_context=True)
def my_reports_section(context) -> dict:
    """The resident's latest reports for the cabinet, and how many there are in all."""
    user = context["request"].user
    reports = my_reports(user).select_related("rejection_reason")
    return {"reports": list(reports[:CABINET_SHOWN]), "total": reports.count()}
