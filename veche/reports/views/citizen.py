"""A resident's actions on a report's page: support it or take the support back (HTMX swaps the
button and the count; without JavaScript the POST redirects back) and, for the author, confirm or
dispute the answer."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from .. import services
from ..forms import ReviewForm
from ..models import Report
from .public import render_report, visible_report


def _back(request: HttpRequest, report: Report) -> HttpResponse:
    target = request.POST.get("next", "")
    if url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return redirect(target)
    return redirect("reports:detail", pk=report.pk)


@require_POST
@login_required
def support(request: HttpRequest, pk: int) -> HttpResponse:
    report = Report.objects.filter(pk=pk).first()
    if report is None or not request.user.has_perm("reports.view_report", report):
        raise Http404
    message, error = "", ""
    try:
        report, created = services.report_support(user=request.user, report=report)
    except PermissionDenied as refusal:
        error = str(refusal)
    else:
        message = (
            _("Thank you: your support is counted.")
            if created
            else _("You already support this report.")
        )
    if request.htmx:
        context = {"report": report, "supported": not error, "message": message, "error": error}
        return render(request, "reports/_support.html", context)
    if error:
        messages.error(request, error)
    else:
        messages.success(request, message)
    return _back(request, report)


@require_POST
@login_required
def support_withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    report = Report.objects.filter(pk=pk).first()
    if report is None or not request.user.has_perm("reports.view_report", report):
        raise Http404
    try:
        report, withdrawn = services.report_support_withdraw(user=request.user, report=report)
    except PermissionDenied:
        raise Http404 from None
    message = (
        _("Your support is withdrawn.") if withdrawn else _("You do not support this report.")
    )
    if request.htmx:
        context = {"report": report, "supported": False, "message": message, "error": ""}
        return render(request, "reports/_support.html", context)
    messages.success(request, message)
    return _back(request, report)


def _refused(request: HttpRequest, report: Report, reasons: list[str]) -> HttpResponse:
    for reason in reasons:
        messages.error(request, reason)
    return redirect("reports:detail", pk=report.pk)


@require_POST
@login_required
def review(request: HttpRequest, pk: int) -> HttpResponse:
    report = visible_report(request, pk)
    form = ReviewForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            if data["verdict"] == ReviewForm.CONFIRM:
                services.report_confirm(author=request.user, report=report, rating=data["rating"])
                done = _("Thank you: the report is closed with your rating.")
            else:
                services.report_dispute(
                    author=request.user, report=report, rating=data["rating"], reason=data["reason"]
                )
                done = _("The report is sent back to the agency with your objection.")
        except PermissionDenied as refusal:
            return _refused(request, report, [str(refusal)])
        except ValidationError as refusal:
            if not hasattr(refusal, "error_dict"):
                # Not about a field (the state or the author): said above the page.
                return _refused(request, report, refusal.messages)
            for field, errors in refusal.message_dict.items():
                form.add_error(field if field in form.fields else None, errors)
        else:
            messages.success(request, done)
            return redirect("reports:detail", pk=report.pk)
    return render_report(request, report, review_form=form, status=400)
