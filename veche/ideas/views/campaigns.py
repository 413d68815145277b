"""Campaign pages, mounted under /ideas/campaigns/: the list; a campaign's page (its stages,
counters, description, ideas with the stage's forms — rating during the discussion, the experts'
verdicts during the selection — and its results); the organizer's form, experts and results.
Each post parses its form, calls ONE service and redirects with a message, or shows the page
again with the form's errors. Everything works without JavaScript; each page reads with a
constant number of queries."""

from dataclasses import dataclass, field

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from veche.accounts.models import User
from veche.core import ratelimit
from veche.core.components import Step
from veche.core.forms import apply_service_errors, refusal_message, service_errors
from veche.core.paging import CachedCountPaginator
from veche.staff.models import Role
from veche.staff.predicates import is_regional_admin, municipality_scope
from veche.territory.models import Municipality

from .. import campaign_selectors as selectors
from .. import services
from ..campaign_forms import CampaignForm, ExpertForm, RatingForm, ResultsForm, VerdictForm
from ..campaign_rules import is_campaign_expert
from ..models import Campaign, ExpertVerdict, Idea, Stage
from ..services.campaigns import AwardIn
from ..services.ratings import filing_refusal
from ..throttle import write_slot

PER_PAGE = 15


def _campaign(request: HttpRequest, pk: int) -> Campaign:
    """The campaign if the user may see it (published, or his to manage); 404 otherwise."""
    try:
        campaign = selectors.campaign_detail(pk)
    except Campaign.DoesNotExist as error:
        raise Http404 from error
    if not request.user.has_perm("ideas.view_campaign", campaign):
        raise Http404
    return campaign


def _back(campaign: Campaign, page: str | None = None, anchor: str = "") -> str:
    url = reverse("ideas:campaign", args=[campaign.pk])
    if page and page.isdigit() and page != "1":
        url += f"?page={page}"
    return url + (f"#{anchor}" if anchor else "")


def steps(campaign: Campaign) -> list[Step]:
    return [
        Step(Stage(stage).label, start, end, state)
        for stage, start, end, state in selectors.stage_progress(campaign)
    ]


@require_GET
def campaign_list(request: HttpRequest) -> HttpResponse:
    groups = selectors.split_by_time(selectors.campaigns_for(request.user))
    return render(request, "ideas/campaign_list.html", {"groups": groups})


@dataclass
class Card:
    """One idea on the campaign's page, with what this reader may do with it now."""

    idea: Idea
    my_rating: int | None = None
    rating_form: RatingForm | None = None
    my_verdict: ExpertVerdict | None = None
    verdict_form: VerdictForm | None = None
    verdicts: list[ExpertVerdict] = field(default_factory=list)


def _cards(request: HttpRequest, campaign: Campaign, ideas: list[Idea], failed) -> list[Card]:
    user, stage = request.user, campaign.stage
    rating_open = stage == Stage.DISCUSSION and user.is_authenticated
    judging_open = stage == Stage.SELECTION and is_campaign_expert(user, campaign)
    ratings = selectors.my_ratings(user, ideas) if rating_open else {}
    mine = selectors.my_verdicts(user, ideas) if judging_open else {}
    reading = user.has_perm("ideas.view_verdicts", campaign)
    all_verdicts = selectors.verdicts_by_idea(ideas) if reading else {}
    cards = []
    for idea in ideas:
        idea.campaign = campaign  # the rules read it: no query per idea
        card = Card(idea, my_rating=ratings.get(idea.pk), my_verdict=mine.get(idea.pk))
        card.verdicts = all_verdicts.get(idea.pk, [])
        if rating_open and user.has_perm("ideas.rate_idea", idea):
            card.rating_form = _failed(failed, RatingForm, idea) or RatingForm(
                idea=idea, initial={"value": card.my_rating}
            )
        if judging_open and user.has_perm("ideas.judge_idea", idea):
            verdict = card.my_verdict
            initial = (
                {"selected": "yes" if verdict.selected else "no", "comment": verdict.comment}
                if verdict
                else None
            )
            card.verdict_form = _failed(failed, VerdictForm, idea) or VerdictForm(
                idea=idea, initial=initial
            )
        cards.append(card)
    return cards


def _failed(failed, kind, idea: Idea):
    if isinstance(failed, kind) and failed.idea.pk == idea.pk:
        return failed
    return None


def render_campaign(
    request: HttpRequest, campaign: Campaign, *, failed=None, status: int = 200
) -> HttpResponse:
    """The campaign's page; `failed` is a refused form (rating, verdict or expert) to show
    again with its errors."""
    order = "new" if campaign.stage in (None, Stage.COLLECTING) else "rating"
    if not campaign.has_started:
        order = "new"
    page = CachedCountPaginator(selectors.campaign_ideas(campaign, order=order), PER_PAGE).get_page(
        request.GET.get("page")
    )
    managing = request.user.has_perm("ideas.manage_campaign", campaign)
    context = {
        "campaign": campaign,
        "stage": campaign.stage,
        "Stage": Stage,
        "steps": steps(campaign),
        "counters": selectors.counters(campaign),
        "page": page,
        "cards": _cards(request, campaign, list(page), failed),
        "order": order,
        "can_file": request.user.has_perm("ideas.file_idea_in_campaign", campaign),
        "filing_refusal": filing_refusal(request.user, campaign)
        if campaign.stage == Stage.COLLECTING or not campaign.has_started
        else "",
        "is_expert": is_campaign_expert(request.user, campaign),
        "managing": managing,
        "awards": selectors.awards(campaign) if campaign.results_published_at else [],
        "experts": selectors.experts_of(campaign) if managing else [],
        "expert_form": failed if isinstance(failed, ExpertForm) else ExpertForm(),
        "can_publish_results": request.user.has_perm("ideas.publish_results", campaign),
    }
    return render(request, "ideas/campaign_detail.html", context, status=status)


@require_GET
def campaign_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return render_campaign(request, _campaign(request, pk))


# --- The organizer's pages --------------------------------------------------------------------


def _limit_territories(form: CampaignForm, user) -> None:
    """Offer the organizer the territories he may run a campaign for."""
    if is_regional_admin(user):
        return
    scope = municipality_scope(user, Role.MUNICIPAL_ADMIN) or set()
    territory = form.fields["municipality"]
    territory.queryset = Municipality.objects.filter(pk__in=scope).order_by("name")
    territory.required = True
    territory.empty_label = _("— choose a municipality —")


def _name(user) -> str:
    return user.get_full_name() or user.email


def _not_organizer() -> str:
    return _("Only municipal and regional administrators run campaigns.")


@login_required
def campaign_new(request: HttpRequest) -> HttpResponse:
    if not request.user.has_perm("ideas.organize_campaigns"):
        raise PermissionDenied(_not_organizer())
    form = CampaignForm(request.POST or None, request.FILES or None)
    _limit_territories(form, request.user)
    if request.method == "POST" and form.is_valid():
        with service_errors(form, refusal_on_form=True):
            campaign = services.campaign_create(user=request.user, **form.service_fields())
        if not form.errors:
            messages.success(request, _("The campaign is saved."))
            return redirect("ideas:campaign", pk=campaign.pk)
    status = 400 if form.is_bound and form.errors else 200
    return render(request, "ideas/campaign_form.html", {"form": form}, status=status)


@login_required
def campaign_edit(request: HttpRequest, pk: int) -> HttpResponse:
    campaign = _campaign(request, pk)
    if not request.user.has_perm("ideas.manage_campaign", campaign):
        raise PermissionDenied(_not_organizer())
    form = CampaignForm(
        request.POST or None, request.FILES or None, initial=CampaignForm.initial_from(campaign)
    )
    _limit_territories(form, request.user)
    if request.method == "POST" and form.is_valid():
        with service_errors(form, refusal_on_form=True):
            services.campaign_update(user=request.user, campaign=campaign, **form.service_fields())
        if not form.errors:
            messages.success(request, _("The campaign is saved."))
            return redirect("ideas:campaign", pk=campaign.pk)
    status = 400 if form.is_bound and form.errors else 200
    context = {"form": form, "campaign": campaign}
    return render(request, "ideas/campaign_form.html", context, status=status)


@require_POST
@login_required
def expert_add(request: HttpRequest, pk: int) -> HttpResponse:
    campaign = _campaign(request, pk)
    form = ExpertForm(request.POST)
    if form.is_valid():
        expert = form.expert()
        try:
            if expert is None:
                raise ValidationError({"email": [_("Nobody is registered with this e-mail.")]})
            services.campaign_expert_add(user=request.user, campaign=campaign, expert=expert)
        except ValidationError as error:
            apply_service_errors(form, error, fields={"expert": "email"})
        else:
            messages.success(
                request, _("%(name)s is an expert of the campaign.") % {"name": _name(expert)}
            )
            return redirect(_back(campaign, anchor="experts"))
    return render_campaign(request, campaign, failed=form, status=400)


@require_POST
@login_required
def expert_remove(request: HttpRequest, pk: int, user_pk: int) -> HttpResponse:
    campaign = _campaign(request, pk)
    expert = get_object_or_404(User, pk=user_pk)
    services.campaign_expert_remove(user=request.user, campaign=campaign, expert=expert)
    messages.success(
        request, _("%(name)s is no longer an expert of the campaign.") % {"name": _name(expert)}
    )
    return redirect(_back(campaign, anchor="experts"))


@login_required
def campaign_results(request: HttpRequest, pk: int) -> HttpResponse:
    """The organizer names the winners — an award and why for each — and publishes them."""
    campaign = _campaign(request, pk)
    if not request.user.has_perm("ideas.publish_results", campaign):
        raise PermissionDenied(services.campaigns.results_refusal(request.user, campaign))
    ideas = list(selectors.shortlist(campaign))
    form = ResultsForm(request.POST or None, ideas=ideas)
    if request.method == "POST" and form.is_valid():
        awards = [AwardIn(idea=i, award=a, reason=r) for i, a, r in form.awards()]
        with service_errors(form, refusal_on_form=True):
            services.campaign_publish_results(user=request.user, campaign=campaign, awards=awards)
        if not form.errors:
            messages.success(request, _("The results are published."))
            return redirect(_back(campaign, anchor="results"))
    status = 400 if form.is_bound and form.errors else 200
    context = {
        "campaign": campaign,
        "form": form,
        "verdicts": selectors.verdicts_by_idea(ideas),
    }
    return render(request, "ideas/campaign_results.html", context, status=status)


# --- Residents' ratings and experts' verdicts ------------------------------------------------


def _campaign_idea(request: HttpRequest, pk: int) -> Idea:
    idea = Idea.objects.select_related("campaign__municipality").filter(pk=pk).first()
    if idea is None or idea.campaign_id is None:
        raise Http404
    if not request.user.has_perm("ideas.view_idea", idea):
        raise Http404
    return idea


def _too_many(limited: ratelimit.Limited) -> str:
    return _("Too many changes in a short time: try again in %(minutes)d min.") % {
        "minutes": ratelimit.minutes_to_wait(limited.retry_after)
    }


def _again(request: HttpRequest, idea: Idea, form) -> HttpResponse:
    """The campaign's page with the refused form (its page number kept in the address)."""
    return render_campaign(request, idea.campaign, failed=form, status=400)


@require_POST
@login_required
def rate(request: HttpRequest, pk: int) -> HttpResponse:
    idea = _campaign_idea(request, pk)
    form = RatingForm(request.POST, idea=idea)
    if form.is_valid():
        value = form.cleaned_data["value"]
        try:
            with write_slot(request.user):
                services.idea_rate(user=request.user, idea=idea, value=value)
        except ratelimit.Limited as limited:
            messages.error(request, _too_many(limited))
            return redirect(_back(idea.campaign, request.GET.get("page"), f"idea-{idea.pk}"))
        except PermissionDenied as refusal:
            messages.error(request, refusal_message(refusal))
            return redirect(_back(idea.campaign, request.GET.get("page"), f"idea-{idea.pk}"))
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            messages.success(
                request,
                _("Your rating of idea № %(number)s is counted: %(value)s of 5.")
                % {"number": idea.pk, "value": value},
            )
            return redirect(_back(idea.campaign, request.GET.get("page"), f"idea-{idea.pk}"))
    return _again(request, idea, form)


@require_POST
@login_required
def judge(request: HttpRequest, pk: int) -> HttpResponse:
    idea = _campaign_idea(request, pk)
    form = VerdictForm(request.POST, idea=idea)
    if form.is_valid():
        data = form.cleaned_data
        try:
            with write_slot(request.user):
                services.idea_judge(
                    user=request.user,
                    idea=idea,
                    selected=data["selected"],
                    comment=data["comment"],
                )
        except ratelimit.Limited as limited:
            messages.error(request, _too_many(limited))
            return redirect(_back(idea.campaign, request.GET.get("page"), f"idea-{idea.pk}"))
        except PermissionDenied as refusal:
            messages.error(request, refusal_message(refusal))
            return redirect(_back(idea.campaign, request.GET.get("page"), f"idea-{idea.pk}"))
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            messages.success(
                request, _("Your verdict on idea № %(number)s is saved.") % {"number": idea.pk}
            )
            return redirect(_back(idea.campaign, request.GET.get("page"), f"idea-{idea.pk}"))
    return _again(request, idea, form)
