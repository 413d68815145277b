"""Staff pages. Each view asks one named permission (veche/staff/rules.py), then reads or calls a
service; templates ask the same rules for their buttons and forms."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from veche.agencies.models import Agency
from veche.core.forms import service_errors
from veche.core.http import safe_next

from . import selectors, services
from .forms import RoleAssignForm, grantable
from .models import Role, RoleAssignment
from .sections import sections_for


def _require(request: HttpRequest, perm: str, obj=None) -> None:
    if not request.user.has_perm(perm, obj):
        raise PermissionDenied


def _municipality(slug: str):
    municipality = selectors.municipality_by_slug(slug)
    if municipality is None:
        raise Http404
    return municipality


@login_required
def dashboard(request: HttpRequest) -> HttpResponse:
    _require(request, "staff.view_dashboard")
    context = {
        "workspace": selectors.workspace_for(request.user),
        "sections": sections_for(request.user),
    }
    return render(request, "staff/dashboard.html", context)


@login_required
def municipality_detail(request: HttpRequest, slug: str) -> HttpResponse:
    municipality = _municipality(slug)
    _require(request, "staff.view_municipality", municipality)
    context = {
        "municipality": municipality,
        "settlements": selectors.settlements_with_residents(municipality),
        "agencies": selectors.agencies_serving(municipality).prefetch_related("municipalities"),
        "assignments": selectors.municipality_assignments(municipality),
    }
    return render(request, "staff/municipality.html", context)


def _assign(request: HttpRequest, form: RoleAssignForm, **scope) -> bool:
    """Call the service with a valid form; put its refusal on the form. True on success."""
    if not form.is_valid():
        return False
    with service_errors(form, refusal_on_form=True):
        services.role_assign(
            actor=request.user, user=form.user, role=form.cleaned_data["role"], **scope
        )
    if form.errors:
        return False
    messages.success(
        request,
        _("%(person)s now holds the role “%(role)s”.")
        % {"person": form.user.get_full_name(), "role": Role(form.cleaned_data["role"]).label},
    )
    return True


@login_required
def municipality_staff(request: HttpRequest, slug: str) -> HttpResponse:
    municipality = _municipality(slug)
    _require(request, "staff.view_municipality", municipality)
    roles = grantable(request.user, selectors.TERRITORIAL_ROLES, municipality=municipality)
    form = RoleAssignForm(roles=roles)
    if request.method == "POST":
        _require(request, "staff.assign_roles", municipality)
        form = RoleAssignForm(request.POST, roles=roles)
        if _assign(request, form, municipality=municipality):
            return redirect("staff:municipality_staff", slug=municipality.slug)
    context = {
        "municipality": municipality,
        "assignments": selectors.municipality_assignments(municipality),
        "form": form,
    }
    return render(request, "staff/municipality_staff.html", context)


@login_required
def agency_detail(request: HttpRequest, pk: int) -> HttpResponse:
    agency = get_object_or_404(Agency.objects.select_related("administers", "region"), pk=pk)
    _require(request, "staff.view_agency", agency)
    roles = grantable(request.user, selectors.AGENCY_ROLES, agency=agency)
    form = RoleAssignForm(roles=roles)
    if request.method == "POST":
        _require(request, "staff.manage_agency_staff", agency)
        form = RoleAssignForm(request.POST, roles=roles)
        if _assign(request, form, agency=agency):
            return redirect("staff:agency", pk=agency.pk)
    context = {
        "agency": agency,
        "territory": agency.municipalities.order_by("name"),
        "assignments": selectors.agency_assignments(agency),
        "form": form,
    }
    return render(request, "staff/agency.html", context)


@require_POST
@login_required
def role_revoke(request: HttpRequest, pk: int) -> HttpResponse:
    assignment = get_object_or_404(
        RoleAssignment.objects.select_related("user", "municipality", "agency"), pk=pk
    )
    _require(request, "staff.revoke_roleassignment", assignment)
    services.role_revoke(actor=request.user, assignment=assignment)
    messages.success(
        request,
        _("%(person)s no longer holds the role “%(role)s”.")
        % {"person": assignment.user.get_full_name(), "role": assignment.get_role_display()},
    )
    return redirect(safe_next(request, "staff:dashboard"))
