"""Who wins a contest: a ranking, a tie rule and a method, as pure functions of the data
(issue 13, point 4; docs/budgeting.md, "Winners").

**The seam for other rankings.** A ranking turns a contest into `Ranked` rows (one per project
on the ballot: its score, its votes, its cost, when it was submitted). Public voting registers
"votes" (the score is the number of votes); the expert scoring registers "score" the same way —
`register_ranking("score", weighted_totals)` from its module, where `weighted_totals(contest)`
returns `Ranked` rows whose `score` is the weighted total (votes as a computed criterion where
the contest has one) — and the contest's `VotingTerms.ranking` names it. Nothing here changes:
`order` breaks ties by the contest's rule and `greedy` fills the budget. The Method of Equal
Shares needs the ballots themselves, so it is offered only to contests ranked by votes alone
(a database CHECK on the terms).

Every decision carries its reason as a msgid with parameters (rendered in the reader's
language), so the result page says why each project won or was skipped.
"""

import random
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal
from fractions import Fraction

from django.utils.translation import gettext_noop

from .models import TieRule


@dataclass(frozen=True)
class Ranked:
    application: int
    title: str
    cost: Decimal
    score: Decimal
    votes: int
    submitted_at: datetime | None


@dataclass
class Decision:
    application: int
    title: str
    cost: Decimal
    score: Decimal
    votes: int
    rank: int
    won: bool
    reason: str
    params: dict = field(default_factory=dict)

    def as_json(self) -> dict:
        return {
            "application": self.application,
            "title": self.title,
            "cost": str(self.cost),
            "score": str(self.score),
            "votes": self.votes,
            "rank": self.rank,
            "won": self.won,
            "reason": self.reason,
            "params": self.params,
        }


_RANKINGS: dict[str, Callable] = {}


def register_ranking(code: str, rank: Callable) -> None:
    """`rank(contest) -> list[Ranked]`: a source of scores for the winner rule."""
    _RANKINGS[code] = rank


def ranking(code: str) -> Callable:
    try:
        return _RANKINGS[code]
    except KeyError:
        raise LookupError(f"No ranking {code!r} is registered") from None


def new_seed() -> str:
    """A public draw's seed: recorded with the result, so anyone can redo the draw."""
    return f"{random.SystemRandom().getrandbits(128):032x}"


def order(rows: Iterable[Ranked], *, tie_rule: str, seed: str = "") -> list[Ranked]:
    """Best score first; equal scores by the contest's rule: the earlier submission, more votes
    (then the earlier submission), or a draw: a shuffle of the ids by `random.Random(seed)`."""
    rows = sorted(rows, key=lambda r: r.application)
    draw: dict[int, int] = {}
    if tie_rule == TieRule.DRAW:
        ids = [r.application for r in rows]
        random.Random(seed).shuffle(ids)
        draw = {pk: n for n, pk in enumerate(ids)}
    far = datetime.max

    def key(r: Ranked):
        when = r.submitted_at.replace(tzinfo=None) if r.submitted_at else far
        if tie_rule == TieRule.DRAW:
            return (-r.score, draw[r.application])
        if tie_rule == TieRule.VOTES:
            return (-r.score, -r.votes, when, r.application)
        return (-r.score, when, r.application)

    return sorted(rows, key=key)


def greedy(ordered: Sequence[Ranked], *, budget: Decimal) -> list[Decision]:
    """Fill the budget in rank order; a project that no longer fits is skipped and the next one
    that fits is taken."""
    left = budget
    decisions = []
    for rank, row in enumerate(ordered, start=1):
        fits = row.cost <= left
        if fits:
            left -= row.cost
            reason = gettext_noop("Won: rank %(rank)s, it fits the budget; %(left)s ₽ remain.")
        else:
            reason = gettext_noop(
                "Skipped: rank %(rank)s, it costs %(cost)s ₽ and only %(left)s ₽ remain."
            )
        decisions.append(
            _decision(
                row,
                rank,
                fits,
                reason,
                {"rank": rank, "left": _money(left), "cost": _money(row.cost)},
            )
        )
    return decisions


def equal_shares(
    ordered: Sequence[Ranked], *, ballots: Iterable[Iterable[int]], budget: Decimal
) -> list[Decision]:
    """The Method of Equal Shares with cost utilities (equalshares.net; pabutools'
    `method_of_equal_shares` with `Cost_Sat`), without completion. Every voter gets an equal part
    of the budget; a project is bought when its supporters can pay its cost, each paying an equal
    share or all he has left; of the affordable projects the one with the lowest share per rouble
    is bought first; equal ones in `ordered` (the tie rule's) order. Exact fractions throughout.
    """
    ballots = [set(b) for b in ballots]
    ballots = [b for b in ballots if b]
    rank_of = {row.application: n for n, row in enumerate(ordered, start=1)}
    rows = {row.application: row for row in ordered}
    decisions: dict[int, Decision] = {}
    if not ballots:
        return [
            _decision(r, rank_of[r.application], False, gettext_noop("Skipped: no votes."), {})
            for r in ordered
        ]
    share = Fraction(budget) / len(ballots)
    money = [share] * len(ballots)
    supporters = {pk: [i for i, b in enumerate(ballots) if pk in b] for pk in rows}
    remaining = [r.application for r in ordered]
    bought = 0
    while remaining:
        best, best_rho, best_payment = None, None, None
        for pk in list(remaining):
            cost = Fraction(rows[pk].cost)
            have = sum(money[i] for i in supporters[pk])
            if cost == 0 or have < cost:
                remaining.remove(pk)
                decisions[pk] = _decision(
                    rows[pk],
                    rank_of[pk],
                    False,
                    gettext_noop(
                        "Skipped: its %(voters)s supporters had %(have)s ₽ of their equal shares "
                        "left, less than its cost of %(cost)s ₽."
                    ),
                    {
                        "voters": len(supporters[pk]),
                        "have": _money(Decimal(float(have))),
                        "cost": _money(rows[pk].cost),
                    },
                )
                continue
            payment = _equal_payment(sorted(money[i] for i in supporters[pk]), cost)
            rho = payment / cost
            if best_rho is None or rho < best_rho:
                best, best_rho, best_payment = pk, rho, payment
        if best is None:
            break
        remaining.remove(best)
        for i in supporters[best]:
            money[i] -= min(money[i], best_payment)
        bought += 1
        decisions[best] = _decision(
            rows[best],
            rank_of[best],
            True,
            gettext_noop(
                "Won (%(order)s. bought): its %(voters)s supporters paid its cost, each at most "
                "%(payment)s ₽ of their equal shares — the lowest share of the projects left."
            ),
            {
                "order": bought,
                "voters": len(supporters[best]),
                "payment": _money(Decimal(float(best_payment))),
            },
        )
    return [decisions[r.application] for r in ordered]


def _equal_payment(budgets: list[Fraction], cost: Fraction) -> Fraction:
    """The least p with Σ min(b, p) = cost over the supporters' budgets (sorted ascending)."""
    paid = Fraction(0)
    for n, b in enumerate(budgets):
        rest = len(budgets) - n
        p = (cost - paid) / rest
        if p <= b:
            return p
        paid += b
    return budgets[-1]  # pragma: no cover - callers check Σ b ≥ cost


def _decision(row: Ranked, rank: int, won: bool, reason: str, params: dict) -> Decision:
    return Decision(
        application=row.application,
        title=row.title,
        cost=row.cost,
        score=row.score,
        votes=row.votes,
        rank=rank,
        won=won,
        reason=reason,
        params=params,
    )


def _money(value: Decimal) -> str:
    return f"{Decimal(value):,.2f}".replace(",", " ")
