"""Shared steps of the workspace views: find a report the user may see as staff, build its page
with all the action forms."""

from django import forms
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from veche.accounts.phones import format_phone

from .. import workspace_selectors
from ..models import Answer, Report, Status
from ..selectors import is_overdue, staff_timeline
from ..transitions import available_actions
from . import forms as staff_forms


def staff_report(request: HttpRequest, pk: int) -> Report:
    """The report as staff see it; PermissionDenied (the 403 page) when the user is not staff
    on it."""
    try:
        report = workspace_selectors.workspace_report(pk)
    except Report.DoesNotExist as error:
        raise Http404 from error
    if not request.user.has_perm("reports.view_internal", report):
        raise PermissionDenied(
            _(
                "You cannot open this report: it is neither in the territory you moderate nor "
                "routed to your agency."
            )
        )
    return report


ACTION_FORMS = [
    staff_forms.PublishForm,
    staff_forms.RejectForm,
    staff_forms.RedactForm,
    staff_forms.DuplicateForm,
    staff_forms.RerouteForm,
    staff_forms.TakeForm,
    staff_forms.AnswerForm,
    staff_forms.ExtendForm,
    staff_forms.DeclineForm,
    staff_forms.ReassignForm,
    staff_forms.NoteForm,
]


def _forms(report: Report) -> dict[str, forms.Form]:
    """Every action form of the page, unbound; the redaction form starts from the current text."""
    initial = {"text": report.text, "address": report.address}
    return {
        f"{form.prefix_id}_form": form(
            report=report, initial=initial if form is staff_forms.RedactForm else None
        )
        for form in ACTION_FORMS
    }


def render_report(
    request: HttpRequest,
    report: Report,
    *,
    failed: staff_forms.ActionForm | None = None,
    status: int = 200,
) -> HttpResponse:
    """The report's workspace page; `failed` is the bound form of an action that was refused.

    The page offers the actions the table of transitions allows this user now (`actions`)."""
    actions = available_actions(request.user, report)
    context = {
        "report": report,
        "timeline": staff_timeline(report),
        "overdue": is_overdue(report),
        "actions": actions,
        "attribute_answers": workspace_selectors.attribute_answers(report),
        "Status": Status,
        "AnswerKind": Answer.Kind,
        "failed_form": failed,
        "author_phone": format_phone(report.author.phone or ""),
        **_forms(report),
    }
    if failed is not None:
        context[f"{failed.prefix_id}_form"] = failed
    # Reads only moderators' forms need: where publishing sends it, likely originals.
    if "publish" in actions:
        context["preview"] = workspace_selectors.route_preview(report)
    if "merge" in actions:
        context["candidates"] = workspace_selectors.duplicate_candidates(report)
    return render(request, "reports/workspace/report.html", context, status=status)
