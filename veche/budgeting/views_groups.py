"""Initiative groups: creating one, its workspace, invitations (and accepting one), linking its
idea, starting an application, handing over the lead. Each post calls ONE service."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from veche.core import ratelimit
from veche.core.forms import error_text, service_errors

from . import selectors
from .application_forms import (
    GroupForm,
    IdeaForm,
    InviteForm,
    LeaderForm,
    StartForm,
)
from .models import Application, InitiativeGroup
from .services import applications as service
from .services.groups import (
    group_create,
    group_hand_over,
    group_invite,
    group_link_idea,
    invitation_accept,
    member_ideas,
)
from .throttle import invite_slot
from .views_applications import _limited, _run

# --- Groups -------------------------------------------------------------------------------------


@login_required
def group_new(request: HttpRequest) -> HttpResponse:
    form = GroupForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        group = _run(
            request,
            form,
            lambda: group_create(
                user=request.user,
                name=form.cleaned_data["name"],
                municipality=form.cleaned_data["municipality"],
            ),
        )
        if not form.errors:
            messages.success(request, _("The group is created: invite its members."))
            return redirect(group)
    status = 400 if form.is_bound and form.errors else 200
    return render(request, "budgeting/group_form.html", {"form": form}, status=status)


def _group(request: HttpRequest, pk: int) -> InitiativeGroup:
    group = get_object_or_404(InitiativeGroup.objects.select_related("municipality"), pk=pk)
    if not request.user.has_perm("budgeting.view_group", group):
        raise Http404
    return group


def _open_contests_for(group: InitiativeGroup):
    return selectors.open_contests(kind="group", municipality=group.municipality)


@login_required
def group_detail(
    request: HttpRequest, pk: int, *, invite_form=None, start_form=None, idea_form=None, status=200
):
    group = _group(request, pk)
    initial = {"title": group.idea.title} if group.idea_id else None
    context = {
        "group": group,
        "members": group.members.select_related("user").order_by("joined_at"),
        "invitations": group.invitations.filter(accepted_at__isnull=True).order_by("-pk")
        if request.user.has_perm("budgeting.invite_to_group", group)
        else [],
        "applications": group.applications.select_related("contest").order_by("-pk"),
        "invite_form": invite_form or InviteForm(),
        "start_form": start_form or StartForm(contests=_open_contests_for(group), initial=initial),
        "idea_form": idea_form or IdeaForm(ideas=member_ideas(group)),
        "can_invite": request.user.has_perm("budgeting.invite_to_group", group),
        "can_hand_over": request.user.has_perm("budgeting.hand_over_group", group),
    }
    return render(request, "budgeting/group.html", context, status=status)


@login_required
@require_POST
def group_invite_view(request: HttpRequest, pk: int) -> HttpResponse:
    group = _group(request, pk)
    form = InviteForm(request.POST)
    if form.is_valid():
        invitation = None
        try:
            with invite_slot(request.user), service_errors(form, refusal_on_form=True):
                invitation = group_invite(
                    user=request.user, group=group, email=form.cleaned_data["email"]
                )
        except ratelimit.Limited:
            _limited(form)
        if not form.errors:
            if invitation.email:
                messages.success(request, _("The invitation is sent."))
            else:
                messages.success(request, _("The invitation link is ready: pass it on."))
            return redirect(group)
    return group_detail(request, pk, invite_form=form, status=400)


@login_required
@require_POST
def group_apply(request: HttpRequest, pk: int) -> HttpResponse:
    group = _group(request, pk)
    form = StartForm(request.POST, contests=_open_contests_for(group))
    if form.is_valid():
        application = _run(
            request,
            form,
            lambda: service.application_start(
                user=request.user,
                contest=form.cleaned_data["contest"],
                kind=Application.Kind.GROUP,
                group=group,
                title=form.cleaned_data["title"],
            ),
        )
        if not form.errors:
            messages.success(request, _("The application is started: fill it in."))
            return redirect("budgeting:application_edit", pk=application.pk)
    return group_detail(request, pk, start_form=form, status=400)


@login_required
@require_POST
def group_idea(request: HttpRequest, pk: int) -> HttpResponse:
    group = _group(request, pk)
    form = IdeaForm(request.POST, ideas=member_ideas(group))
    if form.is_valid():
        _run(
            request,
            form,
            lambda: group_link_idea(user=request.user, group=group, idea=form.cleaned_data["idea"]),
        )
        if not form.errors:
            messages.success(request, _("The idea is the group's now."))
            return redirect(group)
    return group_detail(request, pk, idea_form=form, status=400)


@login_required
def group_leader(request: HttpRequest, pk: int) -> HttpResponse:
    """Hand the group's lead to another member (its leader only)."""
    group = _group(request, pk)
    if not request.user.has_perm("budgeting.hand_over_group", group):
        raise PermissionDenied(_("Only the group's leader hands over."))
    form = LeaderForm(request.POST or None, group=group)
    if request.method == "POST" and form.is_valid():
        member = form.cleaned_data["member"]
        _run(request, form, lambda: group_hand_over(user=request.user, group=group, member=member))
        if not form.errors:
            messages.success(
                request,
                _("%(name)s leads the group now.") % {"name": member.public_name},
            )
            return redirect(group)
    status = 400 if form.is_bound and form.errors else 200
    context = {"group": group, "form": form}
    return render(request, "budgeting/group_leader.html", context, status=status)


def invitation(request: HttpRequest, token: str) -> HttpResponse:
    found = get_object_or_404(
        selectors.invitation_with_group(), token=token, accepted_at__isnull=True
    )
    if request.method == "POST" and request.user.is_authenticated:
        try:
            invitation_accept(user=request.user, token=token)
        except (ValidationError, PermissionDenied) as error:
            messages.error(request, error_text(error))
            return redirect("budgeting:invitation", token=token)
        messages.success(request, _("You have joined the group."))
        return redirect(found.group)
    return render(request, "budgeting/invitation.html", {"invitation": found})
