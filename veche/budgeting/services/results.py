"""The winners of a contest, computed from the data and stored with their reasoning, and the
organizer's override with a published written reason (issue 13, point 4; winners.py)."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from ..models import (
    Application,
    Contest,
    PublicVote,
    ResultOverride,
    TieRule,
    VoteTally,
    VotingResult,
    WinnerMethod,
)
from ..rules import terms_of
from ..scoring import application_scores
from ..winners import Ranked, equal_shares, greedy, new_seed, order, ranking, register_ranking
from ._common import contest_changed, lock_contest, require
from ._steps import step


def votes_ranking(contest: Contest) -> list[Ranked]:
    """The projects on the ballot, scored by their votes (the counters, not a count)."""
    tallies = VoteTally.objects.filter(contest=contest).select_related("application")
    return [
        Ranked(
            application=t.pk,
            title=t.application.title,
            cost=t.cost,
            score=t.votes,
            votes=t.votes,
            submitted_at=t.application.submitted_at,
        )
        for t in tallies
    ]


def score_ranking(contest: Contest) -> list[Ranked]:
    """The admitted projects scored by the commission's weighted totals (the public vote counts
    where it is one of the contest's computed criteria); votes, where there was a vote, are the
    tie rule's "more votes"."""
    totals = application_scores(contest)
    votes = dict(VoteTally.objects.filter(contest=contest).values_list("pk", "votes"))
    return [
        Ranked(
            application=a.pk,
            title=a.title,
            cost=a.cost,
            score=totals[a.pk][1],
            votes=votes.get(a.pk, 0),
            submitted_at=a.submitted_at,
        )
        for a in Application.objects.filter(pk__in=totals)
    ]


register_ranking("votes", votes_ranking)
register_ranking("score", score_ranking)


def contest_ballots(contest: Contest) -> list[set[int]]:
    """Each voter's approved projects (for the Method of Equal Shares and Pabulib)."""
    ballots: dict[int, set[int]] = {}
    rows = PublicVote.objects.filter(tally__contest=contest).values_list("user_id", "tally_id")
    for user_id, tally_id in rows.order_by("user_id").iterator(chunk_size=5000):
        ballots.setdefault(user_id, set()).add(tally_id)
    return list(ballots.values())


def decide(contest: Contest, *, seed: str = "") -> tuple[list, str]:
    """The decisions by the contest's terms, reproducible from the data and the seed."""
    terms = terms_of(contest)
    if terms.tie_rule == TieRule.DRAW and not seed:
        seed = new_seed()
    ordered = order(ranking(terms.ranking)(contest), tie_rule=terms.tie_rule, seed=seed)
    if terms.winner_method == WinnerMethod.EQUAL_SHARES:
        decisions = equal_shares(ordered, ballots=contest_ballots(contest), budget=contest.budget)
    else:
        decisions = greedy(ordered, budget=contest.budget)
    return decisions, seed


def results_compute(*, user, contest: Contest) -> VotingResult:
    """Compute (or recompute) the winners once voting is over. A draw's seed is kept, so a
    recomputation draws the same; overrides stay and apply by application."""
    with transaction.atomic():
        contest = lock_contest(contest)
        require(
            user,
            "budgeting.compute_winners",
            contest,
            _("Winners are computed by the contest's organizer once voting is over."),
        )
        terms = terms_of(contest)
        if terms is None:
            raise ValidationError(_("This contest has no public voting."))
        previous = VotingResult.objects.filter(contest=contest).first()
        decisions, seed = decide(contest, seed=previous.seed if previous else "")
        result, _created = VotingResult.objects.update_or_create(
            contest=contest,
            defaults={
                "ranking": terms.ranking,
                "method": terms.winner_method,
                "tie_rule": terms.tie_rule,
                "seed": seed,
                "decisions": [d.as_json() for d in decisions],
                "computed_at": timezone.now(),
                "computed_by": user,
            },
        )
        set_outcomes(result, user)
        contest_changed(
            contest,
            user=user,
            action="winners_computed",
            details={"method": terms.winner_method, "winners": sum(d.won for d in decisions)},
        )
    return result


OUTCOME_MESSAGES = {
    Application.Status.WINNER: gettext_noop("Among the contest's winners."),
    Application.Status.NOT_SELECTED: gettext_noop(
        "Not among the contest's winners: the results say why."
    ),
}
# Past the result: the registry of realized projects has taken the project over.
IMPLEMENTING = (Application.Status.IN_IMPLEMENTATION, Application.Status.IMPLEMENTED)


@transaction.atomic
def set_outcomes(result: VotingResult, user) -> None:
    """Each project of the result becomes a winner or not selected — the organizer's latest
    override decides where there is one — with its timeline entry and notice; a status that
    does not change records nothing. Called with the contest locked (applications after it)."""
    overrides = result.overrides.order_by("created_at", "pk").values_list("application_id", "won")
    won = {d["application"]: d["won"] for d in result.decisions} | dict(overrides)
    for application in Application.objects.select_for_update().filter(pk__in=won).order_by("pk"):
        status = (
            Application.Status.WINNER if won[application.pk] else Application.Status.NOT_SELECTED
        )
        if application.status == status or application.status in IMPLEMENTING:
            continue
        application.status = status
        application.save(update_fields=["status", "updated_at"])
        step(application, status, actor=user, message=OUTCOME_MESSAGES[status])


def result_override(
    *, user, contest: Contest, application: Application, won: bool, reason: str
) -> ResultOverride:
    """Change one decision; the written reason is published beside the result."""
    reason = reason.strip()
    with transaction.atomic():
        contest = lock_contest(contest)
        require(
            user,
            "budgeting.compute_winners",
            contest,
            _("Only the contest's organizer changes its result."),
        )
        result = VotingResult.objects.filter(contest=contest).first()
        if result is None:
            raise ValidationError(_("Compute the result first."))
        if not reason:
            raise ValidationError(
                {"reason": [_("Write the reason: it is published with the result.")]}
            )
        if application.contest_id != contest.pk or not any(
            d["application"] == application.pk for d in result.decisions
        ):
            raise ValidationError(_("This project is not in the contest's result."))
        override = ResultOverride(
            result=result, application=application, won=won, reason=reason, actor=user
        )
        override.full_clean()
        override.save()
        set_outcomes(result, user)
        contest_changed(
            contest,
            user=user,
            action="result_overridden",
            details={"application": application.pk, "won": won},
        )
    return override
