"""The voting point's page for paper ballots: an operator copies a resident's filled-in paper
ballot of this poll, with who he is (phone or e-mail, what was established in person), and ONE
service records it (services/paper.py). Every question is on the page at once — the operator has
the whole sheet; a conditional question counts only when its option was chosen."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from veche.core import ratelimit
from veche.core.forms import apply_service_errors, error_text
from veche.voting.selectors import staffed_points

from ..forms import BallotForm, PaperVoterForm, chosen_options
from ..services.ballots import PaperIdentity, shown_questions
from ..services.paper import paper_ballot_enter
from ..throttle import paper_slot
from .public import visible_poll

VOTER_FIELDS = ("phone", "email", "first_name", "last_name")


@login_required
@require_http_methods(["GET", "POST"])
def paper_ballot(request, pk: int):
    poll = visible_poll(request, pk)
    points = staffed_points(request.user)
    if not points.exists():
        raise PermissionDenied(_("You do not enter ballots at any voting point."))
    questions = list(poll.questions.all())
    refusal = None
    if request.method == "POST":
        voter = PaperVoterForm(request.POST, points=points)
        shown = shown_questions(questions, chosen_options(request.POST, questions))
        form = BallotForm(request.POST, poll=poll, questions=shown)
        if voter.is_valid() and form.is_valid():
            refusal = _enter(request, poll, voter, form)
            if refusal is None and not (voter.errors or form.errors):
                return redirect("polls:paper", pk=poll.pk)
    else:
        voter = PaperVoterForm(points=points)
        form = BallotForm(poll=poll, questions=questions)
    return render(
        request,
        "polls/paper.html",
        {"poll": poll, "voter_form": voter, "form": form, "refusal": refusal},
        status=200 if refusal is None and not (voter.errors or form.errors) else 400,
    )


def _enter(request, poll, voter: PaperVoterForm, form: BallotForm) -> str | None:
    """Record the ballot; the refusal in words, or None (errors land on the forms)."""
    data = voter.cleaned_data
    try:
        with paper_slot(request.user):
            paper_ballot_enter(
                actor=request.user,
                point=data["point"],
                poll=poll,
                identity=PaperIdentity(
                    settlement=data["settlement"], document_seen=data["document_seen"]
                ),
                answers=form.responses(),
                demographics=form.demographics(),
                **{name: data[name] for name in VOTER_FIELDS},
            )
    except ratelimit.Limited as error:
        return _("Too many ballots in a short time: try again in %(minutes)d min.") % {
            "minutes": ratelimit.minutes_to_wait(error.retry_after)
        }
    except PermissionDenied as error:
        return error_text(error)
    except ValidationError as error:
        about_voter = hasattr(error, "error_dict") and set(error.error_dict) & set(VOTER_FIELDS)
        apply_service_errors(voter if about_voter else form, error)
        return None
    name = " ".join(filter(None, (data["first_name"], data["last_name"]))) or _("the voter")
    messages.success(
        request,
        _("The paper ballot of %(name)s is counted at «%(point)s».")
        % {"name": name, "point": data["point"].title},
    )
    return None
