"""Template helpers of the report pages, and the "my reports" section of the cabinet."""

from django import template
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from veche.core.components import badge

from .. import transitions
from ..models.report import AWAITING_ANSWER
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


@register.filter
def page_numbers(page) -> list:
    """The page numbers to link around `page`: the first, the last and two either side of it,
    with Paginator.ELLIPSIS where numbers are left out."""
    return list(page.paginator.get_elided_page_range(page.number, on_each_side=2, on_ends=1))


@register.simple_tag
def agency_line(report, now) -> str:
    """The card's «Ведомство: … · срок ответа 5 декабря 2026 (просрочено)» line, built in Python:
    the list renders twenty of them and the list page is a benchmarked hot path."""
    if not report.agency_id:
        return ""
    line = format_html("{} {}", _("Agency:"), report.agency.name)
    if report.due_at and report.status in AWAITING_ANSWER:
        due = timezone.localtime(report.due_at)
        line = format_html(
            '{} · {} <time datetime="{}">{}</time>{}',
            line,
            _("answer due"),
            due.replace(microsecond=0).isoformat(),
            date_format(due, "j E Y"),
            format_html(' <strong class="overdue">{}</strong>', _("overdue"))
            if report.due_at < now
            else "",
        )
    return format_html('<p class="meta">{}</p>', line)


@register.simple_tag
def page_links(page, query: str) -> str:
    """The numbered page links of `_pagination.html`, each keeping the filters in `query`;
    built in Python since the list renders them on every page view."""
    prefix = f"?{query}&page=" if query else "?page="
    hidden = format_html('<span class="visually-hidden">{} </span>', _("Page"))
    items = []
    for number in page_numbers(page):
        if number == page.paginator.ELLIPSIS:
            items.append(format_html('<li aria-hidden="true">{}</li>', number))
            continue
        current = ' aria-current="page"' if number == page.number else ""
        items.append(
            format_html(
                '<li><a{} href="{}{}">{}{}</a></li>',
                mark_safe(current),  # noqa: S308 - a constant
                prefix,
                number,
                hidden,
                number,
            )
        )
    return mark_safe("\n".join(items))  # noqa: S308 - each item escaped by format_html


# The badge tone of each status (core.components.badge): the colour repeats the words.
STATUS_TONES = {
    "submitted": "warning",
    "rejected": "error",
    "routed": "info",
    "declined": "info",
    "in_progress": "info",
    "answered": "accent",
    "closed": "success",
    "duplicate": "neutral",
    "idea": "neutral",
}


@register.filter
def status_tone(status: str) -> str:
    return STATUS_TONES.get(status, "neutral")


@register.simple_tag
def report_status(report) -> str:
    """The report's status as a badge (in Python: every card of a list shows one)."""
    return badge(capfirst(report.get_status_display()), status_tone(report.status))
