"""The contact centre: an operator files a report a resident dictated by phone, on the resident's
existing account (channel "operator", filed_by = the operator)."""

import uuid

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from .. import services
from ..models import Channel
from .common import apply_service_error, denied
from .forms import OperatorReportForm


def _file(request: HttpRequest, form: OperatorReportForm):
    """Call the service with a valid form; put its refusal on the form. The report or None."""
    lat, lon = form.point()
    data = form.cleaned_data
    try:
        return services.report_submit(
            author=form.resident_user,
            topic=form.topic_obj,
            text=data["text"],
            lat=lat,
            lon=lon,
            address=data["address"],
            attributes=form.attributes(),
            media=data["media"],
            channel=Channel.OPERATOR,
            client_token=data["client_token"] or None,
            filed_by=request.user,
        )
    except PermissionDenied as error:
        form.add_error(None, str(error))
    except ValidationError as error:
        apply_service_error(form, error)
    return None


@login_required
def new_report(request: HttpRequest) -> HttpResponse:
    if not request.user.has_perm("reports.file_on_behalf"):
        return denied(request, _("Only contact-centre operators file reports for residents."))
    status = 200
    if request.method == "POST":
        form = OperatorReportForm(request.POST, request.FILES)
        if form.is_valid():
            report = _file(request, form)
            if report is not None:
                messages.success(
                    request,
                    _(
                        "Report № %(number)s is filed for %(name)s and awaits moderation. "
                        "Tell the resident its number."
                    )
                    % {"number": report.pk, "name": form.resident_user.get_full_name()},
                )
                return redirect("reports_workspace:new")
        status = 400
    else:
        # One token per blank form: a double submit or a retried POST files one report.
        form = OperatorReportForm(initial={"client_token": uuid.uuid4().hex})
    return render(request, "reports/workspace/new.html", {"form": form}, status=status)
