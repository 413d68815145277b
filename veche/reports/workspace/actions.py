"""One small view per action on a report: parse the form, call ONE service, and redirect back to
the report's page — with a success message, or with the failed form kept for that page to show
(post/redirect/get: the address bar never holds a URL that only answers POST; a GET of an
action's URL leads to the report's page).

Only staff who may see the report reach the service (403 otherwise); the service itself checks
the action's own rule and the report's state, so a refused action changes nothing.
"""

from collections.abc import Callable

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _

from veche.core.formats import local_datetime
from veche.core.forms import apply_service_errors

from .. import services
from ..models import Report
from ..wording import agency_to
from . import forms as staff_forms
from .common import keep_failed_form, staff_report

# A service call: (user, report, cleaned data) → the success message.
Call = Callable[[object, Report, dict], str]


def _run(
    request: HttpRequest, pk: int, form_class: type[staff_forms.ActionForm], call: Call
) -> HttpResponse:
    report = staff_report(request, pk)
    form = form_class(request.POST, request.FILES, report=report)
    if form.is_valid():
        # A PermissionDenied (not this user's action) propagates to the 403 page: nothing on the
        # form to correct.
        try:
            message = call(request.user, report, form.cleaned_data)
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            messages.success(request, message)
            return redirect("reports_workspace:report", pk=report.pk)
    keep_failed_form(request, report, form)
    return redirect("reports_workspace:report", pk=report.pk)


def _action(form_class: type[staff_forms.ActionForm]):
    """Make a login-only view of `call` with its form; a GET (a reload, a bookmark) leads to the
    report's page."""

    def decorator(call: Call):
        @login_required
        def view(request: HttpRequest, pk: int) -> HttpResponse:
            if request.method != "POST":
                return redirect("reports_workspace:report", pk=pk)
            return _run(request, pk, form_class, call)

        view.__name__ = call.__name__
        view.__doc__ = call.__doc__
        return view

    return decorator


# --- Moderation ------------------------------------------------------------------------------


@_action(staff_forms.PublishForm)
def publish(user, report: Report, data: dict) -> str:
    report = services.report_publish(moderator=user, report=report)
    return _(
        "Report № %(number)s is published and sent to %(agency)s; the answer is due %(due)s."
    ) % {
        "number": report.pk,
        "agency": agency_to(report.agency),
        "due": local_datetime(report.due_at),
    }


@_action(staff_forms.RejectForm)
def reject(user, report: Report, data: dict) -> str:
    services.report_reject(
        moderator=user, report=report, reason=data["reason"], comment=data["comment"]
    )
    return _("Report № %(number)s is rejected.") % {"number": report.pk}


@_action(staff_forms.RedactForm)
def redact(user, report: Report, data: dict) -> str:
    services.report_redact(
        moderator=user, report=report, text=data["text"], address=data["address"]
    )
    return _("The text of report № %(number)s is changed; its timeline says so.") % {
        "number": report.pk
    }


@_action(staff_forms.DuplicateForm)
def duplicate(user, report: Report, data: dict) -> str:
    services.report_mark_duplicate(moderator=user, report=report, original=data["original"])
    return _("Report № %(number)s is merged into report № %(original)s.") % {
        "number": report.pk,
        "original": data["original"].pk,
    }


@_action(staff_forms.RerouteForm)
def reroute(user, report: Report, data: dict) -> str:
    report = services.report_reroute(moderator=user, report=report, agency=data["agency"])
    return _("Report № %(number)s is sent to %(agency)s; the answer is due %(due)s.") % {
        "number": report.pk,
        "agency": agency_to(report.agency),
        "due": local_datetime(report.due_at),
    }


# --- The agency ------------------------------------------------------------------------------


@_action(staff_forms.TakeForm)
def take(user, report: Report, data: dict) -> str:
    services.report_take_into_work(official=user, report=report)
    return _("Report № %(number)s is taken into work.") % {"number": report.pk}


@_action(staff_forms.AnswerForm)
def answer(user, report: Report, data: dict) -> str:
    services.report_answer(
        official=user,
        report=report,
        kind=data["kind"],
        text=data["text"],
        planned_date=data["planned_date"],
        files=data["files"],
    )
    return _("The answer to report № %(number)s is sent to its author.") % {"number": report.pk}


@_action(staff_forms.ExtendForm)
def extend(user, report: Report, data: dict) -> str:
    report = services.report_extend_deadline(official=user, report=report, reason=data["reason"])
    return _("The deadline of report № %(number)s is extended to %(due)s.") % {
        "number": report.pk,
        "due": local_datetime(report.due_at),
    }


@_action(staff_forms.DeclineForm)
def decline(user, report: Report, data: dict) -> str:
    services.report_decline(official=user, report=report, reason=data["reason"])
    return _("Report № %(number)s is returned to the moderators.") % {"number": report.pk}


@_action(staff_forms.ReassignForm)
def reassign(user, report: Report, data: dict) -> str:
    services.report_request_reassignment(official=user, report=report, reason=data["reason"])
    return _("The moderators are asked to reassign report № %(number)s.") % {"number": report.pk}


@_action(staff_forms.NoteForm)
def note(user, report: Report, data: dict) -> str:
    services.report_add_note(official=user, report=report, text=data["text"])
    return _("The internal note is added to report № %(number)s.") % {"number": report.pk}
