"""The review queue as a spreadsheet (CSV or XLSX, through `core.exports`) for a contest's
reviewers and organizers: each submitted application with its applicant, status, cost and
co-financing — no answers, files or names of residents (the group's name only). Counted
against RATE_LIMIT_EXPORT per address, like every export."""

from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _

from veche.core import ratelimit
from veche.core.exports import export_response
from veche.core.ratelimit import Rate

from .models import SOURCE_LABELS, SOURCES, Application, Contest


def columns() -> list[str]:
    return [
        _("No."),
        _("Application"),
        _("Applicant"),
        _("Municipality"),
        _("Status"),
        _("Cost, ₽"),
        *[str(SOURCE_LABELS[source]).capitalize() + ", ₽" for source in SOURCES],
        _("Revisions"),
        _("Submitted"),
    ]


def rows(contest: Contest):
    applications = (
        Application.objects.filter(contest=contest)
        .exclude(status=Application.Status.DRAFT)
        .select_related("group", "municipality")
        .order_by("submitted_at", "pk")
    )
    for application in applications.iterator(chunk_size=2000):
        yield [
            application.pk,
            application.title,
            application.group.name if application.group_id else application.get_kind_display(),
            application.municipality.name,
            application.get_status_display(),
            application.cost,
            *[getattr(application, f"amount_{source}") for source in SOURCES],
            application.revision_count,
            application.submitted_at,
        ]


def limited(request: HttpRequest) -> HttpResponse | None:
    try:
        ratelimit.reserve(
            "budgeting-export", ratelimit.client_ip(request), Rate.from_setting("RATE_LIMIT_EXPORT")
        )
    except ratelimit.Limited as refusal:
        minutes = ratelimit.minutes_to_wait(refusal.retry_after)
        response = HttpResponse(
            _("Too many exports from your address. Try again in %(minutes)s min.")
            % {"minutes": minutes},
            status=429,
            content_type="text/plain; charset=utf-8",
        )
        response["Retry-After"] = str(refusal.retry_after)
        return response
    return None


def queue_export(request: HttpRequest, contest: Contest, fmt: str) -> HttpResponse:
    if refusal := limited(request):
        return refusal
    return export_response(
        filename=f"contest-{contest.pk}-applications-{timezone.localdate():%Y-%m-%d}",
        columns=columns(),
        rows=rows(contest),
        fmt=fmt,
        sheet_title=_("Applications"),
    )
