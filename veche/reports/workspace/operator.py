"""The contact centre: an operator files a report a caller dictated by phone, on his account or on
a new one made for him without a password (channel "operator", filed_by = the operator)."""

import uuid

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from veche.core.forms import service_errors
from veche.territory.maps import map_settings, place_bounds

from .. import services
from ..wording import agency_to
from .forms import OperatorReportForm


def _file(request: HttpRequest, form: OperatorReportForm):
    """Call the service with a valid form; put its refusal on the form. (report, created) or
    None."""
    lat, lon = form.point()
    data = form.cleaned_data
    with service_errors(
        form, refusal_on_form=True, fields={"email": "resident", "phone": "resident"}
    ):
        return services.report_file_for_caller(
            operator=request.user,
            caller=form.resident_user,
            **form.new_account_contact(),
            topic=form.topic_obj,
            text=data["text"],
            lat=lat,
            lon=lon,
            address=data["address"],
            attributes=form.attributes(),
            media=data["media"],
            client_token=data["client_token"] or None,
        )
    return None


@login_required
def new_report(request: HttpRequest) -> HttpResponse:
    if not request.user.has_perm("reports.file_on_behalf"):
        raise PermissionDenied(_("Only contact-centre operators file reports for residents."))
    status = 200
    if request.method == "POST":
        form = OperatorReportForm(request.POST, request.FILES)
        if form.is_valid():
            filed = _file(request, form)
            if filed is not None:
                report, created = filed
                message = (
                    _(  # OPERATOR_FILINGS_SKIP_MODERATION: published and routed at once
                        "Report № %(number)s is filed for %(name)s and sent to %(agency)s. "
                        "Tell the resident its number."
                    )
                    if report.is_public
                    else _(
                        "Report № %(number)s is filed for %(name)s and awaits moderation. "
                        "Tell the resident its number."
                    )
                )
                if created:
                    message += " " + _(
                        "An account is made for the caller; he is told by SMS or e-mail how to "
                        "find the report."
                    )
                name = report.author.get_full_name()
                agency = agency_to(report.agency) if report.agency_id else ""
                messages.success(
                    request, message % {"number": report.pk, "name": name, "agency": agency}
                )
                return redirect("reports_workspace:new")
        status = 400
    else:
        # One token per blank form: a double submit or a retried POST files one report.
        form = OperatorReportForm(initial={"client_token": uuid.uuid4().hex})
    context = {"form": form, "map": map_settings(), "bounds": place_bounds(None)}
    return render(request, "reports/workspace/new.html", context, status=status)
