"""Applying to the individuals' grants contest: one form (a plain POST, no JavaScript); the age,
the residence and the contest's stage are the service's to check."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from veche.core import ratelimit
from veche.core.forms import service_errors

from . import services
from .forms import GrantForm
from .models import GrantContest
from .throttle import registry_slot


@login_required
@require_http_methods(["GET", "POST"])
def apply(request: HttpRequest, pk: int) -> HttpResponse:
    grant_contest = get_object_or_404(GrantContest.objects.select_related("contest"), pk=pk)
    form = GrantForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            with registry_slot(request.user), service_errors(form, refusal_on_form=True):
                entry = services.grant_apply(
                    user=request.user, grant_contest=grant_contest, **form.cleaned_data
                )
        except ratelimit.Limited:
            form.add_error(None, _("Too many changes in a short time. Try again later."))
        if not form.errors:
            messages.success(
                request,
                _("Your application is started; its project collects capital until %(date)s.")
                % {"date": grant_contest.public_until.strftime("%d.%m.%Y")},
            )
            return redirect(entry.project)
    status = 400 if form.errors else 200
    context = {"form": form, "grant_contest": grant_contest}
    return render(request, "community/grant_apply.html", context, status=status)
