"""The final report: its page (and a printable copy), XLSX and PDF. Shown to everyone once
published, to the organizers before. Only published comments reach it: a removed proposal's
text never does."""

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from veche.core.exports import export_response

from .. import selectors
from ..models import Outcome
from ..pdf import report_pdf
from .public import visible_draft


def _report(request: HttpRequest, pk: int) -> selectors.Report:
    draft = visible_draft(request, pk)
    if not request.user.has_perm("discussions.view_report", draft):
        raise PermissionDenied(_("The final report of this discussion is not published yet."))
    return selectors.report(draft)


@require_GET
def report_page(request: HttpRequest, pk: int) -> HttpResponse:
    report = _report(request, pk)
    return render(
        request,
        "discussions/report.html",
        {"draft": report.draft, "report": report, "outcome_labels": dict(Outcome.choices)},
    )


@require_GET
def report_print(request: HttpRequest, pk: int) -> HttpResponse:
    report = _report(request, pk)
    return render(
        request, "discussions/report_print.html", {"draft": report.draft, "report": report}
    )


@require_GET
def report_xlsx(request: HttpRequest, pk: int):
    report = _report(request, pk)
    labels = dict(Outcome.choices)
    rows = (
        (
            number,
            p.section.heading if p.section else _("the draft as a whole"),
            p.comment.author.public_name,
            p.passage,
            p.wording,
            p.comment.text,
            labels.get(p.outcome, ""),
            p.reason,
        )
        for number, p in enumerate(report.proposals, start=1)
    )
    return export_response(
        request,
        filename=f"discussion-{report.draft.pk}-report",
        columns=[
            _("No."),
            _("Section"),
            _("Author"),
            _("Passage"),
            _("Proposed wording"),
            _("Comment"),
            _("Answer"),
            _("Reason"),
        ],
        rows=rows,
        fmt="xlsx",
        sheet_title=_("Proposals"),
    )


@require_GET
def report_pdf_view(request: HttpRequest, pk: int) -> HttpResponse:
    report = _report(request, pk)
    response = HttpResponse(report_pdf(report), content_type="application/pdf")
    response["Content-Disposition"] = (
        f'attachment; filename="discussion-{report.draft.pk}-report.pdf"'
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response
