"""Public voting pages, mounted under /budgeting/<pk>/: the ballot (a form of checkboxes that
submits the voter's whole choice, so it works the same with and without JavaScript) with the
receipt check; the results with their reasoning and subtotals; the organizer's terms, result
and suspicious-account signals; paper votes at a voting point; the exports. Each post parses its
form, calls ONE service and redirects with a message, or shows the page again (status 400)."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_POST

from veche.core import ratelimit
from veche.core.exports import FORMATS, export_response
from veche.core.forms import error_text, service_errors
from veche.core.pagecache import guest_page
from veche.core.ratelimit import client_ip
from veche.events.selectors import last_event_id
from veche.voting.models import VotingPoint

from . import selectors_voting as read
from .models import Application, VotingTerms
from .pabulib import pabulib_lines
from .rules import terms_of
from .services import results as results_services
from .services import voting as services
from .throttle import edit_slot, vote_slot
from .views import _contest, _managed

DEVICE_COOKIE = "veche_device"


def _trace(request: HttpRequest) -> services.Trace:
    return services.Trace(
        network=client_ip(request),
        device=request.COOKIES.get(DEVICE_COOKIE) or request.META.get("HTTP_USER_AGENT", ""),
    )


def _voting_contest(request: HttpRequest, pk: int):
    contest = _contest(request, pk)
    if terms_of(contest) is None:
        raise Http404
    return contest


class ReceiptForm(forms.Form):
    receipt = forms.CharField(label=gettext_lazy("Receipt code"), max_length=20)


@require_GET
def voting_page(request: HttpRequest, pk: int) -> HttpResponse:
    contest = _voting_contest(request, pk)
    return _ballot(request, contest)


def _ballot(request, contest, *, status=200, error="") -> HttpResponse:
    terms = contest.voting_terms
    receipt_form = ReceiptForm(request.GET or None)
    receipt_answer = ""
    if receipt_form.is_bound and receipt_form.is_valid():
        receipt_answer = services.receipt_status(
            contest=contest, code=receipt_form.cleaned_data["receipt"]
        )
    can_vote = request.user.has_perm("budgeting.vote_in_contest", contest)
    context = {
        "contest": contest,
        "terms": terms,
        "entries": read.ballot_entries(contest),
        "chosen": read.my_choices(contest, request.user),
        "receipts": read.my_receipts(contest, request.user),
        "can_vote": can_vote,
        "refusal": "" if can_vote else services.voting_refusal(request.user, contest),
        "receipt_form": receipt_form,
        "receipt_answer": receipt_answer,
        "error": error,
        "can_see_results": request.user.has_perm("budgeting.view_voting_results", contest),
    }
    return render(request, "budgeting/voting.html", context, status=status)


@login_required
@require_POST
def ballot_post(request: HttpRequest, pk: int) -> HttpResponse:
    contest = _voting_contest(request, pk)
    try:
        chosen = {int(value) for value in request.POST.getlist("project")}
    except ValueError:
        chosen = None
    if chosen is None:
        return _ballot(request, contest, status=400, error=_("Choose projects from the list."))
    try:
        with vote_slot(request.user):
            receipts = services.ballot_submit(
                voter=request.user, contest=contest, chosen=chosen, trace=_trace(request)
            )
    except ratelimit.Limited:
        return _ballot(
            request, contest, status=429, error=_("Too many votes in a short time. Try later.")
        )
    except (ValidationError, PermissionDenied) as refusal:
        return _ballot(request, contest, status=400, error=error_text(refusal))
    if receipts:
        codes = ", ".join(r.code for r in receipts)
        messages.success(
            request,
            _("Your ballot is saved. Receipts of the new votes: %(codes)s.") % {"codes": codes},
        )
    else:
        messages.success(request, _("Your ballot is saved."))
    return redirect("budgeting:voting", pk=contest.pk)


@require_GET
# Guests see the results only once voting is over, when votes no longer change; a computation or
# an override records an event, so the next guest after one gets a fresh page.
@guest_page(version=last_event_id)
def results_page(request: HttpRequest, pk: int) -> HttpResponse:
    contest = _voting_contest(request, pk)
    if not request.user.has_perm("budgeting.view_voting_results", contest):
        raise PermissionDenied(_("The results are shown once voting is over."))
    managing = request.user.has_perm("budgeting.manage_contest", contest)
    results = read.voting_results(contest)
    context = {
        "contest": contest,
        "terms": contest.voting_terms,
        "results": results,
        "managing": managing,
        "can_compute": request.user.has_perm("budgeting.compute_winners", contest),
        "override_form": OverrideForm(results=results) if results.result else None,
        "formats": FORMATS,
    }
    return render(request, "budgeting/voting_results.html", context)


@login_required
@require_POST
def results_compute(request: HttpRequest, pk: int) -> HttpResponse:
    contest = _managed(request, pk)
    try:
        with edit_slot(request.user):
            results_services.results_compute(user=request.user, contest=contest)
        messages.success(request, _("The winners are computed."))
    except (ValidationError, PermissionDenied) as refusal:
        messages.error(request, error_text(refusal))
    except ratelimit.Limited:
        messages.error(request, _("Too many changes in a short time. Try again in a few minutes."))
    return redirect("budgeting:voting_results", pk=contest.pk)


class OverrideForm(forms.Form):
    application = forms.TypedChoiceField(label=gettext_lazy("Project"), coerce=int)
    won = forms.TypedChoiceField(
        label=gettext_lazy("Decision"),
        coerce=lambda value: value == "1",
        choices=[("1", gettext_lazy("wins")), ("0", gettext_lazy("does not win"))],
    )
    reason = forms.CharField(
        label=gettext_lazy("Reason (published beside the result)"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
    )

    def __init__(self, *args, results, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["application"].choices = [
            (row["tally"].pk, row["tally"].application.title) for row in results.rows
        ]


@login_required
@require_POST
def result_override(request: HttpRequest, pk: int) -> HttpResponse:
    contest = _managed(request, pk)
    results = read.voting_results(contest)
    form = OverrideForm(request.POST, results=results)
    if form.is_valid():
        application = get_object_or_404(Application, pk=form.cleaned_data["application"])
        with service_errors(form, refusal_on_form=True):
            results_services.result_override(
                user=request.user,
                contest=contest,
                application=application,
                won=form.cleaned_data["won"],
                reason=form.cleaned_data["reason"],
            )
        if not form.errors:
            messages.success(request, _("The decision is changed; its reason is published."))
            return redirect("budgeting:voting_results", pk=contest.pk)
    messages.error(request, " ".join(" ".join(e) for e in form.errors.values()))
    return redirect("budgeting:voting_results", pk=contest.pk)


class TermsForm(forms.ModelForm):
    class Meta:
        model = VotingTerms
        fields = [
            "ballot_style",
            "min_choices",
            "max_choices",
            "verified_only",
            "residents_only",
            "withdrawal_allowed",
            "ranking",
            "winner_method",
            "tie_rule",
        ]


@login_required
def voting_terms(request: HttpRequest, pk: int) -> HttpResponse:
    contest = _managed(request, pk)
    instance = terms_of(contest) or VotingTerms(contest=contest)
    form = TermsForm(request.POST or None, instance=instance)
    if request.method == "POST" and form.is_valid():
        fields = {name: form.cleaned_data[name] for name in TermsForm.Meta.fields}
        try:
            with edit_slot(request.user), service_errors(form, refusal_on_form=True):
                services.voting_terms_set(user=request.user, contest=contest, **fields)
                if "open_ballot" in request.POST:
                    services.ballot_open(user=request.user, contest=contest)
        except ratelimit.Limited:
            form.add_error(None, _("Too many changes in a short time. Try again in a few minutes."))
        if not form.errors:
            messages.success(request, _("The voting terms are saved."))
            return redirect("budgeting:voting_terms", pk=contest.pk)
    status = 400 if form.is_bound and form.errors else 200
    context = {"contest": contest, "form": form, "entries": read.ballot_entries(contest)}
    return render(request, "budgeting/voting_terms.html", context, status=status)


@login_required
@require_GET
def vote_signals(request: HttpRequest, pk: int) -> HttpResponse:
    contest = _managed(request, pk)
    if not request.user.has_perm("budgeting.view_vote_signals", contest):
        raise PermissionDenied
    context = {"contest": contest, "signals": read.vote_signals(contest)}
    return render(request, "budgeting/vote_signals.html", context)


class PaperVoteForm(forms.Form):
    point = forms.ModelChoiceField(
        label=gettext_lazy("Voting point"), queryset=VotingPoint.objects.none()
    )
    phone = forms.CharField(label=gettext_lazy("Voter's phone"), required=False, max_length=30)
    email = forms.EmailField(label=gettext_lazy("Voter's e-mail"), required=False)
    first_name = forms.CharField(label=gettext_lazy("First name"), required=False, max_length=100)
    last_name = forms.CharField(label=gettext_lazy("Last name"), required=False, max_length=100)
    project = forms.TypedMultipleChoiceField(
        label=gettext_lazy("Projects on the paper ballot"),
        coerce=int,
        widget=forms.CheckboxSelectMultiple,
    )


@login_required
def paper_votes(request: HttpRequest, pk: int) -> HttpResponse:
    contest = _voting_contest(request, pk)
    points = VotingPoint.objects.filter(members__user=request.user, is_active=True)
    if not points.exists():
        raise PermissionDenied(_("You do not enter ballots at any voting point."))
    form = PaperVoteForm(request.POST or None)
    form.fields["point"].queryset = points
    form.fields["project"].choices = [
        (t.pk, t.application.title) for t in read.ballot_entries(contest)
    ]
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            with vote_slot(request.user), service_errors(form, refusal_on_form=True):
                receipts = services.paper_vote_enter(
                    actor=request.user,
                    point=data["point"],
                    contest=contest,
                    chosen=data["project"],
                    phone=data["phone"],
                    email=data["email"],
                    first_name=data["first_name"],
                    last_name=data["last_name"],
                )
        except ratelimit.Limited:
            form.add_error(None, _("Too many votes in a short time. Try later."))
        if not form.errors:
            codes = ", ".join(r.code for r in receipts)
            messages.success(
                request, _("The paper ballot is entered. Receipts: %(codes)s.") % {"codes": codes}
            )
            return redirect("budgeting:paper_votes", pk=contest.pk)
    status = 400 if form.is_bound and form.errors else 200
    return render(
        request, "budgeting/paper_votes.html", {"contest": contest, "form": form}, status=status
    )


# --- Exports -----------------------------------------------------------------------------------


def _exportable(request: HttpRequest, pk: int, fmt: str):
    contest = _voting_contest(request, pk)
    if fmt not in FORMATS:
        raise Http404
    if not request.user.has_perm("budgeting.view_voting_results", contest):
        raise PermissionDenied(_("The results are shown once voting is over."))
    return contest


@require_GET
def votes_export(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    contest = _exportable(request, pk, fmt)
    return export_response(
        request,
        filename=f"contest-{contest.pk}-votes",
        columns=[
            _("Vote"),
            _("Time"),
            _("Project"),
            _("Voter (pseudonym)"),
            _("Channel"),
            _("Voting point"),
        ],
        rows=read.vote_rows(contest),
        fmt=fmt,
        sheet_title=_("Votes"),
    )


@require_GET
def results_export(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    contest = _exportable(request, pk, fmt)
    results = read.voting_results(contest)

    def rows():
        for row in results.rows:
            tally, decision, override = row["tally"], row["decision"], row["override"]
            yield (
                decision["rank"] if decision else "",
                tally.pk,
                tally.application.title,
                tally.cost,
                tally.votes,
                tally.votes - tally.paper_votes,
                tally.paper_votes,
                _("yes") if row["won"] else _("no"),
                override.reason if override else "",
            )

    return export_response(
        request,
        filename=f"contest-{contest.pk}-results",
        columns=[
            _("Rank"),
            _("Project id"),
            _("Project"),
            _("Cost, ₽"),
            _("Votes"),
            _("Online"),
            _("Paper"),
            _("Winner"),
            _("Organizer's reason"),
        ],
        rows=rows(),
        fmt=fmt,
        sheet_title=_("Results"),
    )


@require_GET
def pabulib_export(request: HttpRequest, pk: int) -> HttpResponse:
    contest = _exportable(request, pk, "csv")
    response = StreamingHttpResponse(
        (line + "\n" for line in pabulib_lines(contest)), content_type="text/plain; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="contest-{contest.pk}.pb"'
    return response
