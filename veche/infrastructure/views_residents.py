"""Residents on objects — rating a completed object, proposing an object or a category, supporting
a published proposal — and the staff's side: deciding on proposals, adding an object's photos and
documents. The agencies' and contractors' on-time figures. Each write: one form, one service,
a rate limit per person."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_POST

from veche.core import ratelimit
from veche.core.forms import apply_service_errors, error_text, service_errors
from veche.core.ratelimit import Rate
from veche.territory.maps import map_settings, place_bounds
from veche.territory.models import Settlement
from veche.voting.selectors import staffed_points

from . import figures, selectors
from .forms import (
    DecisionForm,
    FilesForm,
    FilterForm,
    PaperVoteForm,
    ProposalForm,
    RatingForm,
    VoteOpenForm,
)
from .models import Facility, Proposal
from .models.residents import ProposalStatus
from .services import files as file_services
from .services import residents as services
from .services import votes as vote_services

PER_PAGE = 20


# One count per person for the web and the API alike (api_residents.py uses the same name).
ACTIONS = {
    "RATE_LIMIT_INFRASTRUCTURE_RESIDENT": "infrastructure-resident",
    "RATE_LIMIT_INFRASTRUCTURE_UPLOAD": "infrastructure-upload",
}


def _reserve(request: HttpRequest, setting: str):
    """A slot of the person's limit, or None (and a message) when it is used up."""
    try:
        return ratelimit.reserve(ACTIONS[setting], str(request.user.pk), Rate.from_setting(setting))
    except ratelimit.Limited:
        return None


TOO_MANY = gettext_lazy("Too many actions in a short time. Try again in a few minutes.")


@login_required
@require_POST
def facility_rate(request: HttpRequest, pk: int) -> HttpResponse:
    facility = get_object_or_404(Facility, pk=pk)
    form = RatingForm(request.POST)
    if not form.is_valid():
        for errors in form.errors.values():
            messages.error(request, errors[0])
        return redirect(f"{facility.get_absolute_url()}#rating")
    slot = _reserve(request, "RATE_LIMIT_INFRASTRUCTURE_RESIDENT")
    if slot is None:
        messages.error(request, str(TOO_MANY))
        return redirect(f"{facility.get_absolute_url()}#rating")
    try:
        services.facility_rate(
            user=request.user,
            facility=facility,
            score=form.cleaned_data["score"],
            comment=form.cleaned_data["comment"],
        )
    except (PermissionDenied, ValidationError) as error:  # said in words above the page
        ratelimit.release(slot)
        messages.error(request, error_text(error))
    else:
        messages.success(request, _("Thank you: your rating is saved."))
    return redirect(f"{facility.get_absolute_url()}#rating")


@login_required
def facility_files(request: HttpRequest, pk: int) -> HttpResponse:
    facility = get_object_or_404(Facility.objects.select_related("municipality"), pk=pk)
    if not request.user.has_perm("infrastructure.upload_files", facility):
        raise PermissionDenied(
            _(
                "Only the administration of the object's municipality or the regional "
                "administration keeps this object."
            )
        )
    form = FilesForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        slot = _reserve(request, "RATE_LIMIT_INFRASTRUCTURE_UPLOAD")
        if slot is None:
            form.add_error(None, str(TOO_MANY))
        else:
            photo, document = form.cleaned_data["photos"], form.cleaned_data["documents"]
            with service_errors(form, refusal_on_form=True):
                file_services.facility_files_add(
                    user=request.user,
                    facility=facility,
                    photos=[photo] if photo else [],
                    documents=[document] if document else [],
                    caption=form.cleaned_data["caption"],
                )
            if form.errors:
                ratelimit.release(slot)
            else:
                messages.success(request, _("The files are added."))
                return redirect(facility)
    status = 400 if form.is_bound and form.errors else 200
    context = {"form": form, "facility": facility}
    return render(request, "infrastructure/files.html", context, status=status)


# --- Proposals ---


@require_GET
def proposal_list(request: HttpRequest) -> HttpResponse:
    found = (
        Proposal.objects.exclude(status=ProposalStatus.PENDING)
        .select_related("category", "municipality")
        .order_by("-created_at", "-pk")
    )
    page = Paginator(found, PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "infrastructure/proposals.html", {"page": page})


def _proposal_form(request: HttpRequest) -> ProposalForm:
    initial = {name: request.GET[name] for name in ("lat", "lon") if request.GET.get(name)}
    return ProposalForm(request.POST or None, initial=initial, categories=selectors.categories())


def proposal_new(request: HttpRequest) -> HttpResponse:
    if not request.user.is_authenticated:
        return redirect(f"{_login_url()}?next={request.get_full_path()}")
    form = _proposal_form(request)
    if request.method == "POST" and form.is_valid():
        slot = _reserve(request, "RATE_LIMIT_INFRASTRUCTURE_RESIDENT")
        if slot is None:
            form.add_error(None, str(TOO_MANY))
        else:
            data = form.cleaned_data
            proposal = None
            with service_errors(form, refusal_on_form=True):
                proposal = services.proposal_submit(
                    author=request.user,
                    title=data["title"],
                    reason=data["reason"],
                    lat=data["lat"],
                    lon=data["lon"],
                    address=data["address"],
                    category=form.categories.get(data["category"]),
                    new_category=data["new_category"],
                )
            if form.errors:
                ratelimit.release(slot)
            else:
                messages.success(
                    request,
                    _("Your proposal is sent. A moderator will check it and publish it."),
                )
                return redirect(proposal)
    status = 400 if form.is_bound and form.errors else 200
    # The map picker over the lat/lon fields (progressive: the fields work without it).
    context = {"form": form, "map": map_settings(), "bounds": place_bounds(None)}
    return render(request, "infrastructure/proposal_new.html", context, status=status)


def _login_url() -> str:
    from django.conf import settings
    from django.shortcuts import resolve_url

    return resolve_url(settings.LOGIN_URL)


def _visible_proposal(request: HttpRequest, pk: int) -> Proposal:
    proposal = get_object_or_404(
        Proposal.objects.select_related("category", "municipality", "author", "category_created"),
        pk=pk,
    )
    user = request.user
    if proposal.status == ProposalStatus.PENDING and not (
        (user.is_authenticated and proposal.author_id == user.pk)
        or user.has_perm("infrastructure.moderate_proposal", proposal)
    ):
        raise Http404
    return proposal


def proposal_detail(request: HttpRequest, pk: int) -> HttpResponse:
    proposal = _visible_proposal(request, pk)
    user = request.user
    supported = user.is_authenticated and proposal.supports.filter(user=user).exists()
    context = {
        "proposal": proposal,
        "supported": supported,
        "may_support": user.has_perm("infrastructure.support_proposal", proposal),
        "may_moderate": proposal.status == ProposalStatus.PENDING
        and user.has_perm("infrastructure.moderate_proposal", proposal),
        "may_decide": proposal.status in (ProposalStatus.PENDING, ProposalStatus.PUBLISHED)
        and user.has_perm("infrastructure.decide_proposal", proposal),
        "decision_form": DecisionForm(),
    }
    return render(request, "infrastructure/proposal.html", context)


@login_required
@require_POST
def proposal_support(request: HttpRequest, pk: int) -> HttpResponse:
    proposal = get_object_or_404(Proposal, pk=pk)
    slot = _reserve(request, "RATE_LIMIT_INFRASTRUCTURE_RESIDENT")
    if slot is None:
        messages.error(request, str(TOO_MANY))
        return redirect(proposal)
    withdraw = request.POST.get("withdraw") == "1"
    try:
        if withdraw:
            services.proposal_support_withdraw(user=request.user, proposal=proposal)
            messages.success(request, _("Your support is withdrawn."))
        else:
            services.proposal_support(user=request.user, proposal=proposal)
            messages.success(request, _("Thank you: your support is counted."))
    except PermissionDenied as error:
        ratelimit.release(slot)
        messages.error(request, error_text(error))
    return redirect(proposal)


@login_required
@require_POST
def proposal_decide(request: HttpRequest, pk: int) -> HttpResponse:
    """The staff's buttons: publish (moderator), accept or decline (administration)."""
    proposal = get_object_or_404(Proposal, pk=pk)
    form = DecisionForm(request.POST)
    if not form.is_valid():
        messages.error(request, " ".join(m for ms in form.errors.values() for m in ms))
        return redirect(proposal)
    reason = form.cleaned_data["reason"]
    action = request.POST.get("action", "")
    facility = None
    if form.cleaned_data["facility"] and action == "accept":
        facility = Facility.objects.filter(pk=form.cleaned_data["facility"]).first()
        if facility is None:
            messages.error(request, _("There is no object with this number in the registry."))
            return redirect(proposal)
    try:
        if action == "publish":
            services.proposal_publish(user=request.user, proposal=proposal)
        elif action == "reject":
            services.proposal_reject(user=request.user, proposal=proposal, reason=reason)
        elif action in ("accept", "decline"):
            services.proposal_decide(
                user=request.user,
                proposal=proposal,
                accept=action == "accept",
                reason=reason,
                facility=facility,
            )
        else:
            messages.error(request, _("Choose what to do with the proposal."))
            return redirect(proposal)
    except (PermissionDenied, ValidationError) as error:
        messages.error(request, error_text(error))
    else:
        messages.success(request, _("The decision is saved."))
    return redirect(proposal)


# --- Agencies and contractors ---


@require_GET
def on_time(request: HttpRequest) -> HttpResponse:
    form = FilterForm(
        request.GET or None,
        categories=selectors.categories(),
        years=selectors.years(),
        municipalities=selectors.municipalities(),
    )
    found = selectors.facilities(form.filters())
    context = {
        "form": form,
        "agencies": figures.on_time_shares(by="agency", facilities=found),
        "contractors": figures.on_time_shares(by="contractor", facilities=found),
    }
    return render(request, "infrastructure/on_time.html", context)


# --- Votes on objects the administration put to the vote ---


@login_required
@require_POST
def facility_vote(request: HttpRequest, pk: int) -> HttpResponse:
    facility = get_object_or_404(Facility, pk=pk)
    slot = _reserve(request, "RATE_LIMIT_INFRASTRUCTURE_RESIDENT")
    if slot is None:
        messages.error(request, str(TOO_MANY))
        return redirect(f"{facility.get_absolute_url()}#vote")
    if request.POST.get("withdraw"):
        return _vote_withdraw(request, facility, slot)
    try:
        created = vote_services.facility_vote(user=request.user, facility=facility)
    except PermissionDenied as error:
        ratelimit.release(slot)
        messages.error(request, error_text(error))
    else:
        if created:
            messages.success(request, _("Thank you: your vote is counted."))
        else:
            ratelimit.release(slot)
            messages.info(request, _("You have already voted for this object."))
    return redirect(f"{facility.get_absolute_url()}#vote")


def _vote_withdraw(request: HttpRequest, facility: Facility, slot) -> HttpResponse:
    try:
        withdrawn = vote_services.facility_vote_withdraw(user=request.user, facility=facility)
    except PermissionDenied as error:
        withdrawn = False
        messages.error(request, error_text(error))
    else:
        if withdrawn:
            messages.success(request, _("Your vote is taken back."))
        else:
            messages.info(request, _("You have not voted for this object."))
    if not withdrawn:
        ratelimit.release(slot)
    return redirect(f"{facility.get_absolute_url()}#vote")


@login_required
def facility_vote_open(request: HttpRequest, pk: int) -> HttpResponse:
    facility = get_object_or_404(Facility.objects.select_related("municipality"), pk=pk)
    if not request.user.has_perm("infrastructure.put_to_vote", facility):
        raise PermissionDenied(
            _(
                "Only the administration of the object's municipality or the regional "
                "administration keeps this object."
            )
        )
    form = VoteOpenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        with service_errors(form, refusal_on_form=True):
            vote_services.facility_vote_open(
                user=request.user,
                facility=facility,
                opens=data["vote_opens"],
                closes=data["vote_closes"],
                anyone=data["vote_anyone"],
            )
        if not form.errors:
            messages.success(request, _("The object is put to the vote."))
            return redirect(facility)
    status = 400 if form.is_bound and form.errors else 200
    context = {"form": form, "facility": facility}
    return render(request, "infrastructure/vote_open.html", context, status=status)


PAPER_VOTER_FIELDS = ("phone", "email", "first_name", "last_name", "settlement")


@login_required
def facility_vote_paper(request: HttpRequest, pk: int) -> HttpResponse:
    """A voting point's operator enters residents' paper votes for the object, one after another."""
    facility = get_object_or_404(Facility.objects.select_related("municipality"), pk=pk)
    points = staffed_points(request.user)
    if not points.exists():
        raise PermissionDenied(_("You do not enter ballots at any voting point."))
    settlements = Settlement.objects.order_by("name")
    if not facility.vote_anyone:
        settlements = settlements.filter(municipality_id=facility.municipality_id)
    form = PaperVoteForm(request.POST or None, points=points, settlements=settlements)
    if request.method == "POST" and form.is_valid():
        slot = _reserve(request, "RATE_LIMIT_INFRASTRUCTURE_RESIDENT")
        if slot is None:
            form.add_error(None, str(TOO_MANY))
        elif _paper_vote(request, facility, form):
            return redirect("infrastructure:vote_paper", pk=facility.pk)
        else:
            ratelimit.release(slot)
    status = 400 if form.is_bound and form.errors else 200
    context = {"form": form, "facility": facility, "channels": selectors.vote_channels(facility)}
    return render(request, "infrastructure/vote_paper.html", context, status=status)


def _paper_vote(request: HttpRequest, facility: Facility, form: PaperVoteForm) -> bool:
    """Enter the vote; False with the refusal on the form."""
    data = form.cleaned_data
    try:
        vote_services.facility_vote_paper(
            actor=request.user,
            point=data["point"],
            facility=facility,
            **{name: data[name] for name in PAPER_VOTER_FIELDS},
        )
    except PermissionDenied as error:
        form.add_error(None, error_text(error))
        return False
    except ValidationError as error:
        apply_service_errors(form, error)
        return False
    name = " ".join(filter(None, (data["first_name"], data["last_name"]))) or _("the voter")
    messages.success(
        request,
        _("The paper vote of %(name)s is counted at «%(point)s».")
        % {"name": name, "point": data["point"].title},
    )
    return True
