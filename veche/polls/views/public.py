"""Residents' pages: the list (open, upcoming, closed; by territory), a poll with its ballot,
and its results. The ballot posts to the poll's page: without JavaScript a conditional question
comes on a second step (the form lists the questions it asked; when the answers show new ones,
the page asks them, keeping the answers given). Each post calls ONE service."""

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.forms.utils import ErrorDict
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from veche.core import ratelimit
from veche.core.components import Step, Tab
from veche.core.forms import apply_service_errors
from veche.core.pagecache import guest_page
from veche.core.paging import CachedCountPaginator
from veche.events.selectors import last_event_id
from veche.voting.selectors import staffed_points

from .. import selectors, services
from ..forms import BallotForm, PollFilters, chosen_options
from ..models import Phase, Poll
from ..rules import results_visible_now
from ..services.ballots import shown_questions
from ..throttle import ballot_slot

PER_PAGE = 15
# How long a results page's breakdowns stay cached; their key changes with every ballot.
BREAKDOWN_CACHE_SECONDS = 3600


def visible_poll(request: HttpRequest, pk: int, *, read=selectors.poll_detail) -> Poll:
    """The poll with its questions (or as `read` reads it) if the user may see it (published,
    or his to organize)."""
    try:
        poll = read(pk)
    except Poll.DoesNotExist as error:
        raise Http404 from error
    if not request.user.has_perm("polls.view_poll", poll):
        raise Http404
    return poll


@require_GET
def poll_list(request: HttpRequest) -> HttpResponse:
    phase = request.GET.get("phase", Phase.OPEN)
    if phase not in Phase.values:
        phase = Phase.OPEN
    filters = PollFilters(request.GET or None)
    municipality = filters.chosen_municipality()
    polls = selectors.poll_list(phase=phase, municipality=municipality)
    page = CachedCountPaginator(polls, PER_PAGE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    tabs = []
    for value, label in Phase.choices:
        query["phase"] = value
        tabs.append(Tab(label, f"?{query.urlencode()}", None, value == phase))
    return render(
        request,
        "polls/list.html",
        {
            "page": page,
            "phase": phase,
            "tabs": tabs,
            "form": filters if filters.is_bound else PollFilters(),
            "voted": selectors.voted_poll_ids(request.user, page.object_list),
        },
    )


def steps(poll: Poll) -> list[Step]:
    state = {Phase.UPCOMING: "upcoming", Phase.OPEN: "current", Phase.CLOSED: "done"}[poll.phase]
    return [Step(_("voting"), poll.opens_at, poll.closes_at, state)]


@require_http_methods(["GET", "POST"])
def poll_detail(request: HttpRequest, pk: int) -> HttpResponse:
    poll = visible_poll(request, pk)
    questions = list(poll.questions.all())
    ballot = selectors.my_ballot(request.user, poll)
    refusal = None if ballot else services.vote_refusal(request.user, poll)
    form, limited, follow_up = None, None, False
    if request.method == "POST":
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if refusal is not None or ballot is not None:
            raise PermissionDenied(refusal or services.ballots.already_voted())
        asked = {int(i) for i in request.POST.get("asked", "").split(",") if i.isdigit()}
        shown = shown_questions(questions, chosen_options(request.POST, questions))
        if {q.pk for q in shown} - asked:
            # The answers open questions the page has not asked yet: the next step.
            form = _next_step(request.POST, poll, shown)
            follow_up = True
        else:
            form = BallotForm(request.POST, poll=poll, questions=shown)
            if form.is_valid():
                try:
                    with ballot_slot(request.user):
                        services.ballot_cast(
                            voter=request.user,
                            poll=poll,
                            answers=form.responses(),
                            demographics=form.demographics(),
                        )
                except ratelimit.Limited as error:
                    limited = _(
                        "Too many ballots in a short time: try again in %(minutes)d min."
                    ) % {"minutes": ratelimit.minutes_to_wait(error.retry_after)}
                except ValidationError as error:
                    apply_service_errors(form, error)
                else:
                    messages.success(request, _("Thank you: your ballot is counted."))
                    return redirect(reverse("polls:detail", args=[poll.pk]) + "#my-ballot")
    elif refusal is None and ballot is None:
        form = BallotForm(poll=poll, questions=shown_questions(questions, ()))
    return render(
        request,
        "polls/detail.html",
        {
            "poll": poll,
            "steps": steps(poll),
            "form": form,
            "follow_up": follow_up,
            "ballot": ballot,
            "refusal": refusal,
            "limited": limited,
            "enters_paper": _enters_paper(request.user, poll),
        },
        status=429 if limited else 200,
    )


def _enters_paper(user, poll: Poll) -> bool:
    """An operator of a voting point sees the way to enter paper ballots (only staff hold
    roles: a resident's page reads nothing more)."""
    return bool(
        getattr(user, "holds_roles", False)
        and poll.phase == Phase.OPEN
        and staffed_points(user).exists()
    )


def _next_step(data, poll: Poll, shown: list) -> BallotForm:
    """The next step's form: every question now shown, with the answers given so far filled in
    (a bound form whose errors are not asked for: nothing is wrong yet)."""
    data = data.copy()
    data["asked"] = ",".join(str(q.pk) for q in shown)
    form = BallotForm(data, poll=poll, questions=shown)
    form._errors = ErrorDict()
    return form


@require_GET
@guest_page(version=last_event_id)
def poll_results(request: HttpRequest, pk: int) -> HttpResponse:
    # The questions come with their counts from selectors.results.
    poll = visible_poll(request, pk, read=selectors.poll_row)
    visible = request.user.has_perm("polls.view_results", poll)
    context = {
        "poll": poll,
        "steps": steps(poll),
        "visible": visible,
        # The organizers see the results before the public does; the page says so.
        "organizers_only": visible and not results_visible_now(request.user, poll),
    }
    if visible:
        # The breakdowns are read only when the template's cached copy (keyed by the poll's
        # ballot count: only a ballot changes them) is missing: 16 queries and most of the
        # page's rendering on a poll of 150,000 ballots (docs/benchmarks.md, "Polls").
        dimensions = ("age", "sex", "settlement") if poll.asks_demographics else ()
        context.update(
            results=selectors.results(poll),
            by_municipality=SimpleLazyObject(lambda: selectors.breakdown(poll, "municipality")),
            by_group=SimpleLazyObject(lambda: [selectors.breakdown(poll, d) for d in dimensions]),
            breakdown_seconds=BREAKDOWN_CACHE_SECONDS,
            satisfaction=selectors.satisfaction_figures(polls=Poll.objects.filter(pk=poll.pk))
            if poll.is_satisfaction_survey
            else [],
            channels=selectors.channel_counts(poll),
            points=selectors.point_counts(poll),
        )
    return render(request, "polls/results.html", context)
