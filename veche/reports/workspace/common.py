"""Shared steps of the workspace views: find a report the user may see as staff, build its page
with all the action forms."""

from django import forms
from django.core.exceptions import PermissionDenied, ValidationError
from django.forms.utils import ErrorDict, ErrorList
from django.http import Http404, HttpRequest, HttpResponse, QueryDict
from django.shortcuts import render
from django.utils.translation import gettext as _

from veche.accounts.phones import format_phone
from veche.territory.maps import map_settings

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


FAILED_KEY = "reports_workspace_failed"
FORMS_BY_PREFIX = {form.prefix_id: form for form in ACTION_FORMS}


def keep_failed_form(request: HttpRequest, report: Report, form: staff_forms.ActionForm) -> None:
    """Remember a failed action's input and errors for the report page the user is sent back to
    (files cannot be kept: the page asks for them again)."""
    data = {key: request.POST.getlist(key) for key in request.POST if key != "csrfmiddlewaretoken"}
    request.session[FAILED_KEY] = {
        "report": report.pk,
        "form": form.prefix_id,
        "data": data,
        "errors": form.errors.get_json_data(),
    }


def _failed_form(request: HttpRequest, report: Report) -> staff_forms.ActionForm | None:
    """The failed form kept for this report, shown once (a reload shows the clean page)."""
    kept = request.session.get(FAILED_KEY)
    if not kept or kept.get("report") != report.pk or kept.get("form") not in FORMS_BY_PREFIX:
        return None
    del request.session[FAILED_KEY]
    data = QueryDict(mutable=True)
    for key, values in kept["data"].items():
        data.setlist(key, values)
    form = FORMS_BY_PREFIX[kept["form"]](data, report=report)
    form._errors = ErrorDict(
        {
            field: ErrorList(
                [ValidationError(e["message"], code=e["code"]) for e in errors],
                error_class="nonfield" if field == "__all__" else None,
            )
            for field, errors in kept["errors"].items()
        }
    )
    return form


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
    status: int = 200,
) -> HttpResponse:
    """The report's workspace page, with the form of an action that just failed (kept in the
    session by `keep_failed_form`) showing its input and errors.

    The page offers the actions the table of transitions allows this user now (`actions`)."""
    failed = _failed_form(request, report)
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
        "map": map_settings(),
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
