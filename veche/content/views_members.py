"""The editors' open-government page: the municipalities the user keeps, each with its part in
open government, and one form to add, change or remove a municipality's membership. Plain POST
forms; every change goes through one service (audited, recorded as an event)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from veche.core import ratelimit
from veche.core.forms import error_text, service_errors
from veche.territory.models import Municipality

from . import selectors, services
from .forms import MemberForm
from .models import OpenGovernmentMember
from .services.members import NOT_MEMBER_KEEPER
from .throttle import edit_slot
from .views_work import KINDS, _require_work

TOO_MANY = gettext_lazy("Too many changes in a short time. Try again in a few minutes.")


@login_required
def members(request: HttpRequest) -> HttpResponse:
    _require_work(request)
    region, ids = selectors.kept_scope(request.user)
    rows = [row for row in selectors.open_government() if region or row["municipality"].pk in ids]
    context = {"kinds": KINDS.values(), "rows": rows}
    return render(request, "content/work/members.html", context)


def _municipality(request: HttpRequest, pk: int) -> Municipality:
    municipality = get_object_or_404(Municipality.objects.select_related("open_government"), pk=pk)
    if not request.user.has_perm("content.change_member", municipality):
        raise PermissionDenied(str(NOT_MEMBER_KEEPER))
    return municipality


@login_required
def member_edit(request: HttpRequest, pk: int) -> HttpResponse:
    municipality = _municipality(request, pk)
    member = getattr(municipality, "open_government", None)
    initial = {"joined_on": member.joined_on, "practices": member.practices} if member else None
    form = MemberForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            with edit_slot(request.user), service_errors(form, refusal_on_form=True):
                services.member_save(
                    actor=request.user, municipality=municipality, **form.cleaned_data
                )
        except ratelimit.Limited:
            form.add_error(None, TOO_MANY)
        if not form.errors:
            messages.success(request, _("Saved."))
            return redirect("content:members")
    context = {"municipality": municipality, "member": member, "form": form}
    status = 400 if form.is_bound and form.errors else 200
    return render(request, "content/work/member_form.html", context, status=status)


@login_required
@require_POST
def member_remove(request: HttpRequest, pk: int) -> HttpResponse:
    municipality = _municipality(request, pk)
    member = get_object_or_404(OpenGovernmentMember, municipality=municipality)
    try:
        with edit_slot(request.user):
            services.member_remove(actor=request.user, member=member)
    except ratelimit.Limited:
        messages.error(request, TOO_MANY)
        return redirect("content:member", pk)
    except PermissionDenied as error:
        messages.error(request, error_text(error))
        return redirect("content:member", pk)
    messages.success(
        request, _("%(name)s no longer takes part in open government.") % {"name": municipality}
    )
    return redirect("content:members")
