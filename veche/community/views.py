"""A community project's page: the goal, what is collected, the backers, and the form that
gives virtual capital (a POST form, no JavaScript); the list of projects collecting."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from veche.core import ratelimit
from veche.core.forms import service_errors
from veche.ledger.models import Currency, Kind
from veche.ledger.selectors import balance_of

from . import selectors, services
from .forms import GiveForm
from .models import LinkKind, Project
from .registry_views import _list
from .throttle import give_slot


@require_GET
def project_list(request: HttpRequest) -> HttpResponse:
    """The registry of projects: collecting now by default, or all of them."""
    return _list(
        request,
        template="community/list.html",
        selector=selectors.projects,
        kinds=[("open", _("collecting now")), ("all", _("all projects"))],
        verified=False,
        default_kind="open",
    )


@require_GET
def project_detail(request: HttpRequest, pk: int) -> HttpResponse:
    project = get_object_or_404(
        Project.objects.select_related("owner", "organization", "activist", "municipality"), pk=pk
    )
    return render(request, "community/project.html", _context(request, project, GiveForm()))


def _context(request, project, form) -> dict:
    user = request.user
    return {
        "project": project,
        "form": form,
        "may_give": user.has_perm("community.give_capital", project),
        "balance": balance_of(currency=Currency.CAPITAL, kind=Kind.PERSONAL, owner=user)
        if user.is_authenticated
        else 0,
        "share": round(100 * project.collected / project.goal) if project.goal else 0,
        "partners": selectors.partners(LinkKind.PROJECT, project.pk),
        "news": selectors.news_of(LinkKind.PROJECT, project.pk),
    }


@login_required
@require_POST
def project_give(request: HttpRequest, pk: int) -> HttpResponse:
    project = get_object_or_404(Project, pk=pk)
    form = GiveForm(request.POST)
    if form.is_valid():
        try:
            with give_slot(request.user), service_errors(form, refusal_on_form=True):
                services.capital_give(
                    user=request.user, project=project, amount=form.cleaned_data["amount"]
                )
        except ratelimit.Limited:
            form.add_error(None, _("Too many gifts in a short time. Try again later."))
        if not form.errors:
            messages.success(
                request,
                _("Thank you: %(amount)s of virtual capital went to the project.")
                % {"amount": form.cleaned_data["amount"]},
            )
            return redirect(project)
    project.refresh_from_db()
    return render(request, "community/project.html", _context(request, project, form), status=400)
