"""Applying to the individuals' grants contest: one form (a plain POST, no JavaScript); the age,
the residence and the contest's stage are the service's to check."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from veche.core import ratelimit
from veche.core.forms import service_errors

from . import selectors, services
from .forms import GrantForm
from .models import Direction, GrantContest
from .throttle import registry_slot

PER_PAGE = 20


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


@require_GET
def contest(request: HttpRequest, pk: int) -> HttpResponse:
    """The grants contest's public page: its terms, totals and the applicants' projects
    collecting capital, the most backed first."""
    try:
        grant_contest = selectors.grant_contest_page(pk)
    except GrantContest.DoesNotExist:
        raise Http404 from None
    page = Paginator(selectors.grant_projects(grant_contest), PER_PAGE).get_page(
        request.GET.get("page")
    )
    context = {
        "grant_contest": grant_contest,
        "figures": selectors.grant_figures(grant_contest),
        "page": page,
        "directions": len(Direction.choices),
        "public_open": grant_contest.public_until >= timezone.localdate(),
    }
    return render(request, "community/grants.html", context)
