"""Staff pages of voting points: the list of my territory's points, a point's form, its staff.
Each view asks one named permission (rules.py) and calls one service; the posts are rate-limited
per staff member (RATE_LIMIT_VOTING_POINTS). Plain forms: everything works without JavaScript."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from veche.accounts.models import User
from veche.core import ratelimit
from veche.core.forms import error_text, service_errors

from . import selectors, services
from .forms import MemberGrantForm, VotingPointCreateForm, VotingPointForm
from .models import VotingPoint


def _require(request: HttpRequest, perm: str, obj=None) -> None:
    if not request.user.has_perm(perm, obj):
        raise PermissionDenied


def _over_limit(request: HttpRequest) -> str:
    """Count one write of this staff member; the message to show when over the limit."""
    rate = ratelimit.Rate.from_setting("RATE_LIMIT_VOTING_POINTS")
    try:
        ratelimit.reserve("voting-points", str(request.user.pk), rate)
    except ratelimit.Limited as limited:
        return _("Too many changes in a row. Try again in %(minutes)s min.") % {
            "minutes": ratelimit.minutes_to_wait(limited.retry_after)
        }
    return ""


def _point(pk: int) -> VotingPoint:
    return get_object_or_404(VotingPoint.objects.select_related("municipality"), pk=pk)


@login_required
def point_list(request: HttpRequest) -> HttpResponse:
    _require(request, "voting.view_votingpoint")
    return render(request, "voting/points.html", {"points": selectors.points_for(request.user)})


@login_required
def point_create(request: HttpRequest) -> HttpResponse:
    _require(request, "voting.add_votingpoint")
    municipalities = selectors.manageable_municipalities(request.user)
    form = VotingPointCreateForm(municipalities=municipalities)
    limited = ""
    if request.method == "POST":
        form = VotingPointCreateForm(request.POST, municipalities=municipalities)
        if form.is_valid() and not (limited := _over_limit(request)):
            with service_errors(form, refusal_on_form=True):
                point = services.voting_point_create(actor=request.user, **form.cleaned_data)
            if not form.errors:
                added = _("The voting point is added: %(title)s.") % {"title": point.title}
                messages.success(request, added)
                return redirect("voting:members", pk=point.pk)
    context = {"form": form, "limited": limited, "point": None}
    return render(request, "voting/point_form.html", context)


@login_required
def point_edit(request: HttpRequest, pk: int) -> HttpResponse:
    point = _point(pk)
    _require(request, "voting.change_votingpoint", point)
    initial = {f: getattr(point, f) for f in ("title", "address", "note", "is_active")}
    form = VotingPointForm(initial=initial)
    limited = ""
    if request.method == "POST":
        form = VotingPointForm(request.POST)
        if form.is_valid() and not (limited := _over_limit(request)):
            with service_errors(form, refusal_on_form=True):
                services.voting_point_update(actor=request.user, point=point, **form.cleaned_data)
            if not form.errors:
                messages.success(request, _("The voting point is saved."))
                return redirect("voting:points")
    context = {"form": form, "limited": limited, "point": point}
    return render(request, "voting/point_form.html", context)


@login_required
def point_members(request: HttpRequest, pk: int) -> HttpResponse:
    point = _point(pk)
    _require(request, "voting.manage_votingpoint_members", point)
    form = MemberGrantForm()
    limited = ""
    if request.method == "POST":
        form = MemberGrantForm(request.POST)
        if form.is_valid() and not (limited := _over_limit(request)):
            with service_errors(form, refusal_on_form=True, fields={"user": "email"}):
                services.voting_point_member_grant(actor=request.user, point=point, user=form.user)
            if not form.errors:
                person = form.user.get_full_name()
                granted = _("%(person)s now enters ballots at this point.") % {"person": person}
                messages.success(request, granted)
                return redirect("voting:members", pk=point.pk)
    context = {
        "point": point,
        "members": selectors.point_members(point),
        "form": form,
        "limited": limited,
    }
    return render(request, "voting/point_members.html", context)


@require_POST
@login_required
def member_revoke(request: HttpRequest, pk: int, user_pk: int) -> HttpResponse:
    point = _point(pk)
    _require(request, "voting.manage_votingpoint_members", point)
    user = get_object_or_404(User, pk=user_pk)
    if limited := _over_limit(request):
        messages.error(request, limited)
        return redirect("voting:members", pk=point.pk)
    try:
        services.voting_point_member_revoke(actor=request.user, point=point, user=user)
    except (PermissionDenied, ValidationError) as refusal:
        messages.error(request, error_text(refusal))
    else:
        revoked = _("%(person)s no longer enters ballots at this point.")
        messages.success(request, revoked % {"person": user.get_full_name()})
    return redirect("voting:members", pk=point.pk)
