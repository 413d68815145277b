"""Following a report and attaching press coverage to it (from the report's page)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from veche.core.forms import service_errors

from .. import services
from ..engagement_forms import PressLinkForm
from ..models import PressLink
from .public import render_report, visible_report


@require_POST
@login_required
def follow(request: HttpRequest, pk: int) -> HttpResponse:
    report = visible_report(request, pk)
    if services.report_follow(user=request.user, report=report):
        messages.success(request, _("You follow this report: we will tell you of its news."))
    return redirect("reports:detail", pk=report.pk)


@require_POST
@login_required
def unfollow(request: HttpRequest, pk: int) -> HttpResponse:
    report = visible_report(request, pk)
    if services.report_unfollow(user=request.user, report=report):
        messages.success(request, _("You no longer follow this report."))
    return redirect("reports:detail", pk=report.pk)


@require_POST
@login_required
def press_add(request: HttpRequest, pk: int) -> HttpResponse:
    report = visible_report(request, pk)
    form = PressLinkForm(request.POST)
    if form.is_valid():
        with service_errors(form):
            services.report_add_press_link(user=request.user, report=report, **form.cleaned_data)
        if not form.errors:
            messages.success(request, _("The publication is attached; the agency is told."))
            return redirect("reports:detail", pk=report.pk)
    return render_report(request, report, press_form=form, status=400)


@require_POST
@login_required
def press_remove(request: HttpRequest, pk: int, link_pk: int) -> HttpResponse:
    report = visible_report(request, pk)
    link = get_object_or_404(PressLink, pk=link_pk, report=report)
    services.report_remove_press_link(user=request.user, link=link)
    messages.success(request, _("The publication is removed."))
    return redirect("reports:detail", pk=report.pk)
