"""Proposals to the catalogue: the resident's form, and the regional admin's list of pending
proposals with "accept" (a new topic) and "decline" (with a reason)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from veche.core.forms import service_errors

from .. import selectors, services
from ..engagement_forms import AcceptProposalForm, DeclineProposalForm, ProposalForm
from ..models import CatalogueProposal


@login_required
def propose(request: HttpRequest) -> HttpResponse:
    form = ProposalForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        with service_errors(form, refusal_on_form=True, codes={"rate_limited": None}):
            services.catalogue_propose(author=request.user, **form.cleaned_data)
        if not form.errors:
            messages.success(
                request, _("Thank you: your proposal is sent. We will tell you of the decision.")
            )
            return redirect("accounts:cabinet")
    status = 400 if form.errors else 200
    return render(request, "reports/propose.html", {"form": form}, status=status)


def _require_reviewer(request: HttpRequest) -> None:
    if not request.user.has_perm("reports.review_catalogue_proposal"):
        raise PermissionDenied(_("Only a regional administrator reviews catalogue proposals."))


def _review_forms(proposal: CatalogueProposal) -> tuple[AcceptProposalForm, DeclineProposalForm]:
    accept = AcceptProposalForm(
        prefix=f"a{proposal.pk}",
        initial={
            "category": proposal.category_id,
            "name": proposal.name,
            "deadline_days": 10,
            "deadline_kind": "working",
        },
    )
    return accept, DeclineProposalForm(prefix=f"d{proposal.pk}")


@login_required
def review_list(request: HttpRequest, bound: dict | None = None, status: int = 200):
    _require_reviewer(request)
    rows = []
    for proposal in selectors.pending_proposals():
        accept, decline = (bound or {}).get(proposal.pk) or _review_forms(proposal)
        rows.append({"proposal": proposal, "accept": accept, "decline": decline})
    return render(request, "reports/proposals.html", {"rows": rows}, status=status)


@require_POST
@login_required
def accept(request: HttpRequest, pk: int) -> HttpResponse:
    _require_reviewer(request)
    proposal = get_object_or_404(CatalogueProposal, pk=pk)
    form = AcceptProposalForm(request.POST, prefix=f"a{pk}")
    if form.is_valid():
        with service_errors(form):
            services.catalogue_proposal_accept(
                admin=request.user, proposal=proposal, **form.cleaned_data
            )
        if not form.errors:
            messages.success(request, _("The proposal is accepted: the topic is in the catalogue."))
            return redirect("reports:proposals")
    bound = {pk: (form, DeclineProposalForm(prefix=f"d{pk}"))}
    return review_list(request, bound=bound, status=400)


@require_POST
@login_required
def decline(request: HttpRequest, pk: int) -> HttpResponse:
    _require_reviewer(request)
    proposal = get_object_or_404(CatalogueProposal, pk=pk)
    form = DeclineProposalForm(request.POST, prefix=f"d{pk}")
    if form.is_valid():
        with service_errors(form):
            services.catalogue_proposal_decline(
                admin=request.user, proposal=proposal, reason=form.cleaned_data["decline_reason"]
            )
        if not form.errors:
            messages.success(request, _("The proposal is declined; its author is told why."))
            return redirect("reports:proposals")
    bound = {pk: (_review_forms(proposal)[0], form)}
    return review_list(request, bound=bound, status=400)
