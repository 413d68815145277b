"""A contest in the Pabulib format (pabulib.org/format) that researchers and `pabutools` read:
META, PROJECTS and VOTES sections, `;`-separated, one voter per line by his per-contest
pseudonym. Written line by line, so a contest with 802,034 votes streams in constant memory."""

from collections.abc import Iterator

from django.utils import timezone

from veche.voting.models import Channel

from .models import Contest, PublicVote, VoteTally, VotingResult
from .rules import terms_of
from .selectors_voting import voter_pseudonym

RULES = {"greedy": "greedy", "equal_shares": "equalshares"}


def _clean(text: str) -> str:
    return " ".join(str(text).replace(";", ",").split())


def _money(value) -> str:
    return f"{value:.0f}" if value == int(value) else f"{value:.2f}"


def pabulib_lines(contest: Contest) -> Iterator[str]:
    terms = terms_of(contest)
    tallies = list(
        VoteTally.objects.filter(contest=contest).select_related("application").order_by("pk")
    )
    result = VotingResult.objects.filter(contest=contest).first()
    won = {d["application"] for d in result.decisions if d["won"]} if result else set()
    overrides = result.overrides.all() if result else []
    for override in overrides:
        (won.add if override.won else won.discard)(override.application_id)
    voters = PublicVote.objects.filter(tally__contest=contest).values("user_id").distinct().count()
    voting = contest.stage_of_kind("public_voting")
    style = "approval"
    meta = [
        ("description", _clean(contest.title)),
        ("country", "Russian Federation"),
        ("unit", _clean(contest.municipality.name if contest.municipality else "region")),
        ("instance", str(contest.pk)),
        ("num_projects", str(len(tallies))),
        ("num_votes", str(voters)),
        ("budget", _money(contest.budget)),
        ("vote_type", style),
        ("rule", RULES[terms.winner_method] if result else "greedy"),
    ]
    if voting:
        meta += [
            ("date_begin", timezone.localtime(voting.starts_at).strftime("%d.%m.%Y")),
            ("date_end", timezone.localtime(voting.ends_at).strftime("%d.%m.%Y")),
        ]
    meta += [("min_length", str(terms.min_choices))]
    if terms.max_choices is not None:
        meta += [("max_length", str(terms.max_choices))]
    if terms.is_knapsack:
        meta += [("max_sum_cost", _money(contest.budget))]
    yield "META"
    yield "key;value"
    for key, value in meta:
        yield f"{key};{value}"
    yield "PROJECTS"
    yield "project_id;cost;votes;name;selected"
    for tally in tallies:
        selected = 1 if tally.pk in won else 0
        name = _clean(tally.application.title)
        yield f"{tally.pk};{_money(tally.cost)};{tally.votes};{name};{selected}"
    yield "VOTES"
    yield "voter_id;vote;voting_method"
    rows = (
        PublicVote.objects.filter(tally__contest=contest)
        .order_by("user_id", "tally_id")
        .values_list("user_id", "tally_id", "channel")
    )
    current, chosen, method = None, [], ""
    for user_id, tally_id, channel in rows.iterator(chunk_size=5000):
        if user_id != current:
            if current is not None:
                yield f"{voter_pseudonym(contest.pk, current)};{','.join(chosen)};{method}"
            current, chosen = user_id, []
            method = "paper" if channel == Channel.PAPER else "internet"
        chosen.append(str(tally_id))
    if current is not None:
        yield f"{voter_pseudonym(contest.pk, current)};{','.join(chosen)};{method}"
