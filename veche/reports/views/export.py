"""The list of reports as a spreadsheet: CSV or XLSX, filtered as the list is, with the columns a
resident sees on the list page (no author, no contact). At most EXPORT_LIMIT rows; past that the
last row says the file is cut and the page says it before the download. Rate-limited per client
address (RATE_LIMIT_EXPORT): a heavy read. Written by the shared `core.exports` (to disk first,
then streamed; an error is an error, never a cut file)."""

from collections.abc import Iterator

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from veche.core import ratelimit
from veche.core.exports import export_response
from veche.core.ratelimit import Rate

from .. import selectors
from ..forms import ReportFilters
from ..models import Report
from .public import EXPORT_LIMIT


def columns() -> list[str]:
    return [
        _("Number"),
        _("Link"),
        _("Status"),
        _("Category"),
        _("Topic"),
        _("Municipality"),
        _("Agency"),
        _("Filed"),
        _("Answer due"),
        _("Supports"),
        _("Text"),
    ]


def row(report: Report, site: str) -> list:
    local = timezone.localtime
    return [
        report.pk,
        site + reverse("reports:detail", args=[report.pk]),
        str(report.get_status_display()),
        report.topic.category.name,
        report.topic.name,
        report.municipality.name,
        report.agency.name if report.agency else "",
        local(report.created_at).strftime("%Y-%m-%d %H:%M"),
        local(report.due_at).strftime("%Y-%m-%d") if report.due_at else "",
        report.support_count,
        report.text,
    ]


def export_rows(request: HttpRequest) -> Iterator[list]:
    """The filtered reports (at most EXPORT_LIMIT) and, when cut, a closing note."""
    filters = ReportFilters(request.GET).filters()
    reports = selectors.report_list(**filters)[: EXPORT_LIMIT + 1]
    site = settings.SITE_URL.rstrip("/")
    for index, report in enumerate(reports.iterator(chunk_size=1000)):
        if index == EXPORT_LIMIT:
            yield [truncated_message()]
            return
        yield row(report, site)


def truncated_message() -> str:
    return _(
        "Only the first %(limit)s reports are exported: narrow the filters to get the rest."
    ) % {"limit": EXPORT_LIMIT}


def _limited(request: HttpRequest) -> HttpResponse | None:
    """A 429 with the wait when this address exports too often, else None (one export counted)."""
    rate = Rate.from_setting("RATE_LIMIT_EXPORT")
    try:
        ratelimit.reserve("reports-export", ratelimit.client_ip(request), rate)
    except ratelimit.Limited as limited:
        minutes = ratelimit.minutes_to_wait(limited.retry_after)
        message = _("Too many exports from your address. Try again in %(minutes)s min.") % {
            "minutes": minutes
        }
        response = HttpResponse(message, status=429, content_type="text/plain; charset=utf-8")
        response["Retry-After"] = str(limited.retry_after)
        return response
    return None


def _export(request: HttpRequest, fmt: str) -> HttpResponse:
    if refusal := _limited(request):
        return refusal
    return export_response(
        filename=f"reports-{timezone.localdate():%Y-%m-%d}",
        columns=columns(),
        rows=export_rows(request),
        fmt=fmt,
        sheet_title=_("Reports"),
    )


@require_GET
def export_csv(request: HttpRequest) -> HttpResponse:
    return _export(request, "csv")


@require_GET
def export_xlsx(request: HttpRequest) -> HttpResponse:
    return _export(request, "xlsx")
