"""A resident's actions on a report's page: support it or take the support back (HTMX swaps the
button and the count; without JavaScript the POST redirects back) and, for the author, confirm or
dispute the answer."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from veche.core.forms import apply_service_errors, error_text, refusal_message
from veche.core.http import safe_next

from .. import services
from ..forms import ReviewForm
from ..models import Report
from .public import render_report, visible_report


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
        error = refusal_message(refusal)
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
    return redirect(safe_next(request, reverse("reports:detail", args=[report.pk])))


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
    message = _("Your support is withdrawn.") if withdrawn else _("You do not support this report.")
    if request.htmx:
        context = {"report": report, "supported": False, "message": message, "error": ""}
        return render(request, "reports/_support.html", context)
    messages.success(request, message)
    return redirect(safe_next(request, reverse("reports:detail", args=[report.pk])))


def _refused(request: HttpRequest, report: Report, reason: str) -> HttpResponse:
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
        except (PermissionDenied, ValidationError) as refusal:
            if not hasattr(refusal, "error_dict"):
                # Not about a field (the state or the author): said above the page.
                return _refused(request, report, error_text(refusal))
            apply_service_errors(form, refusal)
        else:
            messages.success(request, done)
            return redirect("reports:detail", pk=report.pk)
    return render_report(request, report, review_form=form, status=400)
